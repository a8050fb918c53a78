/// Where a queue sends messages it gives up on, and when.
///
/// JSON: `"deadLetter": {"queue": "jobs-dlq", "maxReceiveCount": 3}`. A message is moved
/// when it would be received more than `maxReceiveCount` times (SQS redrive policy), or when
/// a consumer rejects it after its last retry (RabbitMQ dead-letter exchange, reason
/// `rejected`). On a queue with a visibility timeout the move happens as SQS does it, on the
/// receive that would hand the message out for the (maxReceiveCount + 1)-th time: a message
/// whose last allowed delivery timed out becomes visible again and waits there while no
/// consumer polls. Without a visibility timeout it moves as soon as it is back in the queue.
/// The dead-lettered message keeps its id, receive count and original queue.
/// - Note: Source: Amazon SQS API Reference, CreateQueue `RedrivePolicy`
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html:
///   "When the ReceiveCount for a message exceeds the maxReceiveCount for a queue, Amazon SQS
///   moves the message to the dead-letter-queue"); RabbitMQ documentation, "Dead Letter
///   Exchanges" (https://www.rabbitmq.com/docs/dlx: reasons rejected, expired, maxlen,
///   delivery_limit).
public struct DeadLetterPolicy: Sendable, Equatable {
    /// The dead-letter queue (an ordinary queue: it may have consumers).
    public var queue: QueueID
    /// Receives allowed before the message is moved (1 … 1000); nil = no limit.
    public var maxReceiveCount: Int?
    /// The reason a message over `maxReceiveCount` is dead-lettered with: `maxReceiveCount`
    /// (SQS redrive, Service Bus, Azure poison queues), or `deliveryLimit` on a RabbitMQ quorum
    /// queue (its `x-delivery-limit`, dead-letter reason `delivery_limit`).
    public var limitReason: SettleReason = .maxReceiveCount

    public init(queue: QueueID, maxReceiveCount: Int? = nil) {
        self.queue = queue
        self.maxReceiveCount = maxReceiveCount
    }
}

/// Why a message left its queue without being acked.
public enum SettleReason: Int, Sendable, CaseIterable {
    /// Received more than the dead-letter policy's `maxReceiveCount`.
    case maxReceiveCount
    /// Rejected by a consumer after its last retry.
    case rejected
    /// Its time to live ran out.
    case expired
    /// An auto-acked message whose consumer crashed before processing it.
    case consumerCrash
    /// An auto-acked message whose processing failed: nothing can retry it.
    case autoAckFailure
    /// Held by a non-durable queue when its broker restarted.
    case brokerRestart
    /// Published while its broker was down, with no publish retry.
    case publishFailed
    /// Refused or discarded because its queue was full (`overflow` `rejectPublish` without a
    /// publish retry, or `dropNew`).
    case overflow
    /// Pushed out of the head of a full queue by a newer message (`overflow` `dropHead`;
    /// RabbitMQ's dead-letter reason `maxlen`).
    case maxlen
    /// Refused by a producer's full leaky bucket (`RateLimit.queue`).
    case rateLimited
    /// Dead-lettered (expired, over the length limit or the receive limit) into a queue it had
    /// already been dead-lettered from, with no rejection since: dropped, as RabbitMQ drops a
    /// message whose dead-letter cycle contains no rejection.
    /// - Note: Source: RabbitMQ documentation, "Dead Letter Exchanges"
    ///   (https://www.rabbitmq.com/docs/dlx), dead-letter cycles.
    case deadLetterCycle
    /// Delivered more than a RabbitMQ quorum queue's delivery limit (`x-delivery-limit`;
    /// dead-letter reason `delivery_limit`): `maxReceiveCount` under its RabbitMQ name.
    /// - Note: Source: RabbitMQ documentation, "Quorum Queues", Poison Message Handling
    ///   (https://www.rabbitmq.com/docs/quorum-queues); "Dead Letter Exchanges"
    ///   (https://www.rabbitmq.com/docs/dlx).
    case deliveryLimit

    /// The name used in reports (`lostByReason`, `deadLetteredByReason`, …): the case name.
    public var name: String { String(describing: self) }
}
