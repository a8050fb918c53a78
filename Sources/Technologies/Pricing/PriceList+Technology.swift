extension PriceList {
    /// The systems whose prices apply to `technology`: the managed service itself, or the
    /// hosted offerings and plain instances a self-hosted broker runs on.
    public static func systems(for technology: Technology) -> [String] {
        switch technology {
        case .sqsStandard, .sqsFIFO: ["AWS SQS", "AWS (general)"]
        case .sns: ["AWS SNS", "AWS SQS"]
        case .azureStorageQueue: ["Azure Storage Queue"]
        case .azureServiceBus: ["Azure Service Bus"]
        case .kafka: ["Amazon MSK", "Amazon MSK Serverless", "Confluent Cloud", "Self-hosted (EC2)"]
        case .rabbitmqClassic, .rabbitmqQuorum, .rabbitmqStream: ["Amazon MQ (RabbitMQ)", "Self-hosted (EC2)"]
        case .redisStreams: ["Amazon ElastiCache (Redis)", "Self-hosted (EC2)"]
        }
    }

    /// The price facts that apply to `technology`, in table order (for a price table with
    /// sources and dates, as `mqlab presets NAME` shows).
    public static func facts(for technology: Technology) -> [PriceFact] {
        let systems = Set(systems(for: technology))
        return facts.filter { systems.contains($0.system) }
    }
}
