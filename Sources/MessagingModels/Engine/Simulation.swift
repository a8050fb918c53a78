import SimulationKernel

/// The discrete-event simulation of one `SystemModel`: producers publish into queues,
/// consumer instances take deliveries, process and ack them.
///
/// Deterministic: the same model (and seed) gives the same result, bit for bit. Each producer
/// and consumer instance draws from its own random stream keyed by its name, so changing the
/// consumers does not change the workload.
///
/// Usage: `var sim = Simulation(model: m); let result = sim.run()`.
public struct Simulation {
    /// What can happen; one case per kind of event, so traces print and compare.
    enum Event {
        /// Producer instance `Int32` publishes its next message.
        case publish(Int32)
        /// Consumer instance finished processing a message.
        case processingCompleted(instance: Int32, message: MessageRef)
        /// Producer instance `Int32` reaches its stop time.
        case producerStop(Int32)
        /// Publishing has ended and the drain timeout has passed.
        case drainDeadline
    }

    let model: SystemModel
    var events = EventList<Event>()
    var now = SimTime.zero
    var messages = MessageArena()
    var producers: [ProducerInstance] = []
    var queues: [QueueState] = []
    var instances: [ConsumerInstance] = []
    var metrics: RunMetrics
    /// Topics, exchanges, templates, chained publishes, request-reply and sagas.
    var routing = RoutingState()
    var nextMessageID: UInt64 = 1
    var activeProducers = 0
    var latestProducerStop = SimTime.zero
    let warmup: SimTime
    /// Called for every step when set (tests, `mqlab trace`); costs one nil check otherwise.
    public var trace: ((TraceEntry) -> Void)?

    public init(model: SystemModel) {
        self.model = model
        warmup = SimTime.zero + model.warmup
        metrics = RunMetrics()
        queues = model.queues.map { QueueState(name: $0.name, windowStart: SimTime.zero + model.warmup) }
        // Entities start in file order: producers first, then consumers.
        for (p, producer) in model.producers.enumerated() {
            for i in 0..<producer.instances {
                let name = producer.instances == 1 ? producer.name : "\(producer.name)#\(i)"
                producers.append(ProducerInstance(
                    producer: p, configuration: producer, name: name, seed: model.seed,
                    stop: Simulation.stopTime(of: producer, in: model)))
            }
        }
        for (c, consumer) in model.consumers.enumerated() {
            for i in 0..<consumer.instances {
                let name = consumer.instances == 1 ? consumer.name : "\(consumer.name)#\(i)"
                let id = Int32(instances.count)
                instances.append(ConsumerInstance(
                    consumer: c, source: consumer.source.index, name: name, seed: model.seed,
                    prefetch: consumer.prefetch, service: consumer.service, windowStart: warmup))
                queues[consumer.source.index].readyConsumers.append(id)
            }
        }
        setUpRouting()
    }

    /// Runs to completion (or to a limit) and returns what was measured.
    public mutating func run() -> SimulationResult {
        startProducers()
        if let duration = model.duration {
            events.schedule(.drainDeadline, at: SimTime.zero + duration + model.drainTimeout)
        }
        var processed = 0
        let limit = model.maxEvents ?? Int.max
        var reason = StopReason.completed
        while let event = events.next() {
            if processed >= limit {
                reason = .eventLimit
                break
            }
            now = event.time
            processed &+= 1
            switch event.payload {
            case .publish(let producer):
                publish(from: Int(producer))
            case .processingCompleted(let instance, let message):
                completeProcessing(instance: Int(instance), message: message)
            case .producerStop:
                producerStopped(at: now)
            case .drainDeadline:
                reason = .drainTimeout
            }
            if case .drainDeadline = event.payload { break }
            // The run ends as soon as publishing is over and every message is settled.
            if activeProducers == 0 && messages.liveCount == 0 { break }
        }
        return finish(events: processed, reason: reason)
    }

    /// Closes the books: what is still in the system is `remaining`; per-instance figures are
    /// summed per consumer.
    mutating func finish(events processed: Int, reason: StopReason) -> SimulationResult {
        for ref in messages.liveReferences() {
            queues[Int(messages[ref].queue)].metrics.remaining += 1
        }
        metrics.queues = queues.map { queue in
            var figures = queue.metrics
            figures.depth.record(figures.depth.value, at: now)
            return figures
        }
        for queue in metrics.queues { metrics.latency.merge(queue.latency) }
        metrics.routing = closeRouting(reason: reason)
        metrics.consumers = model.consumers.map { ConsumerMetrics(name: $0.name, instances: $0.instances) }
        for var instance in instances {
            if instance.isBusy { instance.accrueBusyTime(until: now) }
            metrics.consumers[instance.consumer].add(instance.metrics)
        }
        return SimulationResult(
            scenario: model.name, seed: model.seed, warmup: warmup, end: now, events: processed,
            stopReason: reason, peakMessagesInSystem: messages.capacityUsed, metrics: metrics)
    }

    func traceStep(_ kind: String, _ message: MessageRef, _ entity: String) {
        trace?(TraceEntry(time: now, kind: kind, messageID: messages[message].id, entity: entity))
    }
}
