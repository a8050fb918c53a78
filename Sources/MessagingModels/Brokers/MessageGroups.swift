import SimulationKernel

/// The message groups of a FIFO queue with `messageGroups` (SQS FIFO message groups, Service
/// Bus sessions): each group's messages wait in their own FIFO, and a group with a message in
/// flight is locked until that message leaves flight.
///
/// A group is *available* when it has waiting messages and is not locked; `available` lists
/// the available groups in the order they became so, and dispatch serves the oldest. Group
/// index = key id; the last index is the group of messages without a key.
/// - Note: Source: Amazon SQS API Reference, `SendMessage` parameter `MessageGroupId`
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html);
///   Azure Service Bus "Message sessions"
///   (https://learn.microsoft.com/azure/service-bus-messaging/message-sessions).
struct MessageGroups {
    /// Waiting messages of each group, head first (lazily deleted like `QueueState.ready`);
    /// nil until the group's first message.
    var waiting: [RingBuffer<MessageRef>?]
    /// Slot of the message in flight of each group; -1 = unlocked.
    var lockedBy: ContiguousArray<Int32>
    /// Whether each group is listed in `available`.
    var listed: ContiguousArray<Bool>
    /// Available groups, oldest first.
    var available = RingBuffer<Int32>(capacity: 64)
    /// Groups that had a message; groups locked now, and the most at once.
    var groupsSeen = 0
    var locked = 0
    var maxLocked = 0

    init(groupCount: Int) {
        waiting = Array(repeating: nil, count: groupCount)
        lockedBy = ContiguousArray(repeating: -1, count: groupCount)
        listed = ContiguousArray(repeating: false, count: groupCount)
    }

    /// Puts `ref` at the tail (or head) of group `g` and lists the group if it is available.
    mutating func push(_ ref: MessageRef, group g: Int, atHead: Bool) {
        if waiting[g] == nil {
            waiting[g] = RingBuffer(capacity: 4)
            groupsSeen += 1
        }
        if atHead { waiting[g]?.prepend(ref) } else { waiting[g]?.append(ref) }
        listIfAvailable(g)
    }

    /// Lists group `g` if it has waiting messages, is unlocked and not listed yet.
    mutating func listIfAvailable(_ g: Int) {
        guard lockedBy[g] < 0, !listed[g], waiting[g]?.isEmpty == false else { return }
        listed[g] = true
        available.append(Int32(g))
    }

    /// Group `g` now has message `slot` in flight.
    mutating func lock(_ g: Int, by slot: Int32) {
        if lockedBy[g] < 0 {
            locked += 1
            maxLocked = max(maxLocked, locked)
        }
        lockedBy[g] = slot
    }

    /// Group `g`'s message left flight: the group may be served again.
    mutating func unlock(_ g: Int) {
        guard lockedBy[g] >= 0 else { return }
        lockedBy[g] = -1
        locked -= 1
        listIfAvailable(g)
    }
}
