/// A real messaging technology that mqlab can model: a preset of defaults, limits, a latency
/// and capacity model, and a price list. The raw value is the name a scenario uses
/// (`"technology": "sqs-standard"`) and the CLI prints.
public enum Technology: String, CaseIterable, Sendable, Codable {
    case rabbitmqClassic = "rabbitmq-classic"
    case rabbitmqQuorum = "rabbitmq-quorum"
    case rabbitmqStream = "rabbitmq-stream"
    case kafka
    case sqsStandard = "sqs-standard"
    case sqsFIFO = "sqs-fifo"
    case sns
    case azureStorageQueue = "azure-storage-queue"
    case azureServiceBus = "azure-service-bus"
    case redisStreams = "redis-streams"
}
