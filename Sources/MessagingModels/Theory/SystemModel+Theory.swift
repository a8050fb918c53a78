import QueueingTheory
import SimulationKernel

extension SystemModel {
    /// Which closed-form queueing model, if any, describes queue `queue`, and its figures.
    ///
    /// A model applies when arrivals are Poisson (one or several Poisson producers publishing
    /// to the queue directly or through a topic subscription without a filter: a superposition
    /// of independent Poisson processes is Poisson), the consumers are identical (one service
    /// law) and process one message at a time, and nothing adds, removes, reorders or repeats
    /// work: no retries or failures, priorities, rate limits, TTLs, autoscaling, pauses,
    /// crashes, downstream calls, message groups or initial backlog. Then:
    /// - c instances, exponential service: M/M/c (M/M/1 for one instance);
    /// - one instance, constant or other service: M/D/1 or M/G/1 from the distribution's
    ///   mean and squared coefficient of variation;
    /// - a queue `capacity` with `dropNew` (or `rejectPublish` without publisher retry) and
    ///   exponential service: M/M/c/K with K = instances + capacity (capacity counts waiting,
    ///   ready messages);
    /// - at least as many instances as messages can ever be published: M/M/∞ (M/G/∞).
    /// Otherwise the verdict names the first obstacle found, in the order: arrivals (each
    /// producer or route), the queue's policies, the consumers, faults, the service law.
    /// - Parameter queue: a valid index into `queues`.
    /// - Note: Source: Kleinrock, Queueing Systems Vol. 1 (1975), §2.9 (superposition of
    ///   independent Poisson streams is Poisson) and the models listed at `SteadyState.predict`.
    public func theory(for queue: QueueID) -> QueueTheoryVerdict {
        theory(for: queue, index: TheoryIndex(self))
    }

    /// `theory(for:)` of every queue, indexed by `QueueID`: what the report shows. Takes time
    /// proportional to the size of the model (the feeds of all queues are found in one pass).
    public func theoryForEveryQueue() -> [QueueTheoryVerdict] {
        let index = TheoryIndex(self)
        return queues.indices.map { theory(for: QueueID($0), index: index) }
    }

    func theory(for queue: QueueID, index: TheoryIndex) -> QueueTheoryVerdict {
        var reasons = TheoryObstacles(model: self, queue: queue, index: index)
        guard reasons.ingress() != nil else { return .notApplicable(reason: reasons.first) }
        guard let arrivals = reasons.arrivals() else { return .notApplicable(reason: reasons.first) }
        guard let waitingRoom = reasons.queuePolicies() else { return .notApplicable(reason: reasons.first) }
        guard let pool = reasons.consumers() else { return .notApplicable(reason: reasons.first) }
        let service: ServiceTime
        switch pool.service {
        case .exponential(let mean): service = .exponential(meanSeconds: mean)
        case .erlang(1, let mean): service = .exponential(meanSeconds: mean)
        case .constant(let value): service = .constant(seconds: value)
        default: service = .general(meanSeconds: pool.service.mean, squaredCoefficientOfVariation: pool.service.squaredCoefficientOfVariation)
        }
        guard service.meanSeconds > 0 else {
            return .notApplicable(reason: "the service time is zero: messages never wait")
        }
        var system = QueueingSystem(arrivalRatePerSecond: arrivals.ratePerSecond, service: service,
                                    servers: .finite(pool.instances), systemCapacity: waitingRoom.map { pool.instances + $0 })
        if let total = arrivals.totalMessages, pool.instances >= total, waitingRoom == nil {
            system.servers = .unlimited
        }
        do {
            return .model(system: system, prediction: try SteadyState.predict(system))
        } catch {
            return .notApplicable(reason: error.description)
        }
    }
}

/// Walks the parts of a system that feed and serve one queue and keeps the first reason a
/// closed-form model does not apply.
struct TheoryObstacles {
    let model: SystemModel
    let queue: QueueID
    /// What feeds and serves each queue (so a verdict does not scan the whole model).
    let index: TheoryIndex
    private(set) var first = ""

    init(model: SystemModel, queue: QueueID, index: TheoryIndex) {
        self.model = model
        self.queue = queue
        self.index = index
    }

    private mutating func fail<T>(_ reason: String) -> T? {
        if first.isEmpty { first = reason }
        return nil
    }

    /// Poisson rate into the queue [1/s] and, when every source is bounded by `count`, the
    /// most messages that can ever arrive; nil with a reason otherwise.
    mutating func arrivals() -> (ratePerSecond: Double, totalMessages: Int?)? {
        let name = model.queues[queue.index].name
        var rate = 0.0
        var total: Int? = 0
        for p in index.producers[queue.index] {
            let producer = model.producers[p]
            switch producer.destination {
            case .queue(let id) where id == queue:
                break
            case .topic(let topic):
                guard let subscription = model.topics[topic.index].subscriptions.first(where: { $0.queue == queue }) else { continue }
                if subscription.filter != nil {
                    return fail("subscription \"\(subscription.name)\" filters the messages of topic \"\(model.topics[topic.index].name)\": its arrivals are a thinned stream whose rate depends on the messages")
                }
            case .exchange(let exchange):
                if routes(exchange, to: queue) {
                    return fail("messages reach \"\(name)\" through exchange \"\(model.exchanges[exchange.index].name)\", whose routing decides which of them arrive")
                }
                continue
            default:
                continue
            }
            let who = "producer \"\(producer.name)\""
            if let batch = producer.batch, batch.limit(sizeBytes: producer.messageSizeBytes).map({ $0 > 1 }) ?? true {
                let size = batch.limit(sizeBytes: producer.messageSizeBytes).map { "up to \($0)" } ?? "any size"
                return fail("\(who) sends batches of \(size): messages arrive in bulk, not one at a time")
            }
            let perInstance: Double
            switch producer.arrivals {
            case .poisson(let r): perInstance = r
            case .interarrival(.exponential(let mean)): perInstance = 1 / mean
            case .constant: return fail("\(who) publishes at constant intervals, not Poisson arrivals")
            case .interarrival: return fail("\(who) draws its gaps from a non-exponential distribution, not Poisson arrivals")
            case .schedule(let segments):
                // A schedule that only switches one rate on and off is Poisson while it is on.
                let rates = segments.map(\.ratePerSecond).filter { $0 > 0 }
                guard let on = rates.first, rates.allSatisfy({ $0 == on }) else {
                    return fail("\(who) changes its rate over time (a schedule): there is no steady state")
                }
                perInstance = on
            }
            if producer.rateLimit != nil { return fail("\(who) has a rate limit, which smooths its arrivals") }
            if producer.poisonFraction > 0 { return fail("\(who) publishes poison messages, which fail and are retried") }
            if producer.messageTTL != nil { return fail("\(who) sets a message TTL: waiting messages expire") }
            if producer.request != nil { return fail("\(who) sends requests that wait for replies") }
            if producer.publishRetry != nil, model.queues[queue.index].capacity?.overflow == .rejectPublish {
                return fail("\(who) retries publishes the full queue rejects (backpressure), so arrivals depend on the queue")
            }
            rate += perInstance * Double(producer.instances)
            if let count = producer.count, let sum = total {
                let (product, overflow) = count.multipliedReportingOverflow(by: producer.instances)
                total = overflow ? nil : sum.addingReportingOverflow(product).overflow ? nil : sum + product
            } else {
                total = nil
            }
        }
        if let source = index.deadLetterSource[queue.index] {
            return fail("queue \"\(model.queues[source.queue].name)\" dead-letters into \"\(name)\"" + (source.throughExchange ? " through an exchange" : ""))
        }
        if let consumer = index.publishingConsumer[queue.index] {
            return fail("consumer \"\(model.consumers[consumer].name)\" publishes into \"\(name)\" as it processes messages")
        }
        if index.receivesReplies[queue.index] {
            return fail("\"\(name)\" receives replies, which follow the processing of requests")
        }
        if model.queues[queue.index].initialBacklog != nil {
            return fail("\"\(name)\" starts with a backlog: the run is a transient, not a steady state")
        }
        guard rate > 0 else { return fail("no producer publishes to \"\(name)\" directly") }
        return (rate, total)
    }

    /// Nothing, or nil with a reason when the queue's broker has an ingress capacity: named
    /// before every other obstacle, since past its capacity the ingress is where the messages
    /// wait (and the depth, which theory predicts, stays small).
    mutating func ingress() -> Void? {
        let q = model.queues[queue.index]
        guard let capacity = q.profile?.capacity else { return () }
        let plain = { (x: Double) in x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
        let limits = [capacity.messagesPerSecond.map { "\(plain($0)) messages/s" },
                      capacity.bytesPerSecond.map { "\(plain($0)) bytes/s" }].compactMap { $0 }
        return fail("queue \"\(q.name)\"'s broker stores at most \(limits.joined(separator: " and ")) (its ingress, profile.messagesPerSecond / bytesPerSecond): publishes wait for it in a second queue in front of the consumers (brokers.\(q.name).pendingIngressMax)")
    }

    /// The number of waiting places (nil = unlimited), or nil with a reason.
    mutating func queuePolicies() -> Int?? {
        let q = model.queues[queue.index]
        let name = "queue \"\(q.name)\""
        if q.maxPriority != nil { return fail("\(name) is a priority queue") }
        if q.messageTTL != nil { return fail("\(name) has a message TTL: waiting messages expire") }
        if q.visibilityTimeout != nil { return fail("\(name) has a visibility timeout: slow messages are delivered again") }
        if let delay = q.delay, delay > .zero { return fail("\(name) is a delay queue: every wait includes the delay") }
        if model.producers.contains(where: { $0.target == queue && ($0.messageDelay ?? .zero) > .zero }) {
            return fail("a producer delays its messages to \(name): every wait includes the delay")
        }
        if let profile = q.profile {
            if profile.publishLatency != nil {
                return fail("\(name)'s broker has a publish latency: each message reaches the queue that long after its publish, which every wait measured from the publish includes")
            }
            return fail("\(name)'s broker has deliver or ack latencies: a consumer holds each message longer than its processing")
        }
        switch q.ordering {
        case .fifo(let groups) where groups: return fail("\(name) delivers one message per group at a time (message groups)")
        case .bestEffort(_, let duplicates) where duplicates > 0: return fail("\(name) delivers some messages twice (best-effort ordering)")
        default: break
        }
        guard let capacity = q.capacity else { return .some(nil) }
        if capacity.overflow == .dropHead {
            return fail("\(name) drops the oldest waiting message when full (dropHead): M/M/c/K describes dropping the arriving one")
        }
        return .some(capacity.maxLength)
    }

    /// The consumers of the queue as one pool of identical servers, or nil with a reason.
    mutating func consumers() -> (instances: Int, service: Distribution)? {
        let readers = index.readers[queue.index].map { (offset: $0, element: model.consumers[$0]) }
        guard let firstReader = readers.first?.element else {
            return fail("no consumer reads \"\(model.queues[queue.index].name)\"")
        }
        var instances = 0
        for (index, consumer) in readers {
            let who = "consumer \"\(consumer.name)\""
            if consumer.service != firstReader.service {
                return fail("\(who) and \"\(firstReader.name)\" have different service times (unequal servers)")
            }
            if consumer.failureRate > 0 { return fail("\(who) fails some attempts, which are retried") }
            if consumer.processingTimeout != nil { return fail("\(who) abandons attempts after a timeout") }
            if consumer.autoscale != nil { return fail("\(who) autoscales: the number of servers changes") }
            if consumer.rateLimit != nil { return fail("\(who) has a rate limit on its attempts") }
            if !consumer.pauses.isEmpty { return fail("\(who) pauses (a deploy window)") }
            if consumer.downstream != nil { return fail("\(who) calls a downstream service with its own failures and outages") }
            if consumer.circuitBreaker != nil { return fail("\(who) has a circuit breaker") }
            if consumer.resequence != nil { return fail("\(who) holds processed messages back to apply them in order") }
            if consumer.ack == .auto { return fail("\(who) acks on delivery (auto ack): deliveries run ahead of processing") }
            if let polling = consumer.polling, !polling.isLongPoll {
                return fail("\(who) short-polls every \(polling.pollInterval.seconds) s: an idle instance takes a message only at its next poll")
            }
            if consumer.prefetch > 1, readers.count > 1 || consumer.instances > 1 || model.queues[queue.index].capacity != nil {
                return fail("\(who) prefetches \(consumer.prefetch) messages per instance: a message can wait at a busy instance while another is idle")
            }
            for fault in model.faults {
                switch fault.target {
                case .consumer(let crashed, _) where crashed == index:
                    return fail("\(who) crashes (a scripted fault)")
                case .queue(let restarted) where restarted == queue:
                    return fail("the broker of \"\(model.queues[queue.index].name)\" restarts (a scripted fault)")
                default: break
                }
            }
            instances += consumer.instances
        }
        return (instances, firstReader.service)
    }

    /// Whether exchange `exchange` (following exchange-to-exchange bindings and alternate
    /// exchanges) has a route into `queue`.
    func routes(_ exchange: ExchangeID, to queue: QueueID) -> Bool {
        index.routes(exchange, to: queue)
    }
}
