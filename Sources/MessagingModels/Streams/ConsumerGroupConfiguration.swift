import SimulationKernel

/// Index of a consumer group in `SystemModel.consumerGroups`.
public struct GroupID: Hashable, Sendable {
    public var index: Int
    public init(_ index: Int) { self.index = index }
}

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
/// - Note: Source: Apache Kafka `ConsumerConfig` defaults (shared/facts/semantics.json):
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

    public init(name: String, stream: StreamID, assignor: PartitionAssignor.Strategy = .range,
                commit: CommitPolicy = .auto(interval: SimDuration(seconds: 5)),
                rebalanceDelay: SimDuration = SimDuration(seconds: 3),
                maxPollInterval: SimDuration = SimDuration(seconds: 300), startAt: StartPosition = .latest) {
        self.name = name
        self.stream = stream
        self.assignor = assignor
        self.commit = commit
        self.rebalanceDelay = rebalanceDelay
        self.maxPollInterval = maxPollInterval
        self.startAt = startAt
    }
}

/// When a group member commits the offsets of the records it has processed.
///
/// - Note: Source: Apache Kafka `ConsumerConfig` `enable.auto.commit` (default true),
///   `auto.commit.interval.ms` (default 5000); `KafkaConsumer.commitSync` javadoc.
public enum CommitPolicy: Sendable, Equatable {
    /// Every `interval` [s], and when the member leaves or a rebalance starts (Kafka commits
    /// before revoking partitions, `ConsumerCoordinator.onJoinPrepare`, and on `close()`).
    case auto(interval: SimDuration)
    /// Right after each record is processed (`commitSync` per record): at most the record in
    /// progress is processed twice.
    case afterProcessing
}

/// Where a group with no committed offsets starts reading.
///
/// - Note: Source: Apache Kafka `ConsumerConfig` `auto.offset.reset` (earliest | latest,
///   default latest) and `KafkaConsumer.offsetsForTimes` javadoc (the earliest offset whose
///   timestamp is ≥ the given time); Redis `XGROUP CREATE … 0 | $`
///   (shared/facts/observed-rabbitmq-redis.md, Redis 1).
public enum StartPosition: Sendable, Equatable {
    /// The oldest retained record.
    case earliest
    /// The end of each partition when the group forms: only records appended later.
    case latest
    /// The first record appended at or after this time since the start of the run; a time
    /// after the group forms behaves like `latest`.
    case time(SimTime)
}

/// How one consumer entry's instances take part in a group.
public struct GroupMembership: Sendable {
    /// The group its instances join.
    public var group: GroupID
    /// When the instances join the group [s since start].
    public var joinAt: SimTime
    /// When the instances leave the group (a clean shutdown, which commits); nil = never.
    public var leaveAt: SimTime?

    public init(group: GroupID, joinAt: SimTime = .zero, leaveAt: SimTime? = nil) {
        self.group = group
        self.joinAt = joinAt
        self.leaveAt = leaveAt
    }
}
