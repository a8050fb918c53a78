import SimulationKernel

/// One consumer group's view of a stream: its ledger, lag and rebalances.
///
/// Ledger: `entered` = `committed` + `lost` + `remaining`, where `entered` counts the records
/// appended at or after the group's start offset (for a group that forms late from the
/// earliest record or a time, also those of its history that retention deleted before it
/// formed), `committed` those whose offset the group committed, `lost` those deleted by
/// retention (or truncated by a failover) before the group committed them, and `remaining`
/// those still uncommitted at the end.
public struct GroupMetrics: Sendable {
    public var name: String
    /// Rebalances completed (the group's first assignment is not counted).
    public var rebalances = 0
    public var entered = 0
    public var committed = 0
    public var lost = 0
    public var remaining = 0
    /// Processing completions of records this group had already processed.
    public var duplicateProcessing = 0
    /// Fetches of records this group had already fetched.
    public var duplicateDeliveries = 0
    /// Measured records (published at or after the warm-up) the group processed for the first
    /// time, and when the last of them was processed.
    public var processedMeasured = 0
    public var lastProcessedAt: SimTime?
    /// Members in the group when the run ended.
    public var finalMembers = 0
    /// Who owns which partitions when the run ended: one entry per member, in the assignors'
    /// member order (by instance name).
    public var assignment: [MemberAssignment] = []
    /// Per partition: lag in records (end offset − committed offset), final and maximum at any
    /// instant (exact, not sampled); indexed by partition.
    public var lagFinal: [Int]
    public var lagMax: [Int]
    /// Per partition: age of the oldest uncommitted record [s], final and maximum at any
    /// instant (exact, not sampled).
    public var lagSecondsFinal: [Double]
    public var lagSecondsMax: [Double]
    /// Largest total lag (summed over partitions) at any instant of the run, kept at every
    /// change (not from the samples) [messages].
    public var lagTotalMax = 0
    /// Total lag over time [messages], one value per `lagSeriesInterval`, starting at 0.
    public var lagSeries: [Int] = []
    /// Spacing of `lagSeries` [s].
    public var lagSeriesInterval: Double = 0

    public init(name: String, partitions: Int) {
        self.name = name
        lagFinal = [Int](repeating: 0, count: partitions)
        lagMax = lagFinal
        lagSecondsFinal = [Double](repeating: 0, count: partitions)
        lagSecondsMax = lagSecondsFinal
    }

    /// True when entered = committed + lost + remaining.
    public var isBalanced: Bool { entered == committed + lost + remaining }
}
