/// A question of the technology decision tree, in the order the tree asks them.
///
/// The tree (mqlab's scope overview, "Choosing the right message queue"): on AWS → SQS/SNS;
/// on Azure → Service Bus; millions of messages a second → Kafka; event streaming or replay →
/// Kafka; complex routing → RabbitMQ; Redis already in use → Redis Streams; the simplest
/// solution → Redis Streams or RabbitMQ; otherwise RabbitMQ. The first "yes" ends the walk.
public enum DecisionQuestion: String, CaseIterable, Sendable, Codable {
    case onAWS, onAzure, millionsPerSecond, replay, complexRouting, redisAlready, simplest

    /// The question as the tree asks it.
    public var text: String {
        switch self {
        case .onAWS: "Are you on AWS?"
        case .onAzure: "Are you on Azure?"
        case .millionsPerSecond: "Do you need millions of messages per second?"
        case .replay: "Do you need event streaming or replay?"
        case .complexRouting: "Do you need complex routing?"
        case .redisAlready: "Do you already run Redis?"
        case .simplest: "Do you want the simplest solution?"
        }
    }

    /// What a "yes" here picks: the first technology, then the alternatives worth comparing.
    public var yesPicks: [Technology] {
        switch self {
        case .onAWS: [.sqsStandard, .sns, .sqsFIFO]
        case .onAzure: [.azureServiceBus, .azureStorageQueue]
        case .millionsPerSecond: [.kafka]
        case .replay: [.kafka, .rabbitmqStream, .redisStreams]
        case .complexRouting: [.rabbitmqClassic, .rabbitmqQuorum]
        case .redisAlready: [.redisStreams]
        case .simplest: [.redisStreams, .rabbitmqClassic]
        }
    }

    /// One line on why a "yes" here leads to `yesPicks`.
    public var yesWhy: String {
        switch self {
        case .onAWS:
            "On AWS the managed queue needs no servers: SQS for work queues, SNS in front of SQS queues for fan-out, SQS FIFO when per-group order matters."
        case .onAzure:
            "On Azure, Service Bus is the managed broker with dead-lettering, sessions for ordered groups and topics; Storage Queue is the cheaper bare queue."
        case .millionsPerSecond:
            "A partitioned log spreads millions of messages a second over partitions and brokers, each appended sequentially."
        case .replay:
            "Kafka keeps the log for its retention period, so a consumer group can read it again from any offset; RabbitMQ streams and Redis Streams also keep history."
        case .complexRouting:
            "RabbitMQ's exchanges route by topic pattern, headers or fan-out before messages reach queues; quorum queues when a queue must survive a node loss."
        case .redisAlready:
            "A stream with a consumer group adds a queue to the Redis you already run: no new server to operate."
        case .simplest:
            "The tree's simplest choices: one Redis server with a stream and a consumer group, or one RabbitMQ node."
        }
    }

    /// Why the default, after every "no": RabbitMQ.
    public static let defaultPicks: [Technology] = [.rabbitmqClassic, .rabbitmqQuorum]
    public static let defaultWhy =
        "With no special need, RabbitMQ balances features and simplicity: acknowledgements, dead-lettering, routing, and quorum queues for durability."
}
