/// What one producer's send batches did (`ProducerBatching`), summed over its instances.
public struct BatchingMetrics: Sendable, Equatable {
    /// The producer's name.
    public var name: String
    /// Whether the producer batches (the others' figures stay zero).
    public var enabled = false
    /// Batches sent (API calls).
    public var batches = 0
    /// Messages sent in them.
    public var messages = 0
    /// Time the messages waited in their batch, summed [s].
    public var waitSeconds = 0.0

    public init(name: String) { self.name = name }

    /// Messages per batch; 0 without batches.
    public var meanSize: Double { batches > 0 ? Double(messages) / Double(batches) : 0 }
    /// Mean wait of a message in its batch [s]; 0 without messages.
    public var meanWaitSeconds: Double { messages > 0 ? waitSeconds / Double(messages) : 0 }

    mutating func add(_ other: BatchingMetrics) {
        batches += other.batches
        messages += other.messages
        waitSeconds += other.waitSeconds
    }
}
