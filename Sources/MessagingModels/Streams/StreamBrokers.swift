/// The brokers that lead a stream's partitions, and the capacity each broker shares among
/// the partitions it leads: a limit shared by partitions, where `StreamConfiguration.capacity`
/// is each partition's own.
///
/// ```json
/// "profile": {"brokers": 3, "brokerMessagesPerSecond": 674677, "brokerBytesPerSecond": 67467733}
/// ```
/// Partition `p`'s leader is broker `p mod count` (round-robin from broker 0, as Kafka spreads
/// partition leaders over the brokers when it creates a topic). Every record appended to a
/// partition holds its leader's ingress for `capacity.serviceTime` (one hold per producer
/// batch), first come first served across that broker's partitions, so a topic's capacity no
/// longer grows with its partitions once every broker leads one.
///
/// Simplifications: each stream has its own brokers (topics sharing a cluster do not share its
/// capacity); followers' replication traffic is not charged separately (a figure measured with
/// replication, as the Kafka preset's is, includes it); leaders do not move.
/// - Note: Source: Apache Kafka documentation, "Replication" and "Balancing leadership"
///   (https://kafka.apache.org/documentation/#replication, #basic_ops_leader_balancing: the
///   leaders of a new topic's partitions are spread evenly over the brokers).
public struct StreamBrokers: Sendable, Equatable {
    /// Brokers leading the stream's partitions, ≥ 1.
    public var count: Int
    /// Each broker's ingress capacity (messages/s and bytes/s), shared by the partitions it leads.
    public var capacity: IngressCapacity

    public init(count: Int, capacity: IngressCapacity) {
        precondition(count >= 1, "a stream has at least one broker")
        self.count = count
        self.capacity = capacity
    }

    /// The broker leading partition `partition` (≥ 0): `partition mod count`.
    public func leader(of partition: Int) -> Int { partition % count }

    /// How many of `partitions` partitions broker `broker` leads: partitions `broker`,
    /// `broker + count`, `broker + 2·count`, … below `partitions` (0 for a broker past them).
    public func partitionsLed(by broker: Int, of partitions: Int) -> Int {
        partitions > broker ? (partitions - broker + count - 1) / count : 0
    }
}
