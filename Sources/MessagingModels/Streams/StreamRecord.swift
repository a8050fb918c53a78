import SimulationKernel

/// One record of a stream partition: what the simulator keeps of it while some group may
/// still read it (32 bytes).
public struct StreamRecord: Sendable, Equatable {
    /// When the producer published it (its append time and Kafka `CreateTime`).
    public var publishedAt: SimTime
    /// When its partition's leader appended it: `publishedAt`, or later when it waited for
    /// the partition's ingress capacity. Replication (and so visibility to consumers and
    /// what a failover truncates) counts from here.
    public var appendedAt: SimTime
    /// The message id (unique in publish order; a record written twice by a producer retry
    /// keeps its id).
    public var id: UInt64
    /// The producer instance that published it (index into the simulation's producer instances).
    public var producer: ProducerInstanceID
    /// True for the second copy a non-idempotent producer's retry wrote (its first copy is
    /// earlier in the partition): processing it is duplicate processing.
    public var isRetryCopy: Bool
    /// A malformed record (the producer's `poisonFraction`): every attempt to process it
    /// fails. A group member retries it where it is, so it blocks its partition for that
    /// group (Kafka has no per-record requeue or dead-letter queue; a consumer that wants one
    /// must write the record elsewhere itself).
    public var isPoison: Bool

    public init(publishedAt: SimTime, id: UInt64, producer: ProducerInstanceID, isRetryCopy: Bool = false, isPoison: Bool = false) {
        self.publishedAt = publishedAt
        appendedAt = publishedAt
        self.id = id
        self.producer = producer
        self.isRetryCopy = isRetryCopy
        self.isPoison = isPoison
    }
}
