import MessagingModels

/// Key of broker profiles: queue `profile`.
extension ScenarioReader {
    /// `"profile": {"publishLatency": {"exponential": {"mean": "2ms"}}, "messagesPerSecond": 2000,
    /// "deliverLatency": {"constant": "1ms"}, "ackLatency": {"constant": "1ms"}, "publishInOrder": true,
    /// "ingressUnit": "messages" | "calls"}` (each optional, at least one; `ingressUnit`
    /// default `messages`, and it needs `messagesPerSecond`).
    func readProfile(_ broker: ObjectReader) -> BrokerProfile? {
        guard let object = broker.object("profile") else { return nil }
        let profile = BrokerProfile(
            publishLatency: object.object("publishLatency").flatMap(readDistribution),
            messagesPerSecond: object.rate("messagesPerSecond", required: false),
            deliverLatency: object.object("deliverLatency").flatMap(readDistribution),
            ackLatency: object.object("ackLatency").flatMap(readDistribution),
            publishInOrder: object.bool("publishInOrder") ?? false,
            ingressUnit: object.choice("ingressUnit", in: BrokerProfile.IngressUnit.allCases.map(\.rawValue))
                .flatMap(BrokerProfile.IngressUnit.init(rawValue:)) ?? .messages)
        if object.has("ingressUnit"), !object.has("messagesPerSecond") {
            object.report("ingressUnit", "\"ingressUnit\" says what \"messagesPerSecond\" counts; set \"messagesPerSecond\" too, or remove it")
        }
        if case .object(let members)? = broker.value("profile"), members.isEmpty {
            broker.report("profile", "expected at least one of \"publishLatency\", \"messagesPerSecond\", \"deliverLatency\", \"ackLatency\", found {}")
        }
        object.finish()
        return profile
    }
}
