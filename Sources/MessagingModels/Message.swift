import SimulationKernel

/// Index of a live message in the `MessageArena`; reused once the message is settled.
public struct MessageRef: Hashable, Sendable {
    public var slot: Int32
    public init(_ slot: Int32) { self.slot = slot }
}

/// What the simulator tracks of one message while it is in the system.
public struct MessageRecord: Sendable {
    /// Unique id in publish order, starting at 1 (what idempotency keys on).
    public var id: UInt64
    /// When the producer published it.
    public var publishedAt: SimTime
    /// Whether it counts in latency/throughput statistics (published at or after warm-up).
    public var measured: Bool
    /// Whether the arena holds a `MessageTag` for it (set by `MessageArena.allocate(_:tag:)`);
    /// declared here to sit in the padding after `measured`.
    public var isTagged = false
    /// Deliveries to a consumer so far (SQS's ApproximateReceiveCount).
    public var receiveCount: Int32
    /// Processing attempts started so far.
    public var attempts: Int32
    /// Start of the current (or last) processing attempt.
    public var attemptStartedAt: SimTime
    /// The queue it is in.
    public var queue: Int32
    /// The producer (index in `SystemModel.producers`) that published it, or whose message
    /// started the chain of publishes it belongs to.
    public var producer: Int32

    public init(id: UInt64, publishedAt: SimTime, measured: Bool, queue: Int32, producer: Int32) {
        self.id = id
        self.publishedAt = publishedAt
        self.measured = measured
        self.receiveCount = 0
        self.attempts = 0
        self.attemptStartedAt = publishedAt
        self.queue = queue
        self.producer = producer
    }
}

/// Storage for the messages in flight, with slot reuse: memory follows how many messages are
/// in the system at once, not how many were simulated.
///
/// - Complexity: O(1) amortised allocate and release.
public struct MessageArena {
    var records: ContiguousArray<MessageRecord> = []
    var freeSlots: ContiguousArray<Int32> = []
    var live: ContiguousArray<Bool> = []
    /// Tags of tagged messages, by slot; grown on demand (see `MessageTag`).
    var tags: ContiguousArray<MessageTag> = []

    public init() {
        records.reserveCapacity(1024)
        freeSlots.reserveCapacity(1024)
    }

    /// Messages currently stored.
    public var liveCount: Int { records.count - freeSlots.count }
    /// Slots ever allocated: the high-water mark of messages in the system.
    public var capacityUsed: Int { records.count }

    /// Stores `record` and returns its reference.
    public mutating func allocate(_ record: MessageRecord) -> MessageRef {
        if let slot = freeSlots.popLast() {
            records[Int(slot)] = record
            live[Int(slot)] = true
            return MessageRef(slot)
        }
        records.append(record)
        live.append(true)
        return MessageRef(Int32(records.count - 1))
    }

    /// Frees the slot of a settled message.
    public mutating func release(_ ref: MessageRef) {
        live[Int(ref.slot)] = false
        freeSlots.append(ref.slot)
    }

    /// References of the messages currently stored, in slot order.
    public func liveReferences() -> [MessageRef] {
        live.indices.filter { live[$0] }.map { MessageRef(Int32($0)) }
    }

    public subscript(ref: MessageRef) -> MessageRecord {
        get { records[Int(ref.slot)] }
        set { records[Int(ref.slot)] = newValue }
    }
}
