import MessagingModels

/// Key of broker profiles: queue `profile`.
extension ScenarioReader {
    /// `"profile": {"publishLatency": {"exponential": {"mean": "2ms"}}, "messagesPerSecond": 2000}`
    /// (each optional, at least one).
    func readProfile(_ broker: ObjectReader) -> BrokerProfile? {
        guard let object = broker.object("profile") else { return nil }
        let latency = object.object("publishLatency").flatMap(readDistribution)
        let rate = object.rate("messagesPerSecond", required: false)
        if case .object(let members)? = broker.value("profile"), members.isEmpty {
            broker.report("profile", "expected \"publishLatency\", \"messagesPerSecond\" or both, found {}")
        }
        object.finish()
        return BrokerProfile(publishLatency: latency, messagesPerSecond: rate)
    }
}
