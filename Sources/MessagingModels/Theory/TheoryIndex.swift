/// What feeds and serves each queue of a `SystemModel`, computed once so that deciding the
/// theory verdict of every queue costs time proportional to the model, not to its square (a
/// report asks for all of them; a scenario may have tens of thousands of queues).
///
/// Every list is in ascending index order, so the first obstacle found is the one a
/// queue-by-queue scan of the model would find.
struct TheoryIndex {
    /// Per queue: the producers (not stream producers) whose publishes can reach it — directly,
    /// through a topic subscription, or through an exchange.
    var producers: [[Int]]
    /// Per queue: the first other queue that dead-letters into it, and whether through an
    /// exchange (a direct dead-letter queue is checked before the exchange of the same queue).
    var deadLetterSource: [(queue: Int, throughExchange: Bool)?]
    /// Per queue: the first consumer with an `onSuccess`/`onFailure` action that reaches it.
    var publishingConsumer: [Int?]
    /// Per queue: whether some producer's requests are answered into it.
    var receivesReplies: [Bool]
    /// Per queue: the consumers (not group members) that read it.
    var readers: [[Int]]
    /// Per exchange: the queues it routes to, following exchange-to-exchange bindings and
    /// alternate exchanges.
    var exchangeQueues: [Set<Int>]

    init(_ model: SystemModel) {
        let queueCount = model.queues.count
        exchangeQueues = model.exchanges.indices.map { TheoryIndex.reachable(from: ExchangeID($0), in: model) }
        producers = Array(repeating: [], count: queueCount)
        deadLetterSource = Array(repeating: nil, count: queueCount)
        publishingConsumer = Array(repeating: nil, count: queueCount)
        receivesReplies = Array(repeating: false, count: queueCount)
        readers = Array(repeating: [], count: queueCount)

        for (p, producer) in model.producers.enumerated() {
            if let reply = producer.request?.replyTo.index, reply < queueCount { receivesReplies[reply] = true }
            guard producer.streamTarget == nil else { continue }
            for q in queues(reachedBy: producer.destination, in: model) { producers[q].append(p) }
        }
        for (other, queue) in model.queues.enumerated() {
            if let target = queue.deadLetter?.queue.index, target != other, target < queueCount, deadLetterSource[target] == nil {
                deadLetterSource[target] = (other, false)
            }
            if let exchange = queue.deadLetterExchange?.exchange.index, exchange < exchangeQueues.count {
                for target in exchangeQueues[exchange].sorted() where target != other && deadLetterSource[target] == nil {
                    deadLetterSource[target] = (other, true)
                }
            }
        }
        for (c, consumer) in model.consumers.enumerated() {
            if consumer.membership == nil, consumer.source.index < queueCount { readers[consumer.source.index].append(c) }
            for action in consumer.onSuccess + consumer.onFailure {
                for q in queues(reachedBy: action.destination, in: model) where publishingConsumer[q] == nil {
                    publishingConsumer[q] = c
                }
            }
        }
    }

    /// The queues `destination` can deliver into, each once, ascending.
    func queues(reachedBy destination: Destination, in model: SystemModel) -> [Int] {
        switch destination {
        case .queue(let id): return id.index < model.queues.count ? [id.index] : []
        case .topic(let topic): return Set(model.topics[topic.index].subscriptions.map(\.queue.index)).sorted()
        case .exchange(let exchange): return exchangeQueues[exchange.index].sorted()
        }
    }

    /// Whether exchange `exchange` has a route into `queue`.
    func routes(_ exchange: ExchangeID, to queue: QueueID) -> Bool {
        exchange.index < exchangeQueues.count && exchangeQueues[exchange.index].contains(queue.index)
    }

    /// The queues exchange `start` routes to, following exchange-to-exchange bindings and
    /// alternate exchanges (each exchange visited once).
    static func reachable(from start: ExchangeID, in model: SystemModel) -> Set<Int> {
        var seen = [Bool](repeating: false, count: model.exchanges.count)
        var pending = [start]
        var queues: Set<Int> = []
        while let next = pending.popLast() {
            guard next.index < seen.count, !seen[next.index] else { continue }
            seen[next.index] = true
            let config = model.exchanges[next.index]
            for binding in config.bindings {
                switch binding.target {
                case .queue(let id): queues.insert(id.index)
                case .exchange(let inner): pending.append(inner)
                }
            }
            if let alternate = config.alternateExchange { pending.append(alternate) }
        }
        return queues
    }
}
