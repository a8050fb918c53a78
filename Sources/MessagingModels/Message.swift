import SimulationKernel

/// Index of a live message in the `MessageArena`; reused once the message is settled.
public struct MessageRef: Hashable, Sendable {
    public var slot: Int32
    public init(_ slot: Int32) { self.slot = slot }
}

/// A reference that stays safe in a timer: it names the slot and the slot's generation, so a
/// timer firing after the message was settled (and its slot reused) is recognised as stale.
public struct MessageHandle: Hashable, Sendable {
    public var ref: MessageRef
    public var generation: UInt32
}

/// Where a message is, as the broker sees it.
public enum MessageState: UInt8, Sendable {
    /// Being published: not in a queue yet (or waiting for a publish retry).
    case publishing
    /// Visible in its queue, waiting for delivery.
    case ready
    /// Waiting for a retry backoff.
    case delayed
    /// Delivered and not yet acked (or auto-acked and being processed).
    case inFlight
    /// Its outcome is decided (acked, dead-lettered, dropped, lost); kept only while some
    /// consumer still holds it.
    case settled
}

/// What the simulator tracks of one message while it is in the system.
public struct MessageRecord: Sendable {
    /// Unique id in publish order, starting at 1 (what idempotency keys on).
    public var id: UInt64
    /// When the producer published it.
    public var publishedAt: SimTime
    /// Whether it counts in latency/throughput statistics (published at or after warm-up).
    public var measured: Bool
    /// Poison: every processing attempt fails.
    public var isPoison: Bool
    /// Delivered with auto ack: the broker already forgot it.
    public var autoAcked: Bool
    /// A processing attempt of it has succeeded (its side effect ran).
    public var processed: Bool
    /// Is in its queue's ready ring (possibly lazily deleted, if no longer `ready`).
    public var inRing: Bool
    public var state: MessageState
    /// Whether the arena holds a `MessageTag` for it (set by `MessageArena.allocate(_:tag:)`);
    /// declared here to sit in the padding after `measured`.
    public var isTagged = false
    /// Dead-lettered at least once: it has lost its own expiration (its producer's message
    /// TTL no longer applies).
    public var wasDeadLettered = false
    /// Deliveries to a consumer so far (SQS's ApproximateReceiveCount).
    public var receiveCount: Int32
    /// Processing attempts started so far.
    public var attempts: Int32
    /// Consumer instances holding it (buffered or processing).
    public var holders: Int16
    /// Attempts in progress right now (more than one after a visibility timeout).
    public var activeAttempts: Int16
    /// Start of its first processing attempt.
    public var firstAttemptAt: SimTime
    /// End of its last finished attempt (for the retry delay).
    public var lastAttemptEnd: SimTime
    /// Time spent waiting between a failed attempt and the next one.
    public var retryWait: SimDuration
    /// The queue it is in.
    public var queue: QueueID
    /// The queue it was first published to (differs after dead-lettering).
    public var originalQueue: QueueID
    /// The producer (index in `SystemModel.producers`) that published it, or whose message
    /// started the chain of publishes it belongs to.
    public var producer: ProducerID

    public init(id: UInt64, publishedAt: SimTime, measured: Bool, queue: QueueID, producer: ProducerID, isPoison: Bool = false) {
        self.id = id
        self.publishedAt = publishedAt
        self.measured = measured
        self.isPoison = isPoison
        autoAcked = false
        processed = false
        inRing = false
        state = .publishing
        receiveCount = 0
        attempts = 0
        holders = 0
        activeAttempts = 0
        firstAttemptAt = publishedAt
        lastAttemptEnd = publishedAt
        retryWait = .zero
        self.queue = queue
        originalQueue = queue
        self.producer = producer
    }
}

/// Storage for the messages in flight, with slot reuse: memory follows how many messages are
/// in the system at once, not how many were simulated.
///
/// - Complexity: O(1) amortised allocate and release.
public struct MessageArena {
    /// The records by slot, written in place on the hot path (no copy-on-write check); an
    /// arena belongs to one simulation and is never copied while in use.
    let records = RecordBuffer<MessageRecord>(capacity: 1024)
    /// Per slot, whether it holds a message and how many messages it has held before (what
    /// handles compare). One table written in place, beside the records: allocating and
    /// releasing a slot used to write two arrays and a free list with a copy-on-write check
    /// each (a release took about 82 instructions under callgrind on the M/M/1 benchmark,
    /// now 28).
    let slots = RecordBuffer<SlotState>(capacity: 1024)
    /// Slots free for reuse, the most recently freed last.
    let freeSlots = RecordBuffer<Int32>(capacity: 1024)
    /// Tags of tagged messages, by slot; grown on demand (see `MessageTag`).
    var tags: ContiguousArray<MessageTag> = []

    /// Whether a slot is in use, and its generation (bumped at every release).
    struct SlotState {
        var generation: UInt32 = 0
        var live = true
    }

    public init() {}

    /// Messages currently stored.
    public var liveCount: Int { records.count - freeSlots.count }
    /// Slots ever allocated: the high-water mark of messages in the system.
    public var capacityUsed: Int { records.count }

    /// Stores `record` and returns its reference.
    @inline(__always) public mutating func allocate(_ record: MessageRecord) -> MessageRef {
        if let slot = freeSlots.popLast() {
            records[Int(slot)] = record
            slots[Int(slot)].live = true
            return MessageRef(slot)
        }
        records.append(record)
        slots.append(SlotState())
        return MessageRef(Int32(records.count - 1))
    }

    /// Whether `ref` names a stored message.
    public func isLive(_ ref: MessageRef) -> Bool { slots[Int(ref.slot)].live }

    /// Frees the slot of a settled message; handles to it become stale.
    public mutating func release(_ ref: MessageRef) {
        let slot = Int(ref.slot)
        precondition(slot >= 0 && slot < slots.count && slots[slot].live, "message slot released twice")
        slots[slot].live = false
        slots[slot].generation &+= 1
        freeSlots.append(ref.slot)
    }

    /// A handle for timers.
    public func handle(_ ref: MessageRef) -> MessageHandle {
        MessageHandle(ref: ref, generation: slots[Int(ref.slot)].generation)
    }

    /// The message a handle names, if it is still the same message.
    public func resolve(_ handle: MessageHandle) -> MessageRef? {
        let slot = Int(handle.ref.slot)
        return slots[slot].live && slots[slot].generation == handle.generation ? handle.ref : nil
    }

    /// References of the messages currently stored, in slot order.
    public func liveReferences() -> [MessageRef] {
        slots.indices.filter { slots[$0].live }.map { MessageRef(Int32($0)) }
    }

    public subscript(ref: MessageRef) -> MessageRecord {
        get { records[Int(ref.slot)] }
        _modify { yield &records[Int(ref.slot)] }
    }
}
