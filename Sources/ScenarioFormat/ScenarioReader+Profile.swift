import MessagingModels

/// Key of broker profiles: queue and stream `profile`.
extension ScenarioReader {
    /// Keys of a queue's profile, in the order error messages list them.
    static let queueProfileKeys = ["publishLatency", "messagesPerSecond", "bytesPerSecond", "deliverLatency", "ackLatency", "publishInOrder", "ingressUnit"]
    /// Keys of a stream's profile (each partition's ingress capacity, the brokers' shared one).
    static let streamProfileKeys = ["messagesPerSecond", "bytesPerSecond", "brokers", "brokerMessagesPerSecond", "brokerBytesPerSecond", "ingressUnit"]
    /// Most brokers of one stream.
    static let maxStreamBrokers = 10_000
    /// Largest byte rate a profile may give [bytes/s]: 10¹⁵ (a petabyte per second).
    static let maxBytesPerSecond = 1e15

    /// `"profile": {"publishLatency": {"exponential": {"mean": "2ms"}}, "messagesPerSecond": 2000,
    /// "bytesPerSecond": 40000000, "deliverLatency": {"constant": "1ms"}, "ackLatency": {"constant": "1ms"},
    /// "publishInOrder": true, "ingressUnit": "messages" | "calls"}` (each optional, at least one;
    /// `ingressUnit` default `messages`, and it needs `messagesPerSecond`).
    func readProfile(_ broker: ObjectReader) -> BrokerProfile? {
        guard let object = broker.object("profile") else { return nil }
        let profile = BrokerProfile(
            publishLatency: object.object("publishLatency").flatMap(readDistribution),
            messagesPerSecond: object.rate("messagesPerSecond", required: false),
            bytesPerSecond: readBytesPerSecond(object),
            deliverLatency: object.object("deliverLatency").flatMap(readDistribution),
            ackLatency: object.object("ackLatency").flatMap(readDistribution),
            publishInOrder: object.bool("publishInOrder") ?? ScenarioDefaults.publishInOrder.value,
            ingressUnit: object.choice("ingressUnit", in: BrokerProfile.IngressUnit.allCases.map(\.rawValue))
                .flatMap(BrokerProfile.IngressUnit.init(rawValue:)) ?? ScenarioDefaults.ingressUnit.value)
        if object.has("ingressUnit"), !object.has("messagesPerSecond") {
            object.report("ingressUnit", "\"ingressUnit\" says what \"messagesPerSecond\" counts; set \"messagesPerSecond\" too, or remove it")
        }
        if case .object(let members)? = broker.value("profile"), members.isEmpty {
            broker.report("profile", "expected at least one of \"publishLatency\", \"messagesPerSecond\", \"bytesPerSecond\", \"deliverLatency\", \"ackLatency\", found {}")
        }
        object.finish()
        return profile
    }

    /// A stream's `"profile": {"messagesPerSecond": 300000, "bytesPerSecond": 30000000,
    /// "brokers": 3, "brokerMessagesPerSecond": 674677, "brokerBytesPerSecond": 67467733,
    /// "ingressUnit": "messages" | "calls"}`: the ingress capacity of each partition, and of
    /// each of `brokers` brokers shared by the partitions it leads (`StreamBrokers`; at least
    /// one rate in all; `brokers` 1 … 10,000, default 1, needs a broker rate). The latency keys
    /// of a queue's profile are errors here (a stream's latency is its `replicationDelay`).
    func readStreamProfile(_ broker: ObjectReader, into stream: inout StreamConfiguration) {
        guard let object = broker.object("profile") else { return }
        for key in Self.queueProfileKeys where !Self.streamProfileKeys.contains(key) && object.fields[key] != nil {
            _ = object.value(key)
            object.report(key, "\"\(key)\" applies to a queue's profile; a stream's profile has \(Self.streamProfileKeys.map { "\"\($0)\"" }.joined(separator: ", ")) (each partition's capacity and the brokers' shared one)")
        }
        stream.capacity = IngressCapacity(messagesPerSecond: object.rate("messagesPerSecond", required: false),
                                          bytesPerSecond: readBytesPerSecond(object))
        let count = object.integer("brokers", in: 1...Self.maxStreamBrokers)
        let brokerCapacity = IngressCapacity(
            messagesPerSecond: object.rate("brokerMessagesPerSecond", required: false),
            bytesPerSecond: object.number("brokerBytesPerSecond", expectation: "a rate in bytes per second from 1 to 1e15",
                                          isValid: { $0 >= 1 && $0 <= Self.maxBytesPerSecond }))
        if let brokerCapacity {
            stream.brokers = StreamBrokers(count: count ?? ScenarioDefaults.streamBrokers.value, capacity: brokerCapacity)
        } else if count != nil {
            object.report("brokers", "\"brokers\" says how many brokers share the partitions' load; set \"brokerMessagesPerSecond\" or \"brokerBytesPerSecond\" (each broker's capacity) too, or remove it")
        }
        if let unit = object.choice("ingressUnit", in: BrokerProfile.IngressUnit.allCases.map(\.rawValue)).flatMap(BrokerProfile.IngressUnit.init(rawValue:)) {
            stream.ingressUnit = unit
            if !object.has("messagesPerSecond") && !object.has("brokerMessagesPerSecond") {
                object.report("ingressUnit", "\"ingressUnit\" says what \"messagesPerSecond\" and \"brokerMessagesPerSecond\" count; set one of them too, or remove it")
            }
        }
        if case .object(let members)? = broker.value("profile"), members.isEmpty {
            broker.report("profile", "expected at least one of \"messagesPerSecond\", \"bytesPerSecond\", \"brokerMessagesPerSecond\", \"brokerBytesPerSecond\", found {}")
        }
        object.finish()
    }

    /// `bytesPerSecond`: a number of bytes per second, 1 … 10¹⁵.
    func readBytesPerSecond(_ object: ObjectReader) -> Double? {
        object.number("bytesPerSecond", expectation: "a rate in bytes per second from 1 to 1e15",
                      isValid: { $0 >= 1 && $0 <= Self.maxBytesPerSecond })
    }
}
