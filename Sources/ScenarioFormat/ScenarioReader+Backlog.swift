import MessagingModels

/// Queue key `initialBacklog` (`InitialBacklog`).
extension ScenarioReader {
    /// A backlog read from a queue, waiting for the producers to be read.
    struct PendingBacklog {
        var queue: Int
        var messages: Int
        /// The named producer; nil = the first producer that publishes to the queue.
        var producer: String?
        /// JSON path of the `initialBacklog` value, and of its `producer` key.
        var path: String
        var producerPath: String
    }

    /// Reads `"initialBacklog": N` or `{"messages": N, "producer": "name"}` of any broker;
    /// returns it for a queue (numbered `queue`), reports it on other brokers.
    func readInitialBacklog(_ broker: ObjectReader, type: String, name: String, queue: Int) -> PendingBacklog? {
        guard let value = broker.value("initialBacklog") else { return nil }
        let path = broker.path("initialBacklog")
        guard BrokerDirectory.Kind(type: type) == .queue else {
            broker.report("initialBacklog", "\"initialBacklog\" applies to queues; \"\(name)\" is \(BrokerDirectory.Kind(type: type).article)")
            return nil
        }
        let range = 1...InitialBacklog.maximum
        if case .number = value {
            return ObjectReader.integer(value, in: range, path: path, diagnostics: diagnostics).map {
                PendingBacklog(queue: queue, messages: $0, producer: nil, path: path, producerPath: path)
            }
        }
        guard case .object = value else {
            diagnostics.report(path, "expected a number of messages or {\"messages\": N, \"producer\": \"name\"}, found \(value.brief)")
            return nil
        }
        guard let spec = ObjectReader(value, path: path, diagnostics: diagnostics) else { return nil }
        let messages = spec.integer("messages", in: range, required: true)
        let producer = spec.string("producer")
        spec.finish()
        return messages.map { PendingBacklog(queue: queue, messages: $0, producer: producer, path: path, producerPath: spec.path("producer")) }
    }

    /// Gives each queue its backlog once the producers are known: the named producer, or the
    /// first one publishing straight to the queue (`producerNames` lists every
    /// producer read, `producers` those without errors). The producer must publish messages (not
    /// stream records, requests or saga starts).
    func resolveBacklogs(_ pending: [PendingBacklog], into queues: inout [QueueConfiguration],
                         producers: [ProducerConfiguration], producerNames: [String]) {
        guard !pending.isEmpty else { return }
        let valid = NameIndex(producers.map(\.name))
        let named = NameIndex(producerNames)
        var firstByQueue: [Int: Int] = [:]
        // A stream producer's `destination` is a placeholder (queue 0): it never counts.
        for (index, producer) in producers.enumerated() where producer.streamTarget == nil {
            if let queue = producer.destination.queue?.index, firstByQueue[queue] == nil { firstByQueue[queue] = index }
        }
        for backlog in pending {
            let index: Int
            if let name = backlog.producer {
                guard let found = valid.index(of: name) else {
                    if named.contains(name) { continue }   // the producer itself has an error, reported already
                    diagnostics.report(backlog.producerPath, "no producer named \"\(name)\"\(Suggestion.didYouMean(name, in: named.nonEmpty)); producers: \(NameList.short(named.nonEmpty))")
                    continue
                }
                index = found
            } else {
                guard let found = firstByQueue[backlog.queue] else {
                    diagnostics.report(backlog.path, "no producer publishes straight to \"\(queues[backlog.queue].name)\"; name the producer whose messages make up the backlog: {\"messages\": \(backlog.messages), \"producer\": \"…\"}")
                    continue
                }
                index = found
            }
            let producer = producers[index]
            if producer.streamTarget != nil || producer.request != nil || producer.startsSaga {
                let what = producer.streamTarget != nil ? "writes to a stream" : producer.request != nil ? "sends requests" : "starts sagas"
                diagnostics.report(backlog.producerPath, "producer \"\(producer.name)\" \(what); a backlog is made of plain messages: name a producer that publishes to a queue, topic or exchange")
                continue
            }
            queues[backlog.queue].initialBacklog = InitialBacklog(messages: backlog.messages, producer: index)
        }
    }
}
