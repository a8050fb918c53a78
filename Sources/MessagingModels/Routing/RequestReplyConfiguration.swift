import SimulationKernel

/// A producer that sends requests and waits for replies (RPC over messaging).
///
/// ```json
/// "request": { "replyTo": "quote-replies", "timeout": "500ms" }
/// ```
/// Each message the producer publishes is a request with a correlation id (the message id).
/// The consumer that processes a request successfully publishes a reply with the same
/// correlation id to `replyTo`. The reply queue is the requester's own: replies in it are
/// consumed at once by the requesting producer (no consumer of the scenario may consume it),
/// which records the round trip (request publish → reply). A reply that comes after `timeout`
/// is late: counted and discarded; the request counts as timed out.
/// - Note: Source: RabbitMQ tutorial 6 "RPC" (reply_to and correlation_id properties, and
///   "ignore messages with an unknown correlation id"); AMQP 0-9-1 `basic.properties`
///   `reply-to`, `correlation-id`.
public struct RequestReplyConfiguration: Sendable {
    /// The queue replies are published to.
    public var replyTo: QueueID
    /// How long the requester waits for a reply [s], > 0.
    public var timeout: SimDuration

    public init(replyTo: QueueID, timeout: SimDuration) {
        self.replyTo = replyTo
        self.timeout = timeout
    }
}
