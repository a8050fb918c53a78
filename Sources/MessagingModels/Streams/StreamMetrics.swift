import SimulationKernel

/// What was measured on one stream: appends per partition, per-group lag, rebalances and the
/// ledger of each group.
public struct StreamMetrics: Sendable {
    public var name: String
    public var partitionCount: Int
    /// Records appended per partition, indexed by partition; count == partitions.
    public var appended: [Int]
    /// Per group reading this stream, in the order of `groupNames`.
    public var groups: [GroupMetrics] = []
    /// Sum over the groups of records not yet committed by each (time-weighted over the
    /// measured window) [messages].
    public var depth: TimeWeightedAverage
    /// Latency of the measured records, over every group: queue wait (publish → first start
    /// of processing by the group) and end-to-end (publish → end of the group's first
    /// processing).
    public var latency = LatencyMetrics()
    /// Records producers published to the stream (before any failover).
    public var published = 0
    /// Records sent again after a failover and not yet written when the run ended.
    public var pendingResends = 0
    /// Records lost when a partition leader failed over with `acks` 0 or 1 (not in any group's
    /// ledger as entered, since the log lost them; counted here and in `lostByReason`).
    public var lostOnFailover = 0
    /// Records a producer retry wrote a second time (no idempotence).
    public var duplicateAppends = 0

    public init(name: String, partitions: Int, windowStart: SimTime) {
        self.name = name
        partitionCount = partitions
        appended = [Int](repeating: 0, count: partitions)
        depth = TimeWeightedAverage(windowStart: windowStart)
    }

    /// Records in the stream's partitions (appended and not truncated by a failover; records
    /// deleted by retention still count).
    public var enqueued: Int { appended.reduce(0, +) }

    /// The stream's own ledger: published + duplicateAppends = enqueued + lostOnFailover +
    /// pendingResends.
    public var isBalanced: Bool { published + duplicateAppends == enqueued + lostOnFailover + pendingResends }
}

/// One consumer group's view of a stream: its ledger, lag and rebalances.
///
/// Ledger: `entered` = `committed` + `lost` + `remaining`, where `entered` counts the records
/// appended at or after the group's start offset, `committed` those whose offset the group
/// committed, `lost` those deleted by retention (or truncated by a failover) before the group
/// committed them, and `remaining` those still uncommitted at the end.
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
    /// Members in the group when the run ended.
    public var finalMembers = 0
    /// Per partition: lag in records (end offset − committed offset), final and maximum;
    /// indexed by partition.
    public var lagFinal: [Int]
    public var lagMax: [Int]
    /// Per partition: age of the oldest uncommitted record [s], final and maximum.
    public var lagSecondsFinal: [Double]
    public var lagSecondsMax: [Double]
    /// Largest total lag (summed over partitions) seen at a lag sample [messages].
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
