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
/// On a stream the producer keeps one batch per partition (as Kafka's record accumulator
/// does): records for the same partition accumulate and are appended together, in one hold of
/// the partition's ingress (`IngressCapacity.serviceTime` for the whole batch).
///
/// JSON: `"batch": {"maxMessages": 10, "maxBytes": 16384, "linger": "50ms"}` — `maxMessages`
/// an integer 1 … 10,000 (SQS allows at most 10; a technology's limit is checked), `maxBytes`
/// an integer 1 … 2³⁰ [bytes] (Kafka's `batch.size`: a batch is full when one more record of
/// the producer's `message.sizeBytes` would not fit; a record larger than it travels alone;
/// records of unknown size count no bytes), at least one of the two; `linger` a duration ≥ 0
/// (default 0: every message leaves at once).
/// - Note: Source: Apache Kafka producer configs `batch.size` (default 16384 bytes) and
///   `linger.ms` (default 5 ms since Kafka 4.0, 0 before: KIP-1030,
///   https://cwiki.apache.org/confluence/display/KAFKA/KIP-1030%3A+Change+constraints+and+default+values+for+various+configurations)
///   (https://kafka.apache.org/documentation/#producerconfigs); Amazon SQS message quotas,
///   "10 messages per batch"
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html).
public struct ProducerBatching: Sendable, Equatable {
    /// Most messages per batch (≥ 1); nil = bounded by `maxBytes` only.
    public var maxMessages: Int?
    /// Most bytes per batch (≥ 1) [bytes]; nil = bounded by `maxMessages` only.
    public var maxBytes: Int?
    /// Longest time the first message of a batch waits for the batch to fill [s]; ≥ 0.
    public var linger: SimDuration

    public init(maxMessages: Int?, maxBytes: Int? = nil, linger: SimDuration = .zero) {
        precondition(maxMessages.map { $0 >= 1 } ?? true, "a batch holds at least one message")
        precondition(maxBytes.map { $0 >= 1 } ?? true, "a batch holds at least one byte")
        precondition(maxMessages != nil || maxBytes != nil, "a batch has a size limit")
        self.maxMessages = maxMessages
        self.maxBytes = maxBytes
        self.linger = linger
    }

    /// Messages of `sizeBytes` bytes each (nil = unknown: no byte cost) that fill a batch:
    /// `min(maxMessages, max(1, ⌊maxBytes / sizeBytes⌋))`, each term when it applies; nil when
    /// neither does (the batch leaves only when its linger is over).
    public func limit(sizeBytes: Int?) -> Int? {
        var limit = maxMessages
        if let maxBytes, let size = sizeBytes, size > 0 {
            let byBytes = max(1, maxBytes / size)
            limit = min(limit ?? byBytes, byBytes)
        }
        return limit
    }
}
