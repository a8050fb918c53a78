import MessagingModels
import SimulationKernel

/// Keys of message expiry: queue `messageTTL` and `ttlExpiry`, producer `message.ttl`.
extension ScenarioReader {
    static let ttlExpiryModes = MessageExpiry.allCases.map(\.rawValue)

    /// Reads `"messageTTL": "30s", "ttlExpiry": "anywhere" | "head"` of any broker; returns them
    /// for a queue, reports them on other broker types.
    func readExpiry(_ broker: ObjectReader, type: String, name: String) -> (ttl: SimDuration?, expiry: MessageExpiry) {
        let ttl = broker.duration("messageTTL")
        let mode = broker.choice("ttlExpiry", in: Self.ttlExpiryModes).flatMap(MessageExpiry.init(rawValue:)) ?? ScenarioDefaults.ttlExpiry.value
        guard BrokerDirectory.Kind(type: type) == .queue else {
            for key in ["messageTTL", "ttlExpiry"] where broker.has(key) {
                broker.report(key, "\"\(key)\" applies to queues; \"\(name)\" is \(BrokerDirectory.Kind(type: type).article)")
            }
            return (nil, .anywhere)
        }
        return (ttl.map(SimDuration.init(seconds:)), mode)
    }

    /// A producer's `message.ttl`; not for records of a stream (which expire by retention).
    func readMessageTTL(_ message: ObjectReader?, publishesToStream: Bool) -> SimDuration? {
        guard let message, let ttl = message.duration("ttl") else { return nil }
        if publishesToStream {
            message.report("ttl", "\"ttl\" applies to messages published to queues, topics and exchanges; stream records expire by the stream's retention")
            return nil
        }
        return SimDuration(seconds: ttl)
    }

    /// A producer's `message.delay` (≥ 0; 0 = none); not for records of a stream.
    func readMessageDelay(_ message: ObjectReader?, publishesToStream: Bool) -> SimDuration? {
        guard let message, let delay = message.duration("delay") else { return nil }
        if publishesToStream {
            message.report("delay", "\"delay\" applies to messages published to queues, topics and exchanges; a stream's consumers read records as soon as they are written")
            return nil
        }
        return delay > 0 ? SimDuration(seconds: delay) : nil
    }
}
