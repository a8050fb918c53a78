import SimulationKernel

/// The lag of one partition for one group at a sample time (for tests and traces).
public struct LagSample: Sendable, Equatable {
    public var time: SimTime
    public var stream: Int
    public var group: Int
    public var partition: Int
    /// Next offset to be appended to the partition.
    public var endOffset: Int64
    /// The group's committed offset.
    public var committedOffset: Int64
    /// Lag in records.
    public var lag: Int64
}
