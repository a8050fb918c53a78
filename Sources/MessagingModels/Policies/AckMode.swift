/// When a consumer acknowledges a message.
public enum AckMode: String, Sendable, CaseIterable {
    /// Ack after processing succeeds (at-least-once). A crash or failure before the ack
    /// returns the message to the queue.
    /// - Note: Source: RabbitMQ documentation, "Consumer Acknowledgements and Publisher
    ///   Confirms" (manual acknowledgement mode).
    case manual
    /// The broker treats a message as acked as soon as it is delivered (at-most-once): a crash
    /// or failure while processing loses it, and prefetch does not limit deliveries.
    /// - Note: Source: RabbitMQ documentation, "Consumer Acknowledgements" (automatic
    ///   acknowledgement mode: "fire-and-forget"; prefetch is ignored).
    case auto
}
