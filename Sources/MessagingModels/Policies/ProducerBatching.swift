import SimulationKernel

/// A producer's send batches: it sends up to `maxMessages` messages per API call, holding a
/// message at most `linger` for the batch to fill (Kafka's `batch.size`/`linger.ms`, SQS
/// `SendMessageBatch`, a Service Bus `ServiceBusMessageBatch`).
///
/// A batch leaves when it is full or when its first message has waited `linger`, whichever
/// comes first. It is one call: it takes one slot of a broker ingress counted in calls
/// (`BrokerProfile.ingressUnit`), one publish latency, and its messages are stored together.
/// The time a message waits in its batch is part of its queue wait and end-to-end latency
/// (its publish time is when the producer created it).
///
/// JSON: `"batch": {"maxMessages": 10, "linger": "50ms"}` — `maxMessages` an integer 1 …
/// 10,000 (SQS allows at most 10; a technology's limit is checked), `linger` a duration ≥ 0
/// (default 0: a batch takes only the messages created at the same instant).
/// - Note: Source: Apache Kafka producer configs `batch.size` and `linger.ms`
///   (https://kafka.apache.org/documentation/#producerconfigs); Amazon SQS message quotas,
///   "10 messages per batch"
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html).
public struct ProducerBatching: Sendable, Equatable {
    /// Most messages per batch (≥ 1).
    public var maxMessages: Int
    /// Longest time the first message of a batch waits for the batch to fill [s]; ≥ 0.
    public var linger: SimDuration

    public init(maxMessages: Int, linger: SimDuration = .zero) {
        precondition(maxMessages >= 1, "a batch holds at least one message")
        self.maxMessages = maxMessages
        self.linger = linger
    }
}
