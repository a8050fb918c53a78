import SimulationKernel

/// A dense index of one kind of entity — a position in that kind's table of the model or of
/// the run — stored in 4 bytes so that messages and events stay small. Each kind indexes only
/// its own table (a `QueueID` cannot index consumers), without `Int(...)` casts at the call
/// sites: `queues[id]`.
public protocol EntityID: Hashable, Comparable, Sendable {
    /// The index as stored.
    var raw: Int32 { get }
    init(raw: Int32)
}

extension EntityID {
    /// Position in its table.
    @inlinable public var index: Int { Int(raw) }
    /// The entity at position `index`; a model has far fewer than `Int32.max` of each kind.
    @inlinable public init(_ index: Int) { self.init(raw: Int32(index)) }
    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }
}

/// Index of a queue in `SystemModel.queues` (and of its run-time state).
public struct QueueID: EntityID {
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
}

/// Index of a stream in `SystemModel.streams`.
public struct StreamID: EntityID {
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
}

/// Index of a consumer group in `SystemModel.consumerGroups`.
public struct GroupID: EntityID {
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
}

/// Index of a producer in `SystemModel.producers` (the definition, all its instances).
public struct ProducerID: EntityID {
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
}

/// Index of a producer instance in the run's `producers` table: the instances of every
/// producer in file order (`orders#0`, `orders#1`, …).
public struct ProducerInstanceID: EntityID {
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
}

/// Index of a consumer in `SystemModel.consumers` (the definition, all its instances).
struct ConsumerID: EntityID { var raw: Int32 }

/// Index of a consumer instance in the run's `instances` table: the instances of every
/// consumer in file order (`worker#0`, `worker#1`, …); a consumer group's members are
/// consumer instances too.
struct ConsumerInstanceID: EntityID { var raw: Int32 }

/// Index of a partition within its stream (0 ..< partitions).
struct PartitionID: EntityID { var raw: Int32 }

/// Index of a fault in `SystemModel.faults`.
struct FaultID: EntityID { var raw: Int32 }

/// Index of a stream fault in `SystemModel.streamFaults`.
struct StreamFaultID: EntityID { var raw: Int32 }

extension RecordBuffer where Element == QueueState {
    /// The run-time state of queue `id` (checked in debug builds).
    subscript(id: QueueID) -> QueueState {
        _read { yield self[id.index] }
        _modify { yield &self[id.index] }
    }
}

extension RecordBuffer where Element == ConsumerInstance {
    /// Consumer instance `id` (checked in debug builds).
    subscript(id: ConsumerInstanceID) -> ConsumerInstance {
        _read { yield self[id.index] }
        _modify { yield &self[id.index] }
    }
}

extension RecordBuffer where Element == ProducerInstance {
    /// Producer instance `id` (checked in debug builds).
    subscript(id: ProducerInstanceID) -> ProducerInstance {
        _read { yield self[id.index] }
        _modify { yield &self[id.index] }
    }
}

