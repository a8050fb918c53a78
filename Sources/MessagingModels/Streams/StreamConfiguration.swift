import SimulationKernel

/// A partitioned, append-only log (a Kafka topic, a Redis Stream, a Kinesis stream).
///
/// ```json
/// {"name": "events", "type": "stream", "partitions": 6, "retention": "7d",
///  "partitioner": "murmur2", "replicas": 3, "minInSyncReplicas": 2, "replicationDelay": "5ms",
///  "profile": {"messagesPerSecond": 300000, "bytesPerSecond": 30000000}}
/// ```
/// Records are appended to one partition each and are not removed when consumed: every
/// consumer group reads every record, in offset order within a partition, and commits how far
/// it got. Records older than `retention` are deleted whether or not a group has read them.
///
/// - Note: Source: Apache Kafka documentation, "Introduction" (topics, partitions, offsets) and
///   topic configs `retention.ms` (default 604800000, 7 days), `min.insync.replicas`
///   (default 1): https://kafka.apache.org/documentation/#topicconfigs.
public struct StreamConfiguration: Sendable {
    /// Unique broker name.
    public var name: String
    /// Number of partitions, ≥ 1. Kafka's `num.partitions` default is 1.
    public var partitions: Int
    /// Records older than this are deleted [s]; nil = kept for ever. Kafka's default is 7 days.
    public var retention: SimDuration?
    /// How producers without an explicit partition choose one.
    public var partitioner: Partitioner
    /// Records a producer sends to one partition before the `sticky` partitioner (and
    /// `murmur2` for records without a key) switches to another, ≥ 1. Kafka switches when a
    /// batch of `batch.size` bytes (16384) is full; 16 records stand for 1 KiB records.
    public var stickyBatch: Int
    /// Copies of each partition (leader included), ≥ 1.
    public var replicas: Int
    /// With `acks: "all"`, a write needs this many in-sync copies, 1 … `replicas`.
    public var minInSyncReplicas: Int
    /// Time for a follower to copy a record from the leader [s]; 0 = at once.
    public var replicationDelay: SimDuration
    /// Interval of the lag-over-time series [s] (doubles when the series is full).
    public var lagSampleInterval: SimDuration
    /// Ingress capacity of each partition (messages/s and bytes/s; `IngressCapacity`): a
    /// partition's leader appends one record at a time, so past it publishes wait and their
    /// latency grows (`Simulation+StreamCapacity.swift`); nil = a partition appends without
    /// limit.
    public var capacity: IngressCapacity?
    /// The brokers leading the partitions and the capacity each shares among the partitions it
    /// leads (`StreamBrokers`); nil = no limit shared by partitions.
    public var brokers: StreamBrokers?
    /// What `messagesPerSecond` (of `capacity` and of `brokers`) counts: records, or produce
    /// requests — one per producer batch — when the ingress has a per-request cost.
    public var ingressUnit: BrokerProfile.IngressUnit = .messages

    /// True when appends wait for an ingress (a partition's or a broker's capacity).
    public var hasIngress: Bool { capacity != nil || brokers != nil }

    /// A stream with every setting given: a scenario's defaults are `ScenarioDefaults`' (the
    /// reader passes them), so the model declares none.
    public init(name: String, partitions: Int, retention: SimDuration?, partitioner: Partitioner, stickyBatch: Int,
                replicas: Int, minInSyncReplicas: Int, replicationDelay: SimDuration, lagSampleInterval: SimDuration) {
        self.name = name
        self.partitions = partitions
        self.retention = retention
        self.partitioner = partitioner
        self.stickyBatch = stickyBatch
        self.replicas = replicas
        self.minInSyncReplicas = minInSyncReplicas
        self.replicationDelay = replicationDelay
        self.lagSampleInterval = lagSampleInterval
    }
}

/// How a producer picks the partition of a record.
///
/// - Note: Source: Apache Kafka javadoc `org.apache.kafka.clients.producer.internals.BuiltInPartitioner`
///   (KIP-794: murmur2 of the key, uniform sticky for null keys),
///   `org.apache.kafka.clients.producer.RoundRobinPartitioner` and
///   `org.apache.kafka.clients.producer.UniformStickyPartitioner` (KIP-480; both ignore keys).
public enum Partitioner: String, Sendable, CaseIterable {
    /// Kafka's default: `toPositive(murmur2(utf8(key))) % partitions` for records with a key;
    /// records without a key go to a sticky partition that changes every `stickyBatch` records.
    case murmur2
    /// Every record to the next partition in turn, keys ignored (`RoundRobinPartitioner`).
    case roundRobin
    /// Batches of `stickyBatch` records to one partition, then another chosen at random,
    /// keys ignored (`UniformStickyPartitioner`).
    ///
    /// Simplification: Kafka switches when a batch (`batch.size`, 16 KiB) is full or sent and,
    /// since KIP-794, weighs partitions by their queue sizes; here the batch is a fixed count
    /// and the next partition is uniform among the others.
    case sticky
}
