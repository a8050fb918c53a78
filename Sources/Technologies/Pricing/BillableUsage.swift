/// What one run did that a managed service bills: API calls counted in messages with the batch
/// and payload sizes that turn them into billed requests, plus the hours of billed instances.
///
/// Plain numbers only, so a caller can fill it from any run's metrics (see
/// `CostModel.estimateUsage(_:)`). Counts are messages unless their name says requests;
/// `CostModel.cost(of:technology:)` converts messages into billed requests:
/// - a batch of up to 10 messages (SQS `SendMessageBatch`, `DeleteMessageBatch`,
///   `ReceiveMessage` with `MaxNumberOfMessages` up to 10; SNS `PublishBatch`) is one request,
///   and so is an Azure Storage Queue Get Messages of up to 32;
/// - on SQS and SNS each 64 KiB (65,536 bytes) of a call's payload is billed as one request
///   (a 256 KiB message is 4 requests; a batch of ten 10 KiB messages is 2).
///
/// Which fields a technology bills: SQS — sends, receives, empty receives, deletes,
/// visibility changes; SNS — publishes and deliveries per endpoint, plus the SQS fields for its
/// subscriber queues; Azure Storage Queue — the same operations as SQS (no batch send or
/// delete, gets of up to 32, no 64 KiB chunking); Service Bus — every call is an operation,
/// plus the tier's hourly charge; RabbitMQ, Kafka and Redis Streams — only the hours of
/// `brokerInstances`.
///
/// - Note: Source: https://aws.amazon.com/sqs/pricing/ ("every Amazon SQS action counts as a
///   request"; "each 64 KB chunk of a payload is billed as 1 request"; a request holds 1 to 10
///   messages); https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api.html;
///   https://aws.amazon.com/sns/pricing/; https://azure.microsoft.com/pricing/details/service-bus/
///   ("an operation is any API call").
public struct BillableUsage: Sendable, Equatable {
    /// Simulated time the counts cover [s]; > 0. `Cost.perMonth` scales from it to 30 days.
    public var simulatedSeconds: Double
    /// Payload of one message [bytes]; ≥ 0. Sets the 64 KiB chunks of SQS and SNS calls.
    public var messageSizeBytes: Int
    /// Messages sent to the queue (SQS `SendMessage`, Storage Queue Put Message, Service Bus send).
    public var sends: Int
    /// Messages per send call, 1–10 on SQS (Storage Queue has no batch send: always 1).
    public var sendBatchSize: Int
    /// Messages received, each delivery counted (redeliveries included).
    public var receives: Int
    /// Messages a non-empty receive call returns: 1–10 on SQS, 1–32 on Storage Queue. Taken
    /// as full batches, so the receive requests are a lower bound.
    public var receiveBatchSize: Int
    /// Receive calls that returned no message [requests]: each is billed.
    public var emptyReceives: Int
    /// Messages deleted after processing (SQS `DeleteMessage`, Storage Queue Delete Message,
    /// Service Bus complete).
    public var deletes: Int
    /// Messages per delete call, 1–10 on SQS.
    public var deleteBatchSize: Int
    /// Visibility or lock changes [requests]: SQS `ChangeMessageVisibility` (a nack that
    /// returns a message early), Storage Queue Update Message, Service Bus abandon or renew-lock.
    public var visibilityChanges: Int
    /// Messages published to an SNS topic.
    public var publishes: Int
    /// Messages per SNS publish call, 1–10 (`PublishBatch`).
    public var publishBatchSize: Int
    /// SNS deliveries by endpoint type, in the caller's order.
    public var deliveries: [EndpointDeliveries]
    /// Broker instances (nodes, brokers, messaging units) billed by the hour; nil when not
    /// known, which leaves a self-hosted technology unpriced.
    public var brokerInstances: Int?
    /// Whether instance-hours are priced as the cloud provider's managed broker or as plain
    /// virtual machines.
    public var hosting: Hosting
    /// The Azure Service Bus tier.
    public var serviceBusTier: ServiceBusTier

    /// An SNS subscription endpoint type: each has its own delivery price.
    public enum Endpoint: String, Sendable, CaseIterable, Codable {
        case sqs, lambda, http, email, mobilePush, firehose, sms
    }

    /// Deliveries to one endpoint type [notifications].
    public struct EndpointDeliveries: Sendable, Equatable {
        public var endpoint: Endpoint
        public var count: Int
        public init(_ endpoint: Endpoint, _ count: Int) {
            self.endpoint = endpoint
            self.count = count
        }
    }

    /// How broker instance-hours are priced for RabbitMQ, Kafka and Redis Streams.
    public enum Hosting: String, Sendable, Codable {
        /// The AWS managed service: Amazon MQ `mq.m5.large` nodes (RabbitMQ), Amazon MSK
        /// `kafka.m5.large` brokers (Kafka), ElastiCache `cache.m4.large` nodes (Redis).
        case managed
        /// Self-hosted on EC2 `m5.large` Linux on-demand instances (storage not included).
        case selfHosted
    }

    /// Azure Service Bus tiers: Basic (operations only), Standard (hourly base charge,
    /// 13 million operations a month included, then tiered), Premium (messaging-unit hours,
    /// operations included; `brokerInstances` is the number of messaging units).
    public enum ServiceBusTier: String, Sendable, Codable {
        case basic, standard, premium
    }

    /// A usage with every count zero and single-message calls of 1 KiB messages; set the
    /// fields the run had.
    public init(simulatedSeconds: Double, messageSizeBytes: Int = 1024,
                sends: Int = 0, sendBatchSize: Int = 1,
                receives: Int = 0, receiveBatchSize: Int = 1, emptyReceives: Int = 0,
                deletes: Int = 0, deleteBatchSize: Int = 1, visibilityChanges: Int = 0,
                publishes: Int = 0, publishBatchSize: Int = 1, deliveries: [EndpointDeliveries] = [],
                brokerInstances: Int? = nil, hosting: Hosting = .managed, serviceBusTier: ServiceBusTier = .standard) {
        self.simulatedSeconds = simulatedSeconds
        self.messageSizeBytes = messageSizeBytes
        self.sends = sends
        self.sendBatchSize = sendBatchSize
        self.receives = receives
        self.receiveBatchSize = receiveBatchSize
        self.emptyReceives = emptyReceives
        self.deletes = deletes
        self.deleteBatchSize = deleteBatchSize
        self.visibilityChanges = visibilityChanges
        self.publishes = publishes
        self.publishBatchSize = publishBatchSize
        self.deliveries = deliveries
        self.brokerInstances = brokerInstances
        self.hosting = hosting
        self.serviceBusTier = serviceBusTier
    }
}
