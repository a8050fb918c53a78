import SimulationKernel

/// The message groups of a FIFO queue with `messageGroups` (`QueueDiscipline.groups`; SQS
/// FIFO message groups, Service Bus sessions): each group's messages wait in their own FIFO,
/// and a group with a message in flight is locked until that message leaves flight — settled
/// (acked, dead-lettered, dropped, expired, lost) or visible again (requeue, visibility
/// timeout). A message waiting for a retry backoff keeps its group locked, as SQS keeps it
/// invisible; it returns to the head of its group, so the group's order holds through retries.
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

extension Simulation {
    /// The group of `ref` in group state `d`: its key id, or the last group for messages
    /// without a key.
    mutating func group(of ref: MessageRef, _ d: Int) -> Int {
        let key = keyStamp(of: ref).key
        return key >= 0 ? Int(key) : disciplines.groups[d].lockedBy.count - 1
    }

    /// A new message joins the tail of its group.
    mutating func groupsEnqueue(_ ref: MessageRef, _ d: Int) {
        waitInGroup(ref, d, atHead: false)
    }

    /// A message back from flight returns to the head of its group, which it unlocks (after
    /// a nack or a retry backoff alike).
    mutating func groupsRequeue(_ ref: MessageRef, _ d: Int) {
        waitInGroup(ref, d, atHead: true)
    }

    /// `ref` starts waiting in its group (at the tail; at the head when it comes back from
    /// flight), unlocking the group if it held it.
    mutating func waitInGroup(_ ref: MessageRef, _ d: Int, atHead: Bool) {
        let g = group(of: ref, d)
        if disciplines.groups[d].lockedBy[g] == ref.slot { disciplines.groups[d].unlock(g) }
        messages[ref].inRing = true
        disciplines.groups[d].push(ref, group: g, atHead: atHead)
    }

    /// `ref` is settled: if it held its group, the group is unlocked (the caller dispatches).
    mutating func groupsRemove(_ ref: MessageRef, _ d: Int) {
        let g = group(of: ref, d)
        if disciplines.groups[d].lockedBy[g] == ref.slot { disciplines.groups[d].unlock(g) }
    }

    /// The head message of the oldest available group; groups that are locked or empty leave
    /// the list, expired and over-limit heads are discarded on the way.
    mutating func groupsNextDeliverable(of q: Int, _ d: Int) -> MessageRef? {
        while let g32 = disciplines.groups[d].available.first {
            let g = Int(g32)
            guard disciplines.groups[d].lockedBy[g] < 0, let ref = disciplines.groups[d].waiting[g]?.first else {
                _ = disciplines.groups[d].available.popFirst()
                disciplines.groups[d].listed[g] = false
                continue
            }
            if isDeliverable(ref, from: q) { return ref }
            popGroupHead(g, d)
            discardUndeliverable(ref, from: q)
        }
        return nil
    }

    /// Takes `ref`, the head of the oldest available group, off it, locks the group and hands
    /// the message to instance `i`.
    mutating func groupsDeliver(_ ref: MessageRef, to i: Int, from q: Int, _ d: Int) {
        guard let g32 = disciplines.groups[d].available.popFirst() else { return }
        let g = Int(g32)
        disciplines.groups[d].listed[g] = false
        popGroupHead(g, d)
        disciplines.groups[d].lock(g, by: ref.slot)
        changeDepth(of: q, by: -1)
        hand(ref, to: i, from: q)
    }

    /// Removes the head of group `g` of group state `d`.
    mutating func popGroupHead(_ g: Int, _ d: Int) {
        if let ref = disciplines.groups[d].waiting[g]?.popFirst() { messages[ref].inRing = false }
    }
}
