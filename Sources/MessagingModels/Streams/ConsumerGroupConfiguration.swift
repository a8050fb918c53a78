import SimulationKernel

/// A consumer group on a stream: its members share the stream's partitions, each partition
/// owned by one member at a time, and the group keeps one committed offset per partition.
///
/// ```json
/// {"name": "analytics", "consumeFrom": "events", "group": "analytics", "instances": 3,
///  "assignor": "range", "commit": "auto", "autoCommitInterval": "5s",
///  "rebalanceDelay": "3s", "maxPollInterval": "5m", "startAt": "earliest",
///  "service": {"exponential": {"mean": "20ms"}}}
/// ```
/// The group keys (`assignor`, `commit`, `autoCommitInterval`, `rebalanceDelay`,
/// `maxPollInterval`, `startAt`) are written on the consumer entries; entries that share a
/// group must agree on them (the scenario format checks), so they are group settings.
///
/// - Note: Source: Apache Kafka consumer configs (https://kafka.apache.org/documentation/#consumerconfigs):
///   `auto.commit.interval.ms` 5000, `max.poll.interval.ms` 300000, `heartbeat.interval.ms`
///   3000, `auto.offset.reset` latest; broker `group.initial.rebalance.delay.ms` 3000.
public struct ConsumerGroupConfiguration: Sendable {
    /// Group name (Kafka's `group.id`).
    public var name: String
    /// The stream the group reads.
    public var stream: StreamID
    /// How partitions are shared among the members.
    public var assignor: PartitionAssignor.Strategy
    /// When offsets are committed.
    public var commit: CommitPolicy
    /// How long the group stops consuming while it rebalances [s] (the time members take to
    /// notice, rejoin and sync; Kafka members learn of a rebalance on their next heartbeat,
    /// every 3 s by default).
    public var rebalanceDelay: SimDuration
    /// A member whose processing of one record lasts longer than this is removed from the
    /// group, and its partitions reassigned [s] (Kafka `max.poll.interval.ms`, default 5 min).
    public var maxPollInterval: SimDuration
    /// Where the group starts reading when it first forms (it has no committed offsets).
    public var startAt: StartPosition

    /// A group with every setting given: a scenario's defaults are `ScenarioDefaults`' (the
    /// reader passes them), so the model declares none.
    public init(name: String, stream: StreamID, assignor: PartitionAssignor.Strategy, commit: CommitPolicy,
                rebalanceDelay: SimDuration, maxPollInterval: SimDuration, startAt: StartPosition) {
        self.name = name
        self.stream = stream
        self.assignor = assignor
        self.commit = commit
        self.rebalanceDelay = rebalanceDelay
        self.maxPollInterval = maxPollInterval
        self.startAt = startAt
    }
}
