import SimulationKernel

/// Priority queues and message priorities (RabbitMQ classic priority queues).
///
/// JSON: a queue's `"maxPriority": 9` makes it a priority queue with levels 0 … 9; a producer's
/// `"message": {"priority": 5}` or `{"priority": {"oneOf": [0, 5, 9], "weights": [8, 1, 1]}}`
/// sets each message's priority (0 … 255). A priority above the queue's maximum is treated as
/// the maximum, a message without one as 0; messages of one level stay in FIFO order, and a
/// waiting message of a higher level is always delivered first. A queue without `maxPriority`
/// ignores priorities. Consumers' follow-up messages and replies have no priority.
///
/// A message's priority is drawn from its id and its producer (not from the producer's
/// arrival stream), so adding priorities does not change when messages are published, and the
/// copies of one publish share it.
/// - Note: Source: RabbitMQ documentation, "Classic Queues Support Priorities" (x-max-priority;
///   "messages without a priority property are treated as if their priority were 0. Messages
///   with a priority which is higher than the queue's maximum are treated as if they were
///   published with the maximum priority"; https://www.rabbitmq.com/docs/priority);
///   `x-max-priority` accepted from 0 to 255 (RabbitMQ server `rabbit_amqqueue.erl`
///   `check_max_priority_arg`); observed on RabbitMQ 3.10.8 (priority 200 on a max-10 queue
///   is delivered as 10, FIFO with the other 10s; with a consumer that has prefetch credit,
///   messages are delivered as they arrive, so only waiting ones are reordered).
public enum MessagePriority {
    /// Highest priority a message or queue may declare.
    public static let maximum = 255

    /// The priority of message `id` under `choice` for a producer whose salt is `salt`.
    public static func draw(_ choice: WeightedChoice<Int>, id: UInt64, salt: UInt64) -> Int {
        guard choice.count > 1 else { return choice.values[0] }
        var stream = RandomStream(seed: salt, substream: id)
        return choice.values[choice.draw(&stream)]
    }

    /// The salt of a producer's priorities in a run seeded with `seed`.
    public static func salt(seed: UInt64, producer name: String) -> UInt64 {
        RandomStream.seed(seed, .producer, name, .priority)
    }
}
