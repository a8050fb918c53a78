/// The figures of a finished run that decide what a managed service would bill: messages
/// published, delivered, acked and returned, the consumers' idle time and how they poll.
///
/// Plain numbers, so it can be filled from any report's metrics; `CostModel.estimateUsage(_:)`
/// turns it into a `BillableUsage`.
public struct RunFigures: Sendable, Equatable {
    /// Simulated time the figures cover [s]; > 0.
    public var simulatedSeconds: Double
    /// Messages the producers published.
    public var published: Int
    /// Deliveries to consumers, redeliveries included.
    public var delivered: Int
    /// Messages acknowledged (deleted, completed).
    public var acked: Int
    /// Messages a consumer returned early (nack, abandon): each one call.
    public var returned: Int
    /// Consumer instances that poll (for the record; `idleInstanceSeconds` carries the time).
    public var consumerInstances: Int
    /// Time consumer instances spent with nothing to do, summed over instances [s]; ≥ 0.
    public var idleInstanceSeconds: Double
    /// How an idle consumer asks for messages.
    public var polling: PollingMode
    /// Payload of one message [bytes].
    public var messageSizeBytes: Int
    /// Messages per send, receive and delete call (1 when calls are not batched).
    public var sendBatchSize: Int
    public var receiveBatchSize: Int
    public var deleteBatchSize: Int
    /// SNS subscriptions each published message is delivered to, by endpoint type (fan-out);
    /// empty for a queue. Only for `sns`.
    public var subscriptions: [BillableUsage.EndpointDeliveries]
    /// Broker instances billed by the hour, nil when not known.
    public var brokerInstances: Int?

    public init(simulatedSeconds: Double, published: Int, delivered: Int, acked: Int, returned: Int = 0,
                consumerInstances: Int, idleInstanceSeconds: Double, polling: PollingMode,
                messageSizeBytes: Int = 1024, sendBatchSize: Int = 1, receiveBatchSize: Int = 1, deleteBatchSize: Int = 1,
                subscriptions: [BillableUsage.EndpointDeliveries] = [], brokerInstances: Int? = nil) {
        self.simulatedSeconds = simulatedSeconds
        self.published = published
        self.delivered = delivered
        self.acked = acked
        self.returned = returned
        self.consumerInstances = consumerInstances
        self.idleInstanceSeconds = idleInstanceSeconds
        self.polling = polling
        self.messageSizeBytes = messageSizeBytes
        self.sendBatchSize = sendBatchSize
        self.receiveBatchSize = receiveBatchSize
        self.deleteBatchSize = deleteBatchSize
        self.subscriptions = subscriptions
        self.brokerInstances = brokerInstances
    }
}

/// How a consumer with nothing to do asks the broker for messages, which sets its empty
/// receives.
///
/// - Note: Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
///   (short polling, `WaitTimeSeconds` 0, answers at once, empty or not; long polling waits up
///   to `WaitTimeSeconds`, at most 20 s, for a message and so "reduces the number of empty
///   responses"); https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-using-appropriate-polling-mode.html
///   (each empty response is billed).
public enum PollingMode: Sendable, Equatable {
    /// The broker pushes (RabbitMQ, Kafka's fetch, Redis `XREADGROUP BLOCK`, a Service Bus
    /// receive link): no empty receives are billed.
    case push
    /// An idle consumer calls receive every `intervalSeconds` [s] (> 0) and gets an empty
    /// answer each time (SQS with `WaitTimeSeconds` 0, Azure Storage Queue, which has no
    /// long polling).
    case shortPolling(intervalSeconds: Double)
    /// An idle consumer's receive waits up to `waitSeconds` [s] (SQS caps it at 20 s) and
    /// returns empty only when the wait ends: one empty receive per wait.
    case longPolling(waitSeconds: Double)
}

extension CostModel {
    /// The billable usage of a run with `figures` on `technology`.
    ///
    /// Sends are the published messages (on `sns`, publishes, with one delivery per message
    /// and subscription, and the SQS subscriber queues' receives and deletes); receives are
    /// the deliveries; deletes the acks; visibility changes the early returns. Empty receives:
    /// none with push; `⌊idleInstanceSeconds / intervalSeconds⌋` with short polling;
    /// `⌊idleInstanceSeconds / waitSeconds⌋` with long polling, the wait capped at 20 s —
    /// summing idle time over instances and periods before dividing slightly overcounts the
    /// last, cut-short poll of each idle period. Broker instances and batch sizes pass through.
    ///
    /// - Throws: `CostModelError` for a non-positive simulated time, a negative figure or a
    ///   non-positive poll interval or wait.
    /// - Note: Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html;
    ///   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-setting-up-long-polling.html
    ///   (20 s maximum wait).
    public static func estimateUsage(_ figures: RunFigures, technology: Technology) throws(CostModelError) -> BillableUsage {
        guard figures.simulatedSeconds > 0, figures.simulatedSeconds.isFinite else {
            throw CostModelError(field: "simulatedSeconds", expected: "a finite number > 0", found: "\(figures.simulatedSeconds)")
        }
        guard figures.idleInstanceSeconds >= 0, figures.idleInstanceSeconds.isFinite else {
            throw CostModelError(field: "idleInstanceSeconds", expected: "a finite number ≥ 0", found: "\(figures.idleInstanceSeconds)")
        }
        for (field, value) in [("published", figures.published), ("delivered", figures.delivered), ("acked", figures.acked),
                               ("returned", figures.returned), ("consumerInstances", figures.consumerInstances)] where value < 0 {
            throw CostModelError(field: field, expected: "a count ≥ 0", found: "\(value)")
        }
        let emptyReceives: Int
        switch figures.polling {
        case .push:
            emptyReceives = 0
        case .shortPolling(let interval):
            guard interval > 0, interval.isFinite else {
                throw CostModelError(field: "polling.intervalSeconds", expected: "a finite number > 0", found: "\(interval)")
            }
            emptyReceives = Int((figures.idleInstanceSeconds / interval).rounded(.down))
        case .longPolling(let wait):
            guard wait > 0, wait.isFinite else {
                throw CostModelError(field: "polling.waitSeconds", expected: "a number of seconds from 1 to 20", found: "\(wait)")
            }
            let capped = min(wait, PriceList.value(.sqsLongPollMaxWait))
            emptyReceives = Int((figures.idleInstanceSeconds / capped).rounded(.down))
        }
        var usage = BillableUsage(simulatedSeconds: figures.simulatedSeconds, messageSizeBytes: figures.messageSizeBytes,
                                  sends: figures.published, sendBatchSize: figures.sendBatchSize,
                                  receives: figures.delivered, receiveBatchSize: figures.receiveBatchSize,
                                  emptyReceives: emptyReceives, deletes: figures.acked, deleteBatchSize: figures.deleteBatchSize,
                                  visibilityChanges: figures.returned, brokerInstances: figures.brokerInstances)
        if technology == .sns {
            usage.sends = 0
            usage.publishes = figures.published
            usage.publishBatchSize = figures.sendBatchSize
            usage.deliveries = figures.subscriptions.map { .init($0.endpoint, $0.count * figures.published) }
        }
        return usage
    }
}
