/// When a queue removes messages whose time to live has run out.
///
/// JSON (on a queue broker): `"messageTTL": "30s", "ttlExpiry": "anywhere" | "head"`, and on a
/// producer `"message": {"ttl": "10s"}`. A message's deadline in a queue is the earlier of
/// (entering the queue + the queue's `messageTTL`) and (publish + the message's `ttl`); a
/// dead-lettered message loses its own `ttl` (RabbitMQ removes the `expiration` property), so
/// in the dead-letter queue only that queue's `messageTTL` applies. A requeued message keeps
/// its deadline. Only messages waiting in the queue expire: a delivered, unacked one does not,
/// but expires as soon as it is requeued if its deadline has passed. A TTL of 0 expires a
/// message unless a consumer can take it at once. An expired message is dead-lettered with
/// reason `expired` when the queue has a dead-letter queue, and otherwise discarded and
/// counted in the ledger's `expired` column.
/// - Note: Source: RabbitMQ documentation, "Time-To-Live and Expiration" (effective TTL is the
///   lower of queue and message TTL; x-message-ttl 0 expires unless delivered immediately;
///   requeued messages keep their expiry; in classic queues expired messages are removed only
///   when they reach the head); "Dead Letter Exchanges" (reason `expired`);
///   https://www.rabbitmq.com/docs/ttl and https://www.rabbitmq.com/docs/dlx; observed on
///   RabbitMQ 3.10.8 (a 500 ms message behind a 10 s one stays queued until the 10 s one is
///   fetched; the dead-lettered copy loses `expiration`).
public enum MessageExpiry: String, Sendable, CaseIterable {
    /// A message is removed at its deadline wherever it is in the queue (SQS retention, Azure
    /// Service Bus, RabbitMQ quorum queues' queue TTL).
    case anywhere
    /// A message is removed only when it reaches the head of the queue: one with a long TTL
    /// holds back expired ones behind it (RabbitMQ 3.x classic queues).
    case head
}
