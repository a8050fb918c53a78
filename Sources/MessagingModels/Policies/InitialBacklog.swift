/// Messages already waiting in a queue when the run starts, for showing how a backlog drains
/// (after an outage, a deploy, a batch import).
///
/// JSON on a queue: `"initialBacklog": 5000` (published by the first producer that publishes
/// to the queue) or `"initialBacklog": {"messages": 5000, "producer": "orders"}` (any producer
/// that does not write to a stream, send requests or start sagas). At time 0, before any
/// producer's first publish, `messages` messages (1 … 10⁷) are published straight into the
/// queue one after another, in the queue order of the brokers list. They carry the producer's
/// message properties (routing key and headers, message key, priority, TTL, poison fraction) and count as
/// its publishes in the ledger, but not against its `count`. Measured like any message
/// published at time 0 (left out when there is a warm-up).
public struct InitialBacklog: Sendable, Equatable {
    /// Most messages of one backlog.
    public static let maximum = 10_000_000
    /// Number of messages, 1 … `maximum`.
    public var messages: Int
    /// Index of the producer in `SystemModel.producers` whose message properties they carry.
    public var producer: Int

    public init(messages: Int, producer: Int) {
        self.messages = messages
        self.producer = producer
    }
}
