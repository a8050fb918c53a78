import SimulationKernel

/// The discrete-event simulation of one `SystemModel`: producers publish into queues,
/// consumer instances take deliveries, process and ack them; failures, retries,
/// dead-lettering and crashes follow the configured policies.
///
/// Deterministic: the same model (and seed) gives the same result, bit for bit. Each producer
/// and consumer instance draws from its own random stream keyed by its name, so changing the
/// consumers does not change the workload.
///
/// Usage: `var sim = Simulation(model: m); let result = sim.run()`. A simulation runs once.
public struct Simulation {
    /// What can happen; one case per kind of event, so traces print and compare.
    enum Event {
        /// The producer instance publishes its next message.
        case publish(ProducerInstanceID)
        /// Consumer instance's current attempt ends; stale if the instance crashed since
        /// (its incarnation changed).
        case attemptEnded(instance: ConsumerInstanceID, incarnation: UInt32)
        /// The producer instance reaches its stop time.
        case producerStop(ProducerInstanceID)
        /// A delivery's visibility timeout ran out; stale unless the message is still in
        /// flight from that same delivery.
        case visibilityExpired(MessageHandle, receiveCount: Int32)
        /// A retry backoff is over: the message returns to its queue.
        case retryDue(MessageHandle)
        /// A message sent to a queue is stored and past its delay: it becomes visible
        /// (Simulation+BrokerEntry.swift).
        case entryDue(MessageHandle)
        /// A producer retries publishing a message its broker refused.
        case publishRetryDue(MessageHandle, producer: ProducerInstanceID)
        /// A fault of the model happens.
        case fault(FaultID)
        /// A crashed consumer instance comes back.
        case consumerRestart(ConsumerInstanceID)
        /// A crashed queue's broker comes back.
        case brokerRestart(QueueID)
        /// Publishing has ended and the drain timeout has passed.
        case drainDeadline
        /// Something happened in a stream or consumer group (Simulation+Streams.swift).
        case stream(StreamEvent)
        /// A rate-limited consumer instance's token has come (Simulation+FlowControl.swift);
        /// stale if the instance crashed since.
        case tokenGranted(instance: ConsumerInstanceID, incarnation: UInt32)
        /// The first buffered delivery of an instance reaches it (Simulation+ConsumerHops.swift).
        case deliveryArrived(instance: ConsumerInstanceID, incarnation: UInt32)
        /// The oldest ack an instance sent reaches the broker (Simulation+ConsumerHops.swift).
        case ackArrived(instance: ConsumerInstanceID, incarnation: UInt32)
        /// A message's time to live in queue `queue` runs out (Simulation+Expiry.swift).
        case expiryDue(MessageHandle, queue: QueueID)
        /// A message leaves its producer's leaky bucket for its queue (Simulation+FlowControl.swift).
        case shapedPublishDue(MessageHandle, producer: ProducerInstanceID)
        /// A message buffered by consumer `consumer`'s resequencer has waited its window
        /// (Simulation+Resequencing.swift); stale if it was released meanwhile.
        case resequenceDue(consumer: ConsumerID, key: Int32, sequence: Int32)
        /// A pause, circuit-breaker or autoscaling timer (Simulation+Resilience.swift).
        case control(ControlEvent)
        /// A producer sends again a message whose confirmation it lost; the slot of the copy
        /// in `resends.pending`, a `SlotPool` (Simulation+Deduplication.swift).
        case resendDue(Int32)
        /// A delivery's consumer timeout ran out; stale unless the message is still in flight
        /// from that same delivery (Simulation+ConsumerTimeout.swift).
        case consumerTimeoutDue(MessageHandle, receiveCount: Int32)
        /// The linger of a producer instance's send batch is over; stale if that batch has
        /// left already (Simulation+ProducerBatching.swift).
        case batchDue(producer: ProducerInstanceID, batch: Int32)
        /// The messages of a send batch stored together become visible, all at once
        /// (Simulation+ProducerBatching.swift); the slot of their list.
        case batchEntryDue(Int32)
        /// A short-polling consumer instance polls again (Simulation+ReceivePolling.swift).
        case pollDue(instance: ConsumerInstanceID, incarnation: UInt32)
    }

    let model: SystemModel
    let events = EventList<Event>()
    var now = SimTime.zero
    var messages = MessageArena()
    // The run-time tables are written in place on every event: `RecordBuffer`s, which skip
    // the copy-on-write checks of arrays (a simulation runs once and is never copied).
    let producers = RecordBuffer<ProducerInstance>()
    let queues: RecordBuffer<QueueState>
    let instances = RecordBuffer<ConsumerInstance>()
    /// Processed-id stores of idempotent consumers, indexed like `model.consumers`.
    var idempotencyStores: [IdempotencyStore]
    var metrics: RunMetrics
    /// `metrics.attemptsPerMessage` while the run lasts, written in place (an array in
    /// `metrics` paid a copy-on-write check per settled message); copied back by `finish`.
    let attemptsPerMessage = RecordBuffer(RunMetrics().attemptsPerMessage)
    /// Topics, exchanges, templates, chained publishes, request-reply and sagas.
    var routing = RoutingState()
    var nextMessageID: UInt64 = 1
    var activeProducers = 0
    var latestProducerStop = SimTime.zero
    /// Whether the drain deadline is among the pending events.
    var deadlineScheduled = false
    /// Streams, consumer groups and their members; empty without streams.
    var streamRuntime = StreamRuntime()
    /// Rate limits and queue length limits; empty without them.
    var flow = FlowControlState()
    /// Message deadlines; empty without TTLs.
    var expiry = ExpiryState()
    /// Broker profiles, delay queues and per-message delays; inactive without them
    /// (Simulation+BrokerEntry.swift).
    var entry = BrokerEntryState()
    /// Dead-lettered messages in transit and their death paths (Simulation+DeadLettering.swift).
    var deadLettering = DeadLetterState()
    /// Steps that cannot be part of an endless loop — messages settled, stream records
    /// processed, producers stopping, faults and restarts — which, with the publishes, the
    /// stall check watches.
    var workDone = 0
    /// Message priorities; inactive without them.
    var priorities = PriorityState()
    /// Publish delays of producers that can fall behind their schedule; inactive without them
    /// (Simulation+Omission.swift).
    var omission = OmissionState()
    /// Message keys, ordering violations, resequencers.
    var ordering = OrderingState()
    /// The state of queues that are not plain FIFO: priority levels, message groups, best
    /// effort (Brokers/Disciplines/).
    var disciplines = QueueDiscipline.Storage()
    /// Consumer pauses, downstreams, circuit breakers and autoscalers; empty without them.
    var resilience = ResilienceState()
    /// Re-sent publishes and duplicate detection; inactive without them
    /// (Simulation+Deduplication.swift).
    var resends = ResendState()
    /// RabbitMQ consumer timeouts; inactive without them (Simulation+ConsumerTimeout.swift).
    var consumerTimeouts = ConsumerTimeoutState()
    /// Some consumer renews locks (Simulation+LockRenewal.swift).
    var lockRenewalActive = false
    let warmup: SimTime
    /// Called for every step when set (tests, `mqlab trace`); costs one nil check otherwise.
    public var trace: ((TraceEntry) -> Void)?
    /// Called every `progressInterval` events with the simulated time and the events so far
    /// (the command line's progress line); it must not change anything the run depends on.
    public var progress: ((SimTime, Int) -> Void)?
    /// Whether a model without features may take the ideal path (Simulation+IdealPath.swift);
    /// tests turn it off to compare both paths.
    var idealPathAllowed = true
    /// Events between two `progress` calls; a power of two ≥ 1.
    public var progressInterval = 1 << 18 {
        willSet { precondition(newValue > 0 && newValue & (newValue - 1) == 0, "progressInterval must be a power of two") }
    }

    public init(model: SystemModel) {
        self.model = model
        warmup = SimTime.zero + model.warmup
        metrics = RunMetrics()
        idempotencyStores = model.consumers.map { _ in IdempotencyStore() }
        queues = RecordBuffer(model.queues.map { QueueState(configuration: $0, windowStart: SimTime.zero + model.warmup) })
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
                let id = ConsumerInstanceID(instances.count)
                instances.append(ConsumerInstance(consumer: c, configuration: consumer, name: name, seed: model.seed, windowStart: warmup))
                if consumer.membership == nil { queues[consumer.source.index].readyConsumers.append(id) }
            }
        }
        setUpStreams()
        setUpRouting()
        setUpFlowControl()
        setUpOmission()
        setUpExpiry()
        setUpBrokerEntry()
        setUpConsumerHops()
        setUpReceivePolling()
        setUpDeadLettering()
        setUpPriorities()
        setUpOrdering()
        setUpDisciplines()
        setUpQueuePolicies()
        setUpResilience()
        setUpDeduplication()
        setUpConsumerTimeouts()
        setUpLockRenewal()
        setUpSeries()
    }

    /// The stall guard's window, in events. A run is stopped as `stalled` when it is stuck in
    /// a loop that takes (almost) no simulated time and would never end:
    /// - a window of `stallLimit` events that published, settled or processed fewer than
    ///   `stallWork` messages (or stopped producers, or faults and restarts happened) while the
    ///   clock moved less than `stallSpan` (a failing message
    ///   requeued with a nanosecond of processing; ten million such events per simulated
    ///   second, with no work done, is no finite run);
    /// - or `10 × stallLimit` events at one instant, whatever they do (a chain of zero-time
    ///   hops that publishes for ever).
    /// Healthy runs, even a million publishes or expiries at one instant or a retry storm of
    /// a million attempts per simulated second, stay below both. A run that is merely long
    /// (billions of events) is not stopped: `maxEvents` bounds that.
    public var stallLimit = 1_000_000
    static let stallSpan = SimDuration(seconds: 0.1)
    static let stallWork = 100

    /// Runs to completion (or to a limit) and returns what was measured.
    public mutating func run() -> SimulationResult {
        publishInitialBacklogs()
        startProducers()
        for (k, fault) in model.faults.enumerated() {
            events.schedule(.fault(FaultID(k)), at: SimTime.zero + fault.at)
        }
        startStreams()
        if let duration = model.duration {
            events.schedule(.drainDeadline, at: SimTime.zero + duration + model.drainTimeout)
            deadlineScheduled = true
        }
        // The generic checks (event limit, clock range, message limit, stall guard) and the
        // progress callback live in the kernel. Records retained in streams count towards the
        // message limit — a stream keeps them until every group that may read them has
        // committed them (or retention deletes them) — and so do records waiting for a
        // partition's ingress or in a producer's batch.
        var runGuard = RunGuard(
            maxEvents: model.maxEvents, maxLoad: model.maxMessagesInSystem, stallLimit: stallLimit,
            stallSpan: Simulation.stallSpan, stallWork: Simulation.stallWork,
            progressInterval: progressInterval, progress: progress)
        var reason = StopReason.completed
        let ideal = qualifiesForIdealPath()
        while let event = events.next() {
            if let stop = runGuard.admit(event.time, load: messages.capacityUsed + streamRuntime.storedRecords
                                            + streamRuntime.pendingIngress + streamRuntime.batchedRecords,
                                         work: workDone &+ metrics.published) {
                reason = StopReason(stop)
                break
            }
            now = event.time
            switch event.payload {
            case .publish(let producer):
                if ideal { publishIdeal(from: producer.index) } else { publish(from: producer.index) }
            case .attemptEnded(let instance, let incarnation):
                if ideal {
                    endAttemptIdeal(on: instance.index)
                } else if instances[instance].incarnation == incarnation {
                    endAttempt(on: instance.index)
                }
            case .producerStop:
                workDone &+= 1
                producerStopped(at: now)
            case .visibilityExpired(let handle, let receiveCount):
                if lockRenewalActive, renewsLock(handle, receiveCount: receiveCount) { break }
                visibilityExpired(handle, receiveCount: receiveCount)
            case .retryDue(let handle):
                if let ref = messages.resolve(handle), messages[ref].state == .delayed {
                    requeue(ref, atHead: false)
                }
            case .entryDue(let handle):
                entryEnded(handle)
            case .publishRetryDue(let handle, let producer):
                if let ref = messages.resolve(handle) { retryPublish(ref, producer: producer.index) }
            case .fault(let fault):
                workDone &+= 1
                apply(model.faults[fault.index])
            case .consumerRestart(let instance):
                workDone &+= 1
                restartConsumer(instance.index)
            case .brokerRestart(let queue):
                workDone &+= 1
                restartBroker(queue.index)
            case .drainDeadline:
                reason = .drainTimeout
            case .stream(let streamEvent):
                handle(streamEvent)
            case .deliveryArrived(let instance, let incarnation):
                if instances[instance].incarnation == incarnation { deliveryArrived(at: instance.index) }
            case .ackArrived(let instance, let incarnation):
                if instances[instance].incarnation == incarnation { ackArrived(from: instance.index) }
            case .tokenGranted(let instance, let incarnation):
                if instances[instance].incarnation == incarnation { tokenGranted(to: instance.index) }
            case .expiryDue(let handle, let queue):
                if let ref = messages.resolve(handle) { expiryDue(ref, in: queue) }
            case .shapedPublishDue(let handle, let producer):
                if let ref = messages.resolve(handle) { offer(ref, to: messages[ref].queue.index, from: producer.index) }
            case .resequenceDue(let consumer, let key, let sequence):
                resequenceDue(consumer: consumer.index, key: key, sequence: sequence)
            case .control(let control):
                handle(control)
            case .resendDue(let slot):
                resend(slot)
            case .consumerTimeoutDue(let handle, let receiveCount):
                consumerTimeoutDue(handle, receiveCount: receiveCount)
            case .batchDue(let producer, let batch):
                batchDue(producer.index, batch: batch)
            case .batchEntryDue(let slot):
                batchEntryDue(slot)
            case .pollDue(let instance, let incarnation):
                pollDue(instance.index, incarnation: incarnation)
            }
            if case .drainDeadline = event.payload { break }
            // The run ends as soon as publishing is over and every message is settled, or
            // when only the drain deadline is left to happen (nothing can move any more).
            if activeProducers == 0 {
                if messages.liveCount == 0 && streamsSettled() && ordering.resequencing == 0 && resends.outstanding == 0 { break }
                if events.count == (deadlineScheduled ? 1 : 0) {
                    // Settled messages kept only by a stale entry in a queue's ring (lazily
                    // deleted) do not count: if nothing else is left, the run is complete.
                    reason = unsettledMessagesRemain() || !streamsSettled() || ordering.resequencing > 0 ? .idle : .completed
                    break
                }
            }
        }
        return finish(events: runGuard.processed, reason: reason)
    }

    /// Whether any stored message is not yet settled (O(messages stored); called once, when
    /// the run goes idle).
    mutating func unsettledMessagesRemain() -> Bool {
        messages.liveCount > 0 && messages.liveReferences().contains { messages[$0].state != .settled }
    }

    /// Closes the books: what is still in the system is `remaining`; per-instance figures are
    /// summed per consumer.
    mutating func finish(events processed: Int, reason: StopReason) -> SimulationResult {
        for ref in messages.liveReferences() where messages[ref].state != .settled {
            queues[messages[ref].queue].metrics.remaining += 1
        }
        closeReceivePolling()
        metrics.batching = closeBatching()
        metrics.queues = queues.map { queue in
            var figures = queue.metrics
            if queue.hasIngress {
                figures.pendingIngress = figures.ingress.close(at: now, freeAt: [queue.ingressFreeAt], storedAtEnd: reason.isFinished)
            }
            figures.depth.record(figures.depth.value, at: now)
            figures.depthSeries.extend(to: now)
            figures.latency.retryDelay.recordZeros(figures.retryDelayZeros)
            figures.retryDelayZeros = 0
            return figures
        }
        for queue in metrics.queues { metrics.latency.merge(queue.latency) }
        metrics.publishedSeries.extend(to: now)
        metrics.ackedSeries.extend(to: now)
        metrics.endToEndSeries.extend(to: now)
        finishStreams(reason)
        metrics.routing = closeRouting(reason: reason)
        metrics.flowControl = closeFlowControl()
        metrics.publishDelays = omission.active ? omission.publishDelays : nil
        metrics.unsentPublishes = omission.active ? omission.unsent : nil
        closePriorities()
        metrics.ordering = closeOrdering()
        metrics.consumers = model.consumers.map {
            ConsumerMetrics(name: $0.name, instances: $0.instances, queue: $0.membership == nil ? $0.source.index : nil)
        }
        for var instance in instances {
            if (instance.current != nil && instance.hold == .none) || instance.isBusy { instance.accrueBusyTime(until: now) }
            metrics.consumers[instance.consumer].add(instance.metrics)
        }
        metrics.resilience = closeResilience()
        metrics.attemptsPerMessage = Array(attemptsPerMessage)
        return SimulationResult(
            scenario: model.name, seed: model.seed, warmup: warmup, end: now, events: processed,
            stopReason: reason, peakMessagesInSystem: messages.capacityUsed,
            retainedStreamRecords: streamRuntime.storedRecords,
            incomingStreamRecords: streamRuntime.pendingIngress + streamRuntime.batchedRecords, metrics: metrics)
    }

    mutating func traceStep(_ kind: String, _ message: MessageRef, _ entity: String, key: String? = nil) {
        let record = messages[message]
        trace?(TraceEntry(time: now, kind: kind, messageID: record.id, entity: entity,
                          queue: queues.indices.contains(record.queue.index) ? queues[record.queue].metrics.name : "", key: key))
    }
}
