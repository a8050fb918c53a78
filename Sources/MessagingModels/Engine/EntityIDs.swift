import SimulationKernel

// The run's tables indexed by typed ids: `queues[id]`, with no `Int(...)` casts at the call
// sites. Each id is a dense index stored in 4 bytes (messages and events stay small) and
// indexes only its own table.

extension RecordBuffer where Element == QueueState {
    /// The run-time state of queue `id` (checked in debug builds).
    subscript(id: QueueID) -> QueueState {
        _read { yield self[id.index] }
        _modify { yield &self[id.index] }
    }
}

/// Index of a consumer instance in the run's `instances` table: the instances of every
/// consumer in file order (`worker#0`, `worker#1`, …); a consumer group's members are
/// consumer instances too.
struct ConsumerInstanceID: Hashable, Comparable {
    /// The index as stored.
    var raw: Int32
    /// Position in the table (0 ..< instances.count).
    var index: Int { Int(raw) }
    /// The instance at position `index`.
    init(_ index: Int) { raw = Int32(index) }
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }
}

/// Index of a consumer in `SystemModel.consumers` (the definition, all its instances).
struct ConsumerID: Hashable, Comparable {
    /// The index as stored.
    var raw: Int32
    /// Position in `SystemModel.consumers`.
    var index: Int { Int(raw) }
    /// The consumer at position `index`.
    init(_ index: Int) { raw = Int32(index) }
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }
}

extension RecordBuffer where Element == ConsumerInstance {
    /// Consumer instance `id` (checked in debug builds).
    subscript(id: ConsumerInstanceID) -> ConsumerInstance {
        _read { yield self[id.index] }
        _modify { yield &self[id.index] }
    }
}

/// Index of a producer instance in the run's `producers` table: the instances of every
/// producer in file order (`orders#0`, `orders#1`, …).
public struct ProducerInstanceID: Hashable, Comparable, Sendable {
    /// The index as stored.
    public var raw: Int32
    /// Position in the table (0 ..< total producer instances).
    public var index: Int { Int(raw) }
    /// The instance at position `index`.
    public init(_ index: Int) { raw = Int32(index) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }
}

/// Index of a producer in `SystemModel.producers` (the definition, all its instances).
public struct ProducerID: Hashable, Comparable, Sendable {
    /// The index as stored.
    public var raw: Int32
    /// Position in `SystemModel.producers`.
    public var index: Int { Int(raw) }
    /// The producer at position `index`.
    public init(_ index: Int) { raw = Int32(index) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }
}

extension RecordBuffer where Element == ProducerInstance {
    /// Producer instance `id` (checked in debug builds).
    subscript(id: ProducerInstanceID) -> ProducerInstance {
        _read { yield self[id.index] }
        _modify { yield &self[id.index] }
    }
}

/// Index of a partition within its stream (0 ..< partitions).
struct PartitionID: Hashable, Comparable {
    /// The index as stored.
    var raw: Int32
    /// Position among the stream's partitions.
    var index: Int { Int(raw) }
    /// Partition number `index`.
    init(_ index: Int) { raw = Int32(index) }
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }
}

/// Index of a fault in `SystemModel.faults`.
struct FaultID: Hashable, Comparable {
    /// The index as stored.
    var raw: Int32
    /// Position in `SystemModel.faults`.
    var index: Int { Int(raw) }
    /// The fault at position `index`.
    init(_ index: Int) { raw = Int32(index) }
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }
}

/// Index of a stream fault in `SystemModel.streamFaults`.
struct StreamFaultID: Hashable, Comparable {
    /// The index as stored.
    var raw: Int32
    /// Position in `SystemModel.streamFaults`.
    var index: Int { Int(raw) }
    /// The stream fault at position `index`.
    init(_ index: Int) { raw = Int32(index) }
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }
}
