import SimulationKernel

/// How a producer writes to a stream: record keys, acknowledgements and idempotence.
///
/// ```json
/// {"name": "clicks", "publishTo": "events", "message": {"keys": {"count": 100}},
///  "acks": "all", "idempotent": true, "arrivals": {"poisson": {"rate": 500}}}
/// ```
/// - Note: Source: Apache Kafka `ProducerConfig` (`acks` default "all" since 3.0,
///   `enable.idempotence` default true; https://kafka.apache.org/documentation/#producerconfigs).
public struct StreamPublishing: Sendable {
    /// The stream written to.
    public var stream: StreamID
    /// Record keys.
    public var keys: MessageKeys
    /// When the producer considers a record written.
    public var acks: Acks
    /// Whether the broker drops a retried record it already has (Kafka's idempotent producer).
    public var idempotent: Bool

    public init(stream: StreamID, keys: MessageKeys = .none, acks: Acks = .all, idempotent: Bool = true) {
        self.stream = stream
        self.keys = keys
        self.acks = acks
        self.idempotent = idempotent
    }
}

/// Kafka's producer `acks` setting.
///
/// - Note: Source: Apache Kafka producer config `acks`
///   (https://kafka.apache.org/documentation/#producerconfigs_acks).
public enum Acks: String, Sendable, CaseIterable {
    /// No acknowledgement: the record is sent and forgotten; a failover loses it silently
    /// and the producer never retries.
    case none = "0"
    /// The leader acknowledges once it has the record; records not yet copied to a follower
    /// are lost if the leader fails.
    case leader = "1"
    /// Acknowledged once every in-sync replica has it (and at least `minInSyncReplicas` do):
    /// no loss while one in-sync replica survives.
    case all
}
