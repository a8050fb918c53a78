import MessagingModels

/// Keys of priorities: queue `maxPriority`, producer `message.priority`.
extension ScenarioReader {
    /// Reads `"maxPriority": 9` of any broker; returns it for a queue, reports it on others.
    func readMaxPriority(_ broker: ObjectReader, type: String, name: String) -> Int? {
        let maximum = broker.integer("maxPriority", in: 0...MessagePriority.maximum)
        guard BrokerDirectory.Kind(type: type) == .queue else {
            if broker.has("maxPriority") {
                broker.report("maxPriority", "\"maxPriority\" applies to queues; \"\(name)\" is \(BrokerDirectory.Kind(type: type).article)")
            }
            return nil
        }
        return maximum
    }

    /// A producer's `message.priority`: an integer 0 … 255 or `{"oneOf": [0, 5, 9], "weights": […]}`;
    /// not for records of a stream.
    func readMessagePriority(_ message: ObjectReader?, publishesToStream: Bool) -> WeightedChoice<Int>? {
        guard let message, let value = message.value("priority") else { return nil }
        let path = message.path("priority")
        let choice = readChoice(value, path: path, what: "a priority") { value, path -> Int? in
            ObjectReader.integer(value, in: 0...MessagePriority.maximum, path: path, diagnostics: diagnostics)
        }
        if publishesToStream {
            message.report("priority", "\"priority\" applies to messages published to queues, topics and exchanges, not to stream records")
            return nil
        }
        return choice
    }
}
