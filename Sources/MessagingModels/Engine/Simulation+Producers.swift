import SimulationKernel

/// The run-time state of one producer instance, with the parts of its configuration the
/// hot path needs copied in (so publishing touches one array element).
struct ProducerInstance {
    let producer: Int
    let name: String
    let arrivals: ArrivalProcess
    /// Messages this instance may publish; nil = unlimited.
    let count: Int?
    /// No publish after this time.
    let stop: SimTime
    /// Destination queue (meaningful only on the `.queue` path).
    let target: Int
    /// Share of poison messages (0 … 1).
    let poisonFraction: Double
    let publishRetry: PublishRetry?
    /// Draws inter-arrival times.
    var arrivalStream: RandomStream
    /// Draws the poison flag.
    var poisonStream: RandomStream
    var published = 0
    /// How a publish travels, decided once before the run.
    var path: PublishPath
    /// Index of its token bucket in `flow.buckets` (Simulation+FlowControl.swift); nil without
    /// a rate limit.
    var bucket: Int?
    /// Its publish was put off for a token, which it now holds.
    var holdsToken = false
    /// Its rate limit is a leaky bucket: messages wait in the bucket, the producer does not.
    var shapes = false
    /// Its rate limit is a token bucket, which can make it fall behind its schedule: its
    /// arrivals are then drawn from `intended`, not from when it last published
    /// (Simulation+Omission.swift).
    var keepsSchedule = false
    /// When its arrival process scheduled its pending (or last) publish.
    var intended = SimTime.zero
    /// Its send batches (Simulation+ProducerBatching.swift): the messages waiting in the
    /// current batch, the batch's number (stale `.batchDue` events carry an older one), and
    /// what its batches did.
    let batch: ProducerBatching?
    /// Messages that fill one of its batches (`ProducerBatching.limit(sizeBytes:)` for its
    /// message size); nil = only the linger sends a batch.
    let batchLimit: Int?
    var pending: [MessageRef] = []
    var batchNumber: Int32 = 0
    var batching: BatchingMetrics

    init(producer: Int, configuration: ProducerConfiguration, name: String, seed: UInt64, stop: SimTime) {
        self.producer = producer
        self.name = name
        arrivals = configuration.arrivals
        count = configuration.count
        self.stop = stop
        target = configuration.target?.index ?? 0
        poisonFraction = configuration.poisonFraction
        publishRetry = configuration.publishRetry
        arrivalStream = RandomStream(seed: seed, .producer, name, .arrivals)
        poisonStream = RandomStream(seed: seed, .producer, name, .poison)
        path = configuration.streamTarget != nil ? .stream : .queue
        batch = configuration.batch
        batchLimit = configuration.batch?.limit(sizeBytes: configuration.messageSizeBytes)
        batching = BatchingMetrics(name: configuration.name)
    }
}

/// The ways a producer's publish travels; `setUpRouting` turns `.queue` into `.routed` when a
/// publish needs more than an enqueue into its target queue.
enum PublishPath {
    /// Straight into `target`.
    case queue
    /// Through a topic or exchange, or carrying a template, request or saga.
    case routed
    /// Appended to a stream partition.
    case stream
}

extension Simulation {
    /// The time after which `producer` publishes nothing more.
    static func stopTime(of producer: ProducerConfiguration, in model: SystemModel) -> SimTime {
        var stop = SimTime.distantFuture
        if let d = producer.duration { stop = min(stop, SimTime.zero + d) }
        if let d = model.duration { stop = min(stop, SimTime.zero + d) }
        return stop
    }

    /// Schedules every producer instance's first publish, in file order.
    mutating func startProducers() {
        activeProducers = producers.count
        for i in producers.indices {
            scheduleNextPublish(of: i)
        }
    }

    /// Schedules instance `i`'s next publish, or retires it if it has no more to publish.
    mutating func scheduleNextPublish(of i: Int) {
        if let count = producers[i].count, producers[i].published >= count {
            producerStopped(at: now)
            return
        }
        let stop = producers[i].stop
        // A producer that can fall behind keeps its schedule: the next arrival follows the
        // previous intended one, and is published at once if it is already due.
        let base = producers[i].keepsSchedule ? producers[i].intended : now
        guard let next = producers[i].arrivals.next(after: base, stream: &producers[i].arrivalStream) else {
            producerStopped(at: now)
            return
        }
        guard next <= stop else {
            // The instance stays "publishing" until its stop time, so a run bounded by a
            // duration lasts at least that long.
            events.schedule(.producerStop(ProducerInstanceID(i)), at: stop)
            return
        }
        guard producers[i].keepsSchedule else { return events.schedule(.publish(ProducerInstanceID(i)), at: next) }
        producers[i].intended = next
        events.schedule(.publish(ProducerInstanceID(i)), at: max(next, now))
    }

    /// Records that one producer instance has stopped at `time`; when the last one stops,
    /// the drain deadline is set.
    mutating func producerStopped(at time: SimTime) {
        activeProducers -= 1
        if time > latestProducerStop { latestProducerStop = time }
        if activeProducers == 0 && model.duration == nil {
            events.schedule(.drainDeadline, at: latestProducerStop + model.drainTimeout)
            deadlineScheduled = true
        }
    }

    /// Producer instance `i`'s publish is due now: it publishes one message now, unless its
    /// token bucket puts the publish off.
    mutating func publish(from i: Int) {
        if let b = producers[i].bucket, !producers[i].shapes, !takePublishToken(i, from: b) { return }
        guard producers[i].keepsSchedule else { return send(from: i) }
        beginLatePublish(from: i)
        guard trace != nil, producers[i].intended < now else {
            send(from: i)
            omission.currentDelay = .zero
            return
        }
        let (id, intended) = (nextMessageID, producers[i].intended)
        send(from: i)   // schedules the next publish: `intended` moves on
        omission.currentDelay = .zero
        traceThrottle(id, from: i, intended: intended)
    }

    /// Producer instance `i` publishes one message now.
    @inline(__always) mutating func send(from i: Int) {
        producers[i].published += 1
        countPublish()
        switch producers[i].path {
        case .stream:
            publishToStream(from: i)
            return scheduleNextPublish(of: i)
        case .routed:
            publishRouted(from: i)
            return scheduleNextPublish(of: i)
        case .queue:
            break
        }
        let queue = producers[i].target
        let poison = producers[i].poisonFraction > 0 && producers[i].poisonStream.bernoulli(producers[i].poisonFraction)
        let key = ordering.active ? drawKey(forProducerInstance: i) : .none
        let ref = newMessage(in: queue, producer: producers[i].producer, poison: poison, key: key, by: producers[i].name)
        queues[queue].metrics.enqueued += 1
        if resends.active { considerResend(ref, key: key, to: queue, from: i) }
        if let b = producers[i].bucket, producers[i].shapes {
            shape(ref, from: i, through: b)
        } else if producers[i].batch != nil {
            addToBatch(ref, from: i)
        } else {
            offer(ref, to: queue, from: i)
        }
        scheduleNextPublish(of: i)
    }

    /// Stores a new untagged message published now into queue `q` on behalf of producer `p`
    /// (an index in `SystemModel.producers`), with its key, and traces the publish by `entity`.
    /// The caller counts it and hands it to the queue.
    mutating func newMessage(in q: Int, producer p: Int, poison: Bool, key: KeyStamp, by entity: String) -> MessageRef {
        let ref = messages.allocate(MessageRecord(
            id: nextMessageID, publishedAt: now, measured: now >= warmup, queue: QueueID(q), producer: ProducerID(p), isPoison: poison))
        nextMessageID &+= 1
        if ordering.active { stamp(ref, with: key) }
        if omission.active { stampPublishDelay(ref) }
        if trace != nil { traceStep("publish", ref, entity, key: keyName(key)) }
        return ref
    }

    /// Producer instance `i` hands `ref` to queue `q`'s broker: refused while the broker is
    /// down or the queue is full (with `rejectPublish`), enqueued otherwise.
    @inline(__always) mutating func offer(_ ref: MessageRef, to q: Int, from i: Int) {
        if queues[q].isDown {
            publishFailed(ref, producer: i)
        } else if queues[q].capacity != nil, refusesPublish(q) {
            publishRefused(ref, producer: i)
        } else {
            enqueue(ref, into: q)
        }
    }

    /// The broker refused a publish (it is down): retry later, or the message is lost.
    mutating func publishFailed(_ ref: MessageRef, producer i: Int) {
        if let retry = producers[i].publishRetry {
            events.schedule(.publishRetryDue(messages.handle(ref), producer: ProducerInstanceID(i)), at: now + retry.interval)
        } else {
            settle(ref, as: .lost(.publishFailed))
        }
    }

    /// A producer publishes again a message its broker refused earlier.
    mutating func retryPublish(_ ref: MessageRef, producer i: Int) {
        if trace != nil { traceStep("republish", ref, producers[i].name) }
        offer(ref, to: messages[ref].queue.index, from: i)
    }
}
