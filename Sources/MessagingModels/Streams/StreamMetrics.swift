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
    /// The partitions' ingress capacity (each partition's); nil = unlimited.
    public var capacity: IngressCapacity?
    /// With a capacity: the ingress of all partitions together (busy time summed over the
    /// partitions, publishes that waited, send → append per publish).
    public var ingress = IngressMetrics()
    /// With a capacity: time each partition's ingress was busy [s], indexed by partition;
    /// count == partitions (empty without a capacity).
    public var partitionBusySeconds: [Double] = []
    /// Records published and still waiting for their partition's ingress when the run ended.
    public var pendingIngress = 0
    /// The brokers leading the partitions and each one's capacity; nil = no limit shared by
    /// partitions.
    public var brokers: StreamBrokers?
    /// With `brokers`: time each broker's ingress was busy [s], indexed by broker; count ==
    /// brokers (empty without).
    public var brokerBusySeconds: [Double] = []
    /// Records published and still waiting in a producer's send batch when the run ended.
    public var pendingInBatches = 0

    public init(name: String, partitions: Int, windowStart: SimTime) {
        self.name = name
        partitionCount = partitions
        appended = [Int](repeating: 0, count: partitions)
        depth = TimeWeightedAverage(windowStart: windowStart)
    }

    /// Records in the stream's partitions (appended and not truncated by a failover; records
    /// deleted by retention still count).
    public var enqueued: Int { appended.reduce(0, +) }

    /// Records published and not appended when the run ended: waiting for a re-send, for the
    /// ingress, or in a producer's batch (`remaining` in the stream's ledger).
    public var pending: Int { pendingResends + pendingIngress + pendingInBatches }

    /// The stream's own ledger: published + duplicateAppends = enqueued + lostOnFailover +
    /// pendingResends + pendingIngress + pendingInBatches.
    public var isBalanced: Bool { published + duplicateAppends == enqueued + lostOnFailover + pending }
}
