import MessagingModels

/// Key of broker profiles: queue `profile`.
extension ScenarioReader {
    /// `"profile": {"publishLatency": {"exponential": {"mean": "2ms"}}, "messagesPerSecond": 2000,
    /// "deliverLatency": {"constant": "1ms"}, "ackLatency": {"constant": "1ms"}, "publishInOrder": true}`
    /// (each optional, at least one).
    func readProfile(_ broker: ObjectReader) -> BrokerProfile? {
        guard let object = broker.object("profile") else { return nil }
        let profile = BrokerProfile(
            publishLatency: object.object("publishLatency").flatMap(readDistribution),
            messagesPerSecond: object.rate("messagesPerSecond", required: false),
            deliverLatency: object.object("deliverLatency").flatMap(readDistribution),
            ackLatency: object.object("ackLatency").flatMap(readDistribution),
            publishInOrder: object.bool("publishInOrder") ?? false)
        if case .object(let members)? = broker.value("profile"), members.isEmpty {
            broker.report("profile", "expected at least one of \"publishLatency\", \"messagesPerSecond\", \"deliverLatency\", \"ackLatency\", found {}")
        }
        object.finish()
        return profile
    }
}
