import MessagingModels

/// Keys of flow control: rate limits on producers and consumers, and queue length limits.
extension ScenarioReader {
    static let overflowModes = QueueCapacity.Overflow.allCases.map(\.rawValue)
    /// Largest `capacity` and `burst` accepted.
    static let maxFlowLimit = 1_000_000_000

    /// Reads `"capacity": 1000, "overflow": "dropHead" | "rejectPublish" | "dropNew"` of any
    /// broker; returns the limit for a queue, reports the keys on other broker types.
    func readCapacity(_ broker: ObjectReader, type: String, name: String) -> QueueCapacity? {
        let maxLength = broker.integer("capacity", in: 1...Self.maxFlowLimit)
        let overflow = broker.choice("overflow", in: Self.overflowModes).flatMap(QueueCapacity.Overflow.init(rawValue:))
        guard BrokerDirectory.Kind(type: type) == .queue else {
            for key in ["capacity", "overflow"] where broker.has(key) {
                broker.report(key, "\"\(key)\" applies to queues; \"\(name)\" is \(BrokerDirectory.Kind(type: type).article)")
            }
            return nil
        }
        if overflow != nil && !broker.has("capacity") {
            broker.report("overflow", "\"overflow\" needs \"capacity\" (the queue's length limit)")
            return nil
        }
        return maxLength.map { QueueCapacity(maxLength: $0, overflow: overflow ?? ScenarioDefaults.overflow.value) }
    }

    static let rateLimitAlgorithms = RateLimit.Algorithm.allCases.map(\.rawValue)

    /// `"rateLimit": {"rate": 10, "burst": 5, "perInstance": false}` or
    /// `{"rate": 10, "algorithm": "leakyBucket", "queue": 20}`.
    func readRateLimit(_ reader: ObjectReader) -> RateLimit? {
        defer { reader.finish() }
        let rate = reader.rate("rate")
        let algorithm = reader.choice("algorithm", in: Self.rateLimitAlgorithms).flatMap(RateLimit.Algorithm.init(rawValue:)) ?? ScenarioDefaults.rateLimitAlgorithm.value
        let burst = reader.integer("burst", in: 1...Self.maxFlowLimit) ?? ScenarioDefaults.rateLimitBurst.value
        let queue = reader.integer("queue", in: 0...Self.maxFlowLimit)
        let perInstance = reader.bool("perInstance") ?? ScenarioDefaults.rateLimitPerInstance.value
        if algorithm == .leakyBucket, reader.has("burst") {
            reader.report("burst", "a leaky bucket lets calls out evenly at \"rate\" and has no burst; use \"algorithm\": \"tokenBucket\" for bursts")
            return nil
        }
        if algorithm == .tokenBucket, reader.has("queue") {
            reader.report("queue", "\"queue\" (the most calls waiting in the bucket) applies to \"algorithm\": \"leakyBucket\"")
            return nil
        }
        return rate.map { RateLimit(ratePerSecond: $0, burst: burst, perInstance: perInstance, algorithm: algorithm, queue: queue) }
    }

    /// A producer's `rateLimit`; a leaky bucket needs a producer that publishes straight to a
    /// queue (messages wait in the bucket on their way to it).
    func readProducerRateLimit(_ producer: ObjectReader, publishesToQueue: Bool) -> RateLimit? {
        guard let reader = producer.object("rateLimit") else { return nil }
        let limit = readRateLimit(reader)
        if limit?.algorithm == .leakyBucket, !publishesToQueue {
            reader.report("algorithm", "a leaky bucket on a producer applies to one that publishes straight to a queue without a message template, request or saga; use a token bucket here")
            return nil
        }
        return limit
    }

    /// A consumer's `rateLimit`; only queue consumers take one. A leaky bucket with a `queue`
    /// refuses calls, which fail: the consumer needs a `retry` policy (without one a refused
    /// message would be requeued and refused again at the same instant).
    func readConsumerRateLimit(_ consumer: ObjectReader, isGroupMember: Bool) -> RateLimit? {
        guard let reader = consumer.object("rateLimit") else { return nil }
        let limit = readRateLimit(reader)
        if isGroupMember {
            consumer.report("rateLimit", "\"rateLimit\" applies to consumers of a queue; this consumer reads a stream with a group")
            return nil
        }
        if limit?.queue != nil, !consumer.has("retry") {
            reader.report("queue", "a refused call fails; add a \"retry\" policy with a backoff to the consumer, or leave out \"queue\" so calls wait instead")
            return nil
        }
        return limit
    }
}
