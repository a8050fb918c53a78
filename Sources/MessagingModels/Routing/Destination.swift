/// Index of a pub/sub topic in `SystemModel.topics`.
public struct TopicID: Hashable, Sendable {
    public var index: Int
    public init(_ index: Int) { self.index = index }
}

/// Index of an AMQP exchange in `SystemModel.exchanges`.
public struct ExchangeID: Hashable, Sendable {
    public var index: Int
    public init(_ index: Int) { self.index = index }
}

/// Where a publish goes: straight into a queue, to a pub/sub topic (copied to each
/// subscription whose filter accepts it), or to an exchange (routed by its bindings).
public enum Destination: Hashable, Sendable {
    case queue(QueueID)
    case topic(TopicID)
    case exchange(ExchangeID)

    /// The queue, when the destination is a queue.
    public var queue: QueueID? {
        if case .queue(let id) = self { return id }
        return nil
    }
}
