import SimulationKernel

/// A complete, validated description of the system to simulate: brokers, producers,
/// consumers and the run's limits. Built by the scenario format; knows nothing about JSON.
///
/// Entities are referred to by dense indices (`QueueID`, …) into the arrays here, so arrays
/// index by them and no dictionary order reaches the results.
public struct SystemModel: Sendable {
    /// Scenario name (used in reports and file names).
    public var name: String
    /// Seed of every random stream in the run.
    public var seed: UInt64
    /// Publishing window: producers stop at this time if set [s].
    public var duration: SimDuration?
    /// Messages published before this time are left out of latency and throughput figures
    /// (still counted in the ledger) [s].
    public var warmup: SimDuration
    /// How long the run may go on after publishing stops, to drain what is queued [s].
    public var drainTimeout: SimDuration
    /// Stop with `StopReason.eventLimit` after this many events (a guard against runaway runs).
    public var maxEvents: Int?
    /// Stop with `StopReason.messageLimit` when more messages than this are in the system at
    /// once (published and not yet settled, or held by a consumer, plus the records streams
    /// retain for groups that may still read them or until retention deletes them): a guard
    /// against runs that would exhaust memory. Default 2,000,000 (about 0.3 GB of message
    /// records and their bookkeeping).
    public var maxMessagesInSystem = 2_000_000
    public var queues: [QueueConfiguration]
    /// Pub/sub topics, indexed by `TopicID`.
    public var topics: [TopicConfiguration]
    /// AMQP exchanges, indexed by `ExchangeID`.
    public var exchanges: [ExchangeConfiguration]
    public var producers: [ProducerConfiguration]
    public var consumers: [ConsumerConfiguration]
    /// Scripted crashes, in time order of `at` (ties in list order).
    public var faults: [Fault]
    /// Partitioned streams (Kafka topics), indexed by `StreamID`.
    public var streams: [StreamConfiguration] = []
    /// Consumer groups reading the streams, indexed by `GroupID`.
    public var consumerGroups: [ConsumerGroupConfiguration] = []
    /// Scripted partition-leader failures, in time order.
    public var streamFaults: [StreamFault] = []
    /// Spacing of the time series (depth, throughput) [s]; nil for the defaults (depth: 120
    /// buckets from 1 s, doubling; throughput: about 500 points over `duration`).
    public var sampleEvery: SimDuration? = nil

    public init(name: String, seed: UInt64, duration: SimDuration? = nil, warmup: SimDuration = .zero,
                drainTimeout: SimDuration = SimDuration(seconds: 3600), maxEvents: Int? = nil,
                queues: [QueueConfiguration], topics: [TopicConfiguration] = [],
                exchanges: [ExchangeConfiguration] = [], producers: [ProducerConfiguration],
                consumers: [ConsumerConfiguration], faults: [Fault] = []) {
        self.name = name
        self.seed = seed
        self.duration = duration
        self.warmup = warmup
        self.drainTimeout = drainTimeout
        self.maxEvents = maxEvents
        self.queues = queues
        self.topics = topics
        self.exchanges = exchanges
        self.producers = producers
        self.consumers = consumers
        self.faults = faults
    }
}

/// A point-to-point queue: each message is delivered to one consumer instance; FIFO order.
public struct QueueConfiguration: Sendable {
    /// Unique broker name.
    public var name: String
    /// SQS-style visibility timeout [s]: a delivered message not acked within it becomes
    /// visible again, even while its first consumer is still processing it. nil = a delivered
    /// message stays with its consumer until ack, nack or crash (RabbitMQ).
    /// - Note: Source: AWS SQS Developer Guide, "Amazon SQS visibility timeout" (default 30 s,
    ///   0 … 12 h).
    public var visibilityTimeout: SimDuration?
    /// Where and when messages are dead-lettered; nil = never (rejected messages are dropped).
    public var deadLetter: DeadLetterPolicy?
    /// RabbitMQ dead-letter exchange: rejected (and, later, expired) messages are republished
    /// through it, with `routingKey` or their own routing key. Not with `deadLetter`.
    /// - Note: Source: RabbitMQ documentation, "Dead Letter Exchanges" (x-dead-letter-exchange,
    ///   x-dead-letter-routing-key: "if not set, the message's own routing keys will be used").
    public var deadLetterExchange: DeadLetterExchange?
    /// Whether messages survive a broker restart (RabbitMQ durable queue with persistent
    /// messages). Default true.
    public var durable: Bool
    /// Most messages waiting (ready) and what happens to one more; nil = unbounded.
    public var capacity: QueueCapacity?
    /// Time to live of every message in the queue (RabbitMQ x-message-ttl); nil = none.
    public var messageTTL: SimDuration?
    /// Where expired messages are removed (`MessageExpiry`).
    public var ttlExpiry: MessageExpiry = .anywhere
    /// Highest priority level of a priority queue (RabbitMQ x-max-priority, 0 … 255); nil =
    /// not a priority queue (`MessagePriority`).
    public var maxPriority: Int?
    /// Messages waiting in the queue at time 0; nil = it starts empty.
    public var initialBacklog: InitialBacklog?
    /// FIFO (optionally with message groups) or best effort (`QueueOrdering`).
    public var ordering: QueueOrdering = .fifo
    /// Delay queue: every message that enters the queue (published, routed or dead-lettered;
    /// not the initial backlog) stays invisible for this long before it can be delivered; nil
    /// or zero = none. See `Simulation+Delay.swift`.
    /// - Note: Source: AWS SQS Developer Guide, "Amazon SQS delay queues" (`DelaySeconds`,
    ///   0 … 900 s, default 0; https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html).
    public var delay: SimDuration?
    /// Publish latency and ingress capacity of its broker; nil = an ideal broker.
    public var profile: BrokerProfile?
    /// Broker-side duplicate detection of re-sent messages (`DeduplicationPolicy`); nil = none.
    public var deduplication: DeduplicationPolicy?
    /// RabbitMQ delivery acknowledgement timeout [s]: a delivery not acked this long after
    /// it was delivered closes its consumer's channel, which requeues every message the
    /// channel holds unacked (Simulation+ConsumerTimeout.swift); nil = none. Not with a
    /// visibility timeout.
    /// - Note: Source: RabbitMQ documentation, "Consumers: Delivery Acknowledgement Timeout"
    ///   (https://www.rabbitmq.com/docs/consumers; default 30 minutes).
    public var consumerTimeout: SimDuration?
    /// The chance (0 < p ≤ 1) that a consumer's short poll (`ReceivePolling` with no wait)
    /// sees each visible message, when fewer than 1,000 are visible; nil = 1, every one. An
    /// SQS short poll samples a weighted random subset of the servers; a poll that saw none
    /// is a false empty receive. Long polls see every message.
    /// - Note: Source: Amazon SQS API Reference, ReceiveMessage
    ///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
    ///   The fraction is not published: any value is an assumption.
    public var shortPollSampling: Double?

    public init(name: String, visibilityTimeout: SimDuration? = nil, deadLetter: DeadLetterPolicy? = nil, durable: Bool = true) {
        self.name = name
        self.visibilityTimeout = visibilityTimeout
        self.deadLetter = deadLetter
        self.durable = durable
    }
}

/// The exchange a queue dead-letters through, and the routing key to use.
public struct DeadLetterExchange: Sendable, Equatable {
    public var exchange: ExchangeID
    /// nil = the message's own routing key.
    public var routingKey: String?
    public init(exchange: ExchangeID, routingKey: String? = nil) {
        self.exchange = exchange
        self.routingKey = routingKey
    }
}

/// A producer: one or more identical instances, each publishing on its own arrival process.
public struct ProducerConfiguration: Sendable {
    /// Unique producer name (also keys the instances' random streams).
    public var name: String
    /// Where messages go.
    public var destination: Destination
    /// The queue it publishes to, when it publishes straight to a queue.
    public var target: QueueID? { destination.queue }
    /// Arrival process of each instance (rates are per instance).
    public var arrivals: ArrivalProcess
    /// Messages each instance publishes before stopping; nil = unlimited. ≥ 1.
    public var count: Int?
    /// Each instance stops publishing at this time [s]; nil = no limit of its own.
    public var duration: SimDuration?
    /// Number of independent instances, ≥ 1.
    public var instances: Int
    /// Share of messages that are poison: every processing attempt of one fails (0 … 1).
    public var poisonFraction: Double = 0
    /// Retry of publishes that fail while the broker is down; nil = such messages are lost.
    public var publishRetry: PublishRetry?
    /// Sends whose confirmation is lost, so the producer sends them again (`PublishTimeouts`);
    /// nil = every send is confirmed.
    public var publishTimeouts: PublishTimeouts?
    /// Set when the producer writes to a stream; `target` is then unused.
    public var streamTarget: StreamPublishing?
    /// Routing key and headers of each message; nil: routing key `""`, no headers.
    public var message: MessageTemplate?
    /// Set when every message is a request awaiting a reply.
    public var request: RequestReplyConfiguration?
    /// AMQP `mandatory`: a publish to an exchange that reaches no queue is returned to the
    /// producer (counted `returned`) instead of being dropped silently.
    public var mandatory: Bool = false
    /// Every message starts a saga (see `SagaOutcome`).
    public var startsSaga: Bool = false
    /// Client-side rate limit: each publish takes a token; nil = none.
    public var rateLimit: RateLimit?
    /// Send batches (producers publishing straight to a queue, or to a stream: one batch per
    /// partition); nil = one message per call.
    public var batch: ProducerBatching?
    /// Time to live of each message it publishes (AMQP `expiration`); nil = none.
    public var messageTTL: SimDuration?
    /// Delay of each message it publishes to a queue, topic or exchange: every copy stays
    /// invisible this long after entering its queue, in place of the queue's own `delay`
    /// (SQS per-message `DelaySeconds`, a message timer); nil = the queue's delay.
    /// - Note: Source: AWS SQS Developer Guide, "Amazon SQS message timers" (a per-message
    ///   delay overrides the queue's `DelaySeconds`; 0 … 900 s;
    ///   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html).
    public var messageDelay: SimDuration?
    /// Priority of each message it publishes, fixed or drawn (0 … 255); nil = none (0).
    public var priority: WeightedChoice<Int>?
    /// Keys of the messages it publishes to a queue, topic or exchange (message groups and
    /// per-key order, `Simulation+Ordering.swift`); stream producers keep theirs in
    /// `streamTarget.keys`.
    public var keys: MessageKeys = .none
    /// Size of each message body it publishes [bytes], ≥ 1; nil = unknown. Brokers with a
    /// `bytesPerSecond` capacity (`IngressCapacity`) charge it; messages dead-lettered or
    /// published further on behalf of this producer's message keep it.
    public var messageSizeBytes: Int?

    public init(name: String, target: QueueID, arrivals: ArrivalProcess, count: Int? = nil,
                duration: SimDuration? = nil, instances: Int = 1, poisonFraction: Double = 0,
                publishRetry: PublishRetry? = nil) {
        self.init(name: name, destination: .queue(target), arrivals: arrivals, count: count,
                  duration: duration, instances: instances)
        self.poisonFraction = poisonFraction
        self.publishRetry = publishRetry
    }

    public init(name: String, destination: Destination, arrivals: ArrivalProcess, count: Int? = nil,
                duration: SimDuration? = nil, instances: Int = 1, message: MessageTemplate? = nil,
                request: RequestReplyConfiguration? = nil) {
        self.name = name
        self.destination = destination
        self.arrivals = arrivals
        self.count = count
        self.duration = duration
        self.instances = instances
        self.message = message
        self.request = request
    }
}

/// A consumer: a pool of identical instances competing for the messages of one queue.
///
/// Each instance processes one message at a time and holds at most `prefetch` delivered,
/// unacknowledged messages (RabbitMQ's `basic.qos` prefetch count). It acks a message when
/// processing ends.
public struct ConsumerConfiguration: Sendable {
    /// Unique consumer name (also keys the instances' random streams).
    public var name: String
    /// The queue consumed.
    public var source: QueueID
    /// Number of instances (worker processes), ≥ 1.
    public var instances: Int
    /// Processing time of one message [s].
    public var service: Distribution
    /// Maximum delivered-but-unacknowledged messages per instance, ≥ 1.
    /// - Note: Source: RabbitMQ documentation, "Consumer Prefetch" (basic.qos prefetch_count).
    public var prefetch: Int
    /// Ack after processing (default) or on delivery.
    public var ack: AckMode
    /// Probability that an attempt fails (the downstream call errors), 0 … 1.
    public var failureRate: Double
    /// An attempt running longer is abandoned as failed at this point [s]; nil = no limit.
    public var processingTimeout: SimDuration?
    /// What happens after a failed attempt; nil = nack and requeue at once (or, on a queue
    /// with a visibility timeout, leave the message to reappear when it expires).
    public var retry: RetryPolicy?
    /// Duplicate suppression by message id; nil = every delivery is processed.
    public var idempotency: IdempotencyPolicy?
    /// Receive calls and polling (queue consumers); nil = the broker pushes each delivery.
    public var polling: ReceivePolling?
    /// Service Bus processors' automatic renewal of the peek-lock (`LockRenewal`); nil = the
    /// lock is never renewed.
    public var lockRenewal: LockRenewal?
    /// Set when the instances are members of a consumer group on a stream; `source` and
    /// `prefetch` are then unused.
    public var membership: GroupMembership?
    /// Published when a message is processed successfully, in this order.
    public var onSuccess: [PublishAction] = []
    /// Published when a message fails for good: rejected after its last retry, dead-lettered
    /// or dropped (see `Simulation.runFailureActions`).
    public var onFailure: [PublishAction] = []
    /// Processing a message of an open saga successfully ends the saga with this outcome.
    public var endsSaga: SagaOutcome?
    /// Each processing attempt takes a token (a downstream API's limit); nil = none.
    public var rateLimit: RateLimit?
    /// Applies processed messages in per-key order (`ResequencePolicy`); nil = as processed.
    public var resequence: ResequencePolicy?
    /// Intervals in which every instance stops taking deliveries and starting attempts (a
    /// deploy); sorted, not overlapping (Simulation+Resilience.swift).
    public var pauses: [ScheduledWindow] = []
    /// The dependency each attempt calls, with its failures and outages; nil = none.
    public var downstream: Downstream?
    /// A circuit breaker around `downstream`; nil = none.
    public var circuitBreaker: CircuitBreakerPolicy?
    /// Autoscaling of the instances (`instances` is then the maximum); nil = a fixed count.
    public var autoscale: AutoscalePolicy?

    public init(name: String, source: QueueID, instances: Int = 1, service: Distribution, prefetch: Int = 1,
                ack: AckMode = .manual, failureRate: Double = 0, processingTimeout: SimDuration? = nil,
                retry: RetryPolicy? = nil, idempotency: IdempotencyPolicy? = nil) {
        self.name = name
        self.source = source
        self.instances = instances
        self.service = service
        self.prefetch = prefetch
        self.ack = ack
        self.failureRate = failureRate
        self.processingTimeout = processingTimeout
        self.retry = retry
        self.idempotency = idempotency
    }
}
