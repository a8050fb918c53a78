import SimulationKernel

/// How a queue's broker itself behaves, beyond an ideal store-and-forward: the time a publish
/// takes to be stored (and confirmed) and the most messages per second it can store. The ideal
/// broker (no profile) stores every message the instant it is sent, without limit.
///
/// A sent message first waits for the broker's ingress, a first-come first-served server that
/// stores one message every `1 / messagesPerSecond` seconds, or `sizeBytes / bytesPerSecond`
/// when that is longer (`IngressCapacity`; so past that rate publishes queue up and their
/// latency grows without bound, as a saturated broker's confirms do), then takes
/// `publishLatency` to be stored; only then can it be delivered (after the queue's `delay`, if
/// any). Messages that enter the queue from inside the broker (dead-lettered, initial backlog)
/// skip the publish latency but still take ingress capacity, except the backlog, which is
/// already stored. See `Simulation+BrokerEntry.swift`.
public struct BrokerProfile: Sendable, Equatable {
    /// Time from a client's send until the broker has stored the message (the publisher
    /// confirm), drawn per message [s]; nil = none.
    public var publishLatency: Distribution?
    /// Most messages per second the broker stores into this queue (> 0); nil = unlimited.
    /// With `ingressUnit` `.calls`, the most API calls per second: a send batch is one call.
    public var messagesPerSecond: Double?
    /// What the ingress capacity counts: messages (a batch of k takes k slots) or API calls
    /// (a batch takes one slot, as SQS FIFO's 300 calls/s per action do).
    public var ingressUnit: IngressUnit = .messages
    /// Most bytes per second the broker stores into this queue (> 0), counted from each
    /// message's producer `message.sizeBytes` (messages of unknown size take none); nil =
    /// unlimited.
    public var bytesPerSecond: Double?
    /// Time from the broker's delivery until the consumer has the message, drawn per
    /// delivery [s]; nil = none. Deliveries to one consumer instance arrive in order (one
    /// connection), and each holds prefetch credit from the delivery on.
    public var deliverLatency: Distribution?
    /// Time from a consumer's ack until the broker has it, drawn per ack [s]; nil = none.
    /// Until then the message is unacked: it holds the consumer's prefetch credit and can
    /// reappear when a visibility timeout runs out. Acks of one instance arrive in order;
    /// an instance that crashes loses the acks still on their way.
    public var ackLatency: Distribution?
    /// Whether publishes are stored in the order they were sent: a client publish whose
    /// latency would store it before the queue's previous one is stored at the same instant,
    /// right after it (one ordered connection, as a RabbitMQ channel or a FIFO queue keeps
    /// them). False draws each publish's latency independently, so publishes closer together
    /// than the latency's spread can overtake each other.
    public var publishInOrder: Bool

    /// What a broker's ingress capacity counts.
    /// - Note: Source: Amazon SQS Developer Guide, "Troubleshooting throttling errors in
    ///   Amazon SQS FIFO queues"
    ///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/troubleshooting-fifo-throttling-issues.html:
    ///   300 API calls per second per action without high-throughput mode, 3,000 messages per
    ///   second with batches of 10).
    public enum IngressUnit: String, Sendable, CaseIterable {
        case messages, calls
    }

    public init(publishLatency: Distribution? = nil, messagesPerSecond: Double? = nil, bytesPerSecond: Double? = nil,
                deliverLatency: Distribution? = nil, ackLatency: Distribution? = nil, publishInOrder: Bool = false,
                ingressUnit: IngressUnit = .messages) {
        self.ingressUnit = ingressUnit
        self.publishLatency = publishLatency
        self.messagesPerSecond = messagesPerSecond
        self.bytesPerSecond = bytesPerSecond
        self.deliverLatency = deliverLatency
        self.ackLatency = ackLatency
        self.publishInOrder = publishInOrder
    }

    /// The ingress capacity (`messagesPerSecond` and `bytesPerSecond`); nil without either.
    public var capacity: IngressCapacity? {
        IngressCapacity(messagesPerSecond: messagesPerSecond, bytesPerSecond: bytesPerSecond)
    }
}
