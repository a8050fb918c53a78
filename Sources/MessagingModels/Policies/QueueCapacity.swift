/// A queue's length limit and what happens when a message arrives at a full queue.
///
/// JSON (on a queue broker): `"capacity": 1000, "overflow": "rejectPublish"`.
/// - `capacity`: most messages *ready* in the queue (1 … 10⁹). Delivered, unacknowledged
///   messages do not count, and a message handed straight to a free consumer never waits.
/// - `overflow`: `dropHead` (default: the oldest ready message makes room; it is dead-lettered
///   with reason `maxlen` if the queue has a dead-letter queue, dropped with reason `maxlen`
///   otherwise), `rejectPublish` (the publish is refused: a producer with `publishRetry`
///   retries it later — backpressure — otherwise it is dropped with reason `overflow`), or
///   `dropNew` (the arriving message is dropped silently, reason `overflow`).
///
/// Messages that already entered the queue (requeued after a nack, back from a retry backoff
/// or a visibility timeout) return regardless of the limit. Copies routed in by a topic or an
/// exchange, and dead-lettered messages arriving from another queue, have no publisher that
/// could retry: under `rejectPublish` they are dropped (reason `overflow`).
/// - Note: Source: RabbitMQ documentation, "Queue Length Limit" (x-max-length counts ready
///   messages only; default overflow drop-head drops or dead-letters from the front;
///   reject-publish nacks the publish under publisher confirms;
///   https://www.rabbitmq.com/docs/maxlength); observed on RabbitMQ 3.10.8 (x-max-length 3
///   with m1…m5 — drop-head keeps m3–m5 and dead-letters m1, m2 with reason maxlen;
///   reject-publish nacks m4, m5).
public struct QueueCapacity: Sendable, Equatable {
    public enum Overflow: String, Sendable, CaseIterable {
        case dropHead, rejectPublish, dropNew
    }

    /// Most ready messages, ≥ 1.
    public var maxLength: Int
    public var overflow: Overflow

    public init(maxLength: Int, overflow: Overflow = .dropHead) {
        self.maxLength = maxLength
        self.overflow = overflow
    }
}
