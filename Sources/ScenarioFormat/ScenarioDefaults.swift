import MessagingModels

/// The default of every optional scenario key the reader fills in: one table, which the reader
/// takes its values from and a test (`ScenarioDefaultsTests`) checks against the `default`s of
/// `Scenarios/scenario.schema.json` and the README's scenario reference, so the three cannot
/// drift apart.
///
/// To add a key with a default: add a `static let` here (its README key, the schema location of
/// its `default` if the schema states one, the README words before the value if they are not
/// at the start of the default column, and the value), list it in `all`, read it in the reader
/// as `reader.integer("key", …) ?? ScenarioDefaults.key.value`, and state the same value in the
/// schema and the README. Technology presets (`TechnologyPresets`) are applied before the
/// reader and are not defaults in this sense: an explicit key wins over a preset, a preset over
/// this table.
public enum ScenarioDefaults {
    /// A default in the table's common form, for the test and for listings.
    public enum Value: Equatable, Sendable {
        case integer(Int)
        case number(Double)
        case string(String)
        case bool(Bool)
        /// A duration [s].
        case seconds(Double)
    }

    /// One key's default.
    public struct Entry: Sendable {
        /// The key as the README's scenario reference spells it (`consumers[].prefetch`).
        public var key: String
        /// Where the schema states the default: the `$defs` type and property
        /// (`consumer.prefetch`, `consumer.retry.jitter`); nil for a key the schema gives no
        /// `default` for (top-level keys, durations written as text).
        public var schema: String?
        /// The words before the value in the README's default column (`"multiplier default"`),
        /// "" when the value opens it, nil when the README states no default for the key.
        public var readme: String?
        public var value: Value
    }

    /// A default of type `T`, as the reader uses it.
    public struct Default<T: Sendable>: Sendable {
        public let entry: Entry
        public let value: T
    }

    static func integer(_ key: String, schema: String? = nil, readme: String? = "", _ value: Int) -> Default<Int> {
        Default(entry: Entry(key: key, schema: schema, readme: readme, value: .integer(value)), value: value)
    }
    static func number(_ key: String, schema: String? = nil, readme: String? = "", _ value: Double) -> Default<Double> {
        Default(entry: Entry(key: key, schema: schema, readme: readme, value: .number(value)), value: value)
    }
    static func seconds(_ key: String, schema: String? = nil, readme: String? = "", _ value: Double) -> Default<Double> {
        Default(entry: Entry(key: key, schema: schema, readme: readme, value: .seconds(value)), value: value)
    }
    static func string(_ key: String, schema: String? = nil, readme: String? = "", _ value: String) -> Default<String> {
        Default(entry: Entry(key: key, schema: schema, readme: readme, value: .string(value)), value: value)
    }
    static func choice<T: RawRepresentable & Sendable>(_ key: String, schema: String? = nil, readme: String? = "", _ value: T) -> Default<T>
    where T.RawValue == String {
        Default(entry: Entry(key: key, schema: schema, readme: readme, value: .string(value.rawValue)), value: value)
    }
    static func bool(_ key: String, schema: String? = nil, readme: String? = "", _ value: Bool) -> Default<Bool> {
        Default(entry: Entry(key: key, schema: schema, readme: readme, value: .bool(value)), value: value)
    }

    // MARK: top level
    public static let description = string("description", "")
    public static let seed = integer("seed", 1)
    public static let warmup = seconds("warmup", 0)
    public static let drainTimeout = seconds("drainTimeout", 3600)

    // MARK: brokers
    public static let brokerType = string("brokers[].type", schema: "broker.type", readme: "type", "queue")
    public static let durable = bool("brokers[].durable", schema: "broker.durable", true)
    public static let overflow = choice("brokers[].overflow", schema: "broker.overflow", QueueCapacity.Overflow.dropHead)
    public static let ttlExpiry = choice("brokers[].ttlExpiry", schema: "broker.ttlExpiry", MessageExpiry.anywhere)
    public static let ordering = string("brokers[].ordering", schema: "broker.ordering", "fifo")
    public static let reorderProbability = number("brokers[].reorderProbability", schema: "broker.reorderProbability", 0.01)
    public static let duplicateProbability = number("brokers[].duplicateProbability", schema: "broker.duplicateProbability", 0.001)
    public static let messageGroups = bool("brokers[].messageGroups", schema: "broker.messageGroups", false)
    public static let shortPollSampling = number("brokers[].shortPollSampling", schema: "broker.shortPollSampling", 1)
    public static let deduplicationScope = choice("brokers[].deduplication.scope", schema: "broker.deduplication.scope", readme: "scope", DeduplicationPolicy.Scope.queue)
    public static let partitions = integer("brokers[].partitions", schema: "broker.partitions", 1)
    public static let ingressUnit = choice("brokers[].profile.ingressUnit", schema: "broker.profile.ingressUnit", readme: nil, BrokerProfile.IngressUnit.messages)
    public static let streamBrokers = integer("brokers[].profile.brokers", schema: "broker.profile.brokers", 1)
    public static let partitioner = choice("brokers[].partitioner", schema: "broker.partitioner", Partitioner.murmur2)
    public static let stickyBatch = integer("brokers[].stickyBatch", schema: "broker.stickyBatch", 16)
    public static let replicas = integer("brokers[].replicas", schema: "broker.replicas", 1)
    public static let minInSyncReplicas = integer("brokers[].minInSyncReplicas", schema: "broker.minInSyncReplicas", 1)

    // MARK: producers
    public static let producerInstances = integer("producers[].instances", schema: "producer.instances", 1)
    public static let poisonFraction = number("producers[].message.poisonFraction", 0)
    public static let acks = choice("producers[].acks", schema: "producer.acks", Acks.all)
    public static let idempotent = bool("producers[].idempotent", schema: "producer.idempotent", true)
    public static let mandatory = bool("producers[].mandatory", schema: "producer.mandatory", false)
    public static let startsSaga = bool("producers[].startsSaga", schema: "producer.startsSaga", false)
    public static let keyDistribution = string("producers[].message.keys.distribution", schema: "messageKeys.distribution", readme: ";", "uniform")
    public static let keyExponent = number("producers[].message.keys.exponent", schema: "messageKeys.exponent", readme: "exponent", 1)

    // MARK: consumers
    public static let consumerInstances = integer("consumers[].instances", schema: "consumer.instances", 1)
    public static let prefetch = integer("consumers[].prefetch", schema: "consumer.prefetch", 1)
    public static let ack = choice("consumers[].ack", schema: "consumer.ack", AckMode.manual)
    public static let failureRate = number("consumers[].failureRate", schema: "consumer.failureRate", 0)
    public static let retryJitter = choice("consumers[].retry.jitter", schema: "consumer.retry.jitter", readme: nil, RetryPolicy.Jitter.none)
    public static let retryMultiplier = number("consumers[].retry.multiplier", readme: "multiplier default", 2)
    public static let idempotencyClaim = choice("consumers[].idempotency.claim", readme: "claim", IdempotencyPolicy.Claim.atEnd)
    public static let assignor = choice("consumers[].assignor", schema: "consumer.assignor", PartitionAssignor.Strategy.range)
    public static let commit = string("consumers[].commit", schema: "consumer.commit", "auto")
    public static let autoCommitInterval = seconds("consumers[].autoCommitInterval", 5)
    public static let downstreamFailureRate = number("consumers[].downstream.failureRate", schema: "downstream.failureRate", readme: nil, 0)

    // MARK: rate limits and circuit breakers
    public static let rateLimitBurst = integer("rateLimit.burst", schema: "rateLimit.burst", readme: nil, 1)
    public static let rateLimitPerInstance = bool("rateLimit.perInstance", schema: "rateLimit.perInstance", readme: nil, false)
    public static let rateLimitAlgorithm = choice("rateLimit.algorithm", schema: "rateLimit.algorithm", RateLimit.Algorithm.tokenBucket)
    public static let failureThreshold = number("circuitBreaker.failureThreshold", schema: "circuitBreaker.failureThreshold", readme: nil, 0.5)
    public static let halfOpenProbes = integer("circuitBreaker.halfOpenProbes", schema: "circuitBreaker.halfOpenProbes", readme: nil, 1)
    public static let minimumCalls = integer("circuitBreaker.minimumCalls", schema: "circuitBreaker.minimumCalls", readme: nil, 10)

    // MARK: streams and consumer groups (keys the models' initialisers no longer default)
    public static let deduplicationWindow = seconds("brokers[].deduplication.window", readme: "window", 300)
    public static let lagSampleInterval = seconds("brokers[].lagSampleInterval", 1)
    public static let maxPollInterval = seconds("consumers[].maxPollInterval", 300)
    public static let publishInOrder = bool("brokers[].profile.publishInOrder", readme: nil, false)
    public static let rebalanceDelay = seconds("consumers[].rebalanceDelay", 3)
    public static let replicationDelay = seconds("brokers[].replicationDelay", 0)
    public static let retention = seconds("brokers[].retention", 7 * 86_400)
    public static let startAt = string("consumers[].startAt", "latest")

    // MARK: autoscaling and send batches
    public static let autoscaleCooldown = seconds("consumers[].autoscale.cooldown", readme: "cooldown", 300)
    public static let autoscaleInterval = seconds("consumers[].autoscale.interval", readme: "interval", 30)
    public static let autoscaleStartupDelay = seconds("consumers[].autoscale.startupDelay", readme: "startupDelay", 0)
    public static let linger = seconds("producers[].batch.linger", readme: "default", 0)

    /// Every default: the first groups in README order, then each later group sorted by name.
    public static let all: [Entry] = [
        description.entry, seed.entry, warmup.entry, drainTimeout.entry,
        brokerType.entry, durable.entry, overflow.entry, ttlExpiry.entry, ordering.entry, reorderProbability.entry,
        duplicateProbability.entry, messageGroups.entry, deduplicationScope.entry, shortPollSampling.entry, ingressUnit.entry, partitions.entry, streamBrokers.entry, partitioner.entry,
        stickyBatch.entry, replicas.entry, minInSyncReplicas.entry,
        producerInstances.entry, poisonFraction.entry, acks.entry, idempotent.entry, mandatory.entry, startsSaga.entry,
        keyDistribution.entry, keyExponent.entry,
        consumerInstances.entry, prefetch.entry, ack.entry, failureRate.entry, retryJitter.entry, retryMultiplier.entry,
        idempotencyClaim.entry, assignor.entry, commit.entry, autoCommitInterval.entry, downstreamFailureRate.entry,
        rateLimitBurst.entry, rateLimitPerInstance.entry, rateLimitAlgorithm.entry,
        failureThreshold.entry, halfOpenProbes.entry, minimumCalls.entry,
    ] + [
        deduplicationWindow, lagSampleInterval, maxPollInterval, rebalanceDelay, replicationDelay, retention,
        autoscaleCooldown, autoscaleInterval, autoscaleStartupDelay, linger,
    ].map(\.entry) + [publishInOrder.entry, startAt.entry]
}
