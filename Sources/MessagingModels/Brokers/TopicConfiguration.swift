/// A pub/sub topic (Amazon SNS, Azure Service Bus topics): every published message is copied
/// to each subscription whose filter policy accepts it; a topic stores nothing itself.
///
/// ```json
/// { "name": "orders", "type": "topic",
///   "subscriptions": [{ "name": "email", "queue": "email-q", "filter": { "channel": ["email"] } }] }
/// ```
/// Each subscription delivers into a queue of the scenario, consumed like any other queue.
/// Two subscriptions on the same queue put two copies in it, as SNS does for two
/// subscriptions of one SQS queue. A publish no subscription accepts is counted `unroutable`.
/// - Note: Source: AWS SNS documentation, "Fanout to Amazon SQS queues" and "Amazon SNS
///   subscription filter policies"
///   (https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html).
public struct TopicConfiguration: Sendable {
    /// One subscription: where its copies go and which messages it accepts.
    public struct Subscription: Sendable {
        /// Unique within the topic.
        public var name: String
        /// The queue that receives this subscription's copies.
        public var queue: QueueID
        /// nil: every message.
        public var filter: FilterPolicy?

        public init(name: String, queue: QueueID, filter: FilterPolicy? = nil) {
            self.name = name
            self.queue = queue
            self.filter = filter
        }
    }

    /// Unique broker name.
    public var name: String
    /// In file order; copies are made in this order.
    public var subscriptions: [Subscription]

    public init(name: String, subscriptions: [Subscription]) {
        self.name = name
        self.subscriptions = subscriptions
    }
}
