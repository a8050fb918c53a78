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
        return maxLength.map { QueueCapacity(maxLength: $0, overflow: overflow ?? .dropHead) }
    }

    /// `"rateLimit": {"rate": 10, "burst": 5, "perInstance": false}`.
    func readRateLimit(_ reader: ObjectReader) -> RateLimit? {
        defer { reader.finish() }
        let rate = reader.rate("rate")
        let burst = reader.integer("burst", in: 1...Self.maxFlowLimit) ?? 1
        let perInstance = reader.bool("perInstance") ?? false
        return rate.map { RateLimit(ratePerSecond: $0, burst: burst, perInstance: perInstance) }
    }

    /// A consumer's `rateLimit`; only queue consumers take one.
    func readConsumerRateLimit(_ consumer: ObjectReader, isGroupMember: Bool) -> RateLimit? {
        guard let reader = consumer.object("rateLimit") else { return nil }
        let limit = readRateLimit(reader)
        if isGroupMember {
            consumer.report("rateLimit", "\"rateLimit\" applies to consumers of a queue; this consumer reads a stream with a group")
            return nil
        }
        return limit
    }
}
