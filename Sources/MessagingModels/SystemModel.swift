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
    public var queues: [QueueConfiguration]
    /// Pub/sub topics, indexed by `TopicID`.
    public var topics: [TopicConfiguration]
    /// AMQP exchanges, indexed by `ExchangeID`.
    public var exchanges: [ExchangeConfiguration]
    public var producers: [ProducerConfiguration]
    public var consumers: [ConsumerConfiguration]

    public init(name: String, seed: UInt64, duration: SimDuration? = nil, warmup: SimDuration = .zero,
                drainTimeout: SimDuration = SimDuration(seconds: 3600), maxEvents: Int? = nil,
                queues: [QueueConfiguration], topics: [TopicConfiguration] = [],
                exchanges: [ExchangeConfiguration] = [], producers: [ProducerConfiguration],
                consumers: [ConsumerConfiguration]) {
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
    }
}

/// Index of a queue in `SystemModel.queues`.
public struct QueueID: Hashable, Sendable {
    public var index: Int
    public init(_ index: Int) { self.index = index }
}

/// A point-to-point queue: each message is delivered to one consumer instance; FIFO order.
public struct QueueConfiguration: Sendable {
    /// Unique broker name.
    public var name: String
    public init(name: String) { self.name = name }
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
    /// Routing key and headers of each message; nil: routing key `""`, no headers.
    public var message: MessageTemplate?
    /// Set when every message is a request awaiting a reply.
    public var request: RequestReplyConfiguration?
    /// AMQP `mandatory`: a publish to an exchange that reaches no queue is returned to the
    /// producer (counted `returned`) instead of being dropped silently.
    public var mandatory: Bool = false
    /// Every message starts a saga (see `SagaOutcome`).
    public var startsSaga: Bool = false

    public init(name: String, target: QueueID, arrivals: ArrivalProcess, count: Int? = nil,
                duration: SimDuration? = nil, instances: Int = 1) {
        self.init(name: name, destination: .queue(target), arrivals: arrivals, count: count,
                  duration: duration, instances: instances)
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
    /// Published when a message is processed successfully, in this order.
    public var onSuccess: [PublishAction] = []
    /// Published when a message fails for good (see `Simulation.runFailureActions`).
    public var onFailure: [PublishAction] = []
    /// Probability that a processing attempt fails, 0 … 1; a failed message is dropped
    /// (reason `processingFailed`). A stop-gap until retries and dead-letter queues exist.
    public var failureRate: Double = 0
    /// Processing a message of an open saga successfully ends the saga with this outcome.
    public var endsSaga: SagaOutcome?

    public init(name: String, source: QueueID, instances: Int = 1, service: Distribution, prefetch: Int = 1) {
        self.name = name
        self.source = source
        self.instances = instances
        self.service = service
        self.prefetch = prefetch
    }
}
