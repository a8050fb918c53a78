import Technologies

extension Report {
    /// Adds each broker's technology (`brokers.<name>.technology`) and, for services that
    /// refuse requests past capacity, the publishes they would have throttled
    /// (`brokers.<name>.profile.throttled`). The capacity's share in use is the profile's
    /// `utilization`.
    /// - Parameter technologies: the technology of each broker that has one, by broker name.
    public mutating func addTechnologies(_ technologies: [String: Technology]) {
        for (name, technology) in technologies.sorted(by: { $0.key < $1.key }) where brokers[name] != nil {
            brokers[name]?.technology = technology.rawValue
            if Preset.for(technology).throttlesPastCapacity, let profile = brokers[name]?.profile, profile.messagesPerSecond != nil {
                brokers[name]?.profile?.throttled = profile.overQuota
            }
        }
        if let warning = serviceBusCreditWarning(technologies) { warnings.append(warning) }
    }

    /// `serviceBusThrottling`: the Service Bus brokers of the run (taken as one Standard-tier
    /// namespace) used more than its credits per second on average: one per message sent to a
    /// queue or topic, per subscription it was copied to (its filter evaluation), and per
    /// delivery (receive). The model does not throttle (the preset has no ingress limit): a
    /// real namespace would answer error 50009 and the SDK retry, so latencies would be higher.
    /// Source: https://learn.microsoft.com/azure/service-bus-messaging/service-bus-throttling.
    func serviceBusCreditWarning(_ technologies: [String: Technology]) -> ReportWarning? {
        let names = technologies.filter { $0.value == .azureServiceBus }.keys.sorted()
        guard !names.isEmpty, simulatedSeconds > 0 else { return nil }
        let credits = names.compactMap { brokers[$0] }.reduce(0) { sum, broker in
            // A queue's entries are sends or filter evaluations; each first delivery and each
            // redelivery is a receive.
            sum + broker.enqueued + (broker.type == "queue" ? broker.enqueued + broker.redeliveries : 0)
        }
        let perSecond = Double(credits) / simulatedSeconds
        let limit = Preset.serviceBusCreditsPerSecond
        guard perSecond > limit else { return nil }
        return ReportWarning(
            code: ReportWarning.serviceBusThrottling,
            message: "the Service Bus brokers (\(names.map { "\"\($0)\"" }.joined(separator: ", "))) used \(Formatting.count(Int(perSecond.rounded()))) credits/s on average (a credit per message sent, per subscription filter evaluation and per receive), over the Standard tier's \(Formatting.count(Int(limit))) per namespace: a real namespace would throttle (error 50009, retried by the SDK), which the model does not; its latencies and throughput are optimistic. Spread the load over namespaces or use the Premium tier (messaging units), which the preset does not model")
    }
}
