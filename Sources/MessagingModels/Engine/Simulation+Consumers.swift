import SimulationKernel

/// The run-time state of one consumer instance (one worker process).
struct ConsumerInstance {
    let consumer: Int
    /// The queue it consumes from.
    let source: Int
    let name: String
    let prefetch: Int
    /// Processing-time distribution (copied from the configuration).
    let service: Distribution
    var stream: RandomStream
    /// Delivered and not yet acked (being processed or waiting in the prefetch buffer).
    var unacked = 0
    /// Delivered messages waiting for this instance to start them, in delivery order.
    var buffer = RingBuffer<MessageRef>(capacity: 4)
    var isBusy = false
    /// True while the instance is out of the queue's round-robin for lack of credit.
    var waitingForCredit = false
    /// This instance's share of its consumer's counters.
    var metrics: ConsumerMetrics
    /// Start of the attempt in progress (meaningful while `isBusy`).
    var attemptStart = SimTime.zero
    /// Start of the measured window: busy time before it is not counted.
    let windowStart: SimTime
    /// True when its consumer has a failure rate or completion actions (set by `setUpRouting`;
    /// the rest lives in `RoutingState`, off the plain path).
    var hasOutcomeHooks = false

    init(consumer: Int, source: Int, name: String, seed: UInt64, prefetch: Int, service: Distribution, windowStart: SimTime) {
        self.service = service
        self.consumer = consumer
        self.source = source
        self.name = name
        self.prefetch = prefetch
        stream = RandomStream(seed: seed, name: "consumer/" + name)
        metrics = ConsumerMetrics(name: name, instances: 1)
        self.windowStart = windowStart
    }

    var hasCredit: Bool { unacked < prefetch }

    /// Adds the busy time of the attempt that started at `attemptStart` and ends (or is cut
    /// off) at `end`, counting only what falls inside the measured window.
    mutating func accrueBusyTime(until end: SimTime) {
        let from = max(attemptStart, windowStart)
        if end > from { metrics.busySeconds += (end - from).seconds }
    }
}

extension Simulation {
    /// Hands `ref` to instance `i`: it starts at once if the instance is idle, otherwise it
    /// waits in the instance's prefetch buffer.
    mutating func deliver(_ ref: MessageRef, to i: Int) {
        instances[i].unacked += 1
        messages[ref].receiveCount += 1
        metrics.delivered += 1
        instances[i].metrics.receives += 1
        if messages[ref].receiveCount > 1 { metrics.redeliveries += 1 }
        if trace != nil { traceStep("deliver", ref, instances[i].name) }
        if instances[i].isBusy {
            instances[i].buffer.append(ref)
        } else {
            startProcessing(ref, on: i)
        }
    }

    /// Instance `i` starts a processing attempt on `ref`.
    mutating func startProcessing(_ ref: MessageRef, on i: Int) {
        instances[i].isBusy = true
        instances[i].attemptStart = now
        instances[i].metrics.attempts += 1
        messages[ref].attempts += 1
        messages[ref].attemptStartedAt = now
        let record = messages[ref]
        if record.attempts == 1 && record.measured {
            queues[Int(record.queue)].metrics.latency.queueWait.record(now - record.publishedAt)
        }
        if trace != nil { traceStep("start", ref, instances[i].name) }
        let serviceTime = instances[i].service.sample(&instances[i].stream)
        events.schedule(.processingCompleted(instance: Int32(i), message: ref), at: now + serviceTime)
    }

    /// Instance `i` finished processing `ref`: it acks, starts its next buffered message and
    /// regains prefetch credit.
    mutating func completeProcessing(instance i: Int, message ref: MessageRef) {
        if instances[i].hasOutcomeHooks && !runOutcomeHooks(instance: i, message: ref) { return }
        let record = messages[ref]
        if record.measured {
            queues[Int(record.queue)].metrics.latency.processing.record(now - record.attemptStartedAt)
            queues[Int(record.queue)].metrics.latency.endToEnd.record(now - record.publishedAt)
            metrics.ackedMeasured += 1
            metrics.lastMeasuredAck = now
        }
        metrics.acked += 1
        instances[i].metrics.processed += 1
        queues[Int(record.queue)].metrics.acked += 1
        if trace != nil { traceStep("ack", ref, instances[i].name) }
        messages.release(ref)
        instances[i].accrueBusyTime(until: now)
        instances[i].unacked -= 1
        if let next = instances[i].buffer.popFirst() {
            startProcessing(next, on: i)
        } else {
            instances[i].isBusy = false
        }
        let q = instances[i].source
        if instances[i].waitingForCredit && instances[i].hasCredit {
            instances[i].waitingForCredit = false
            queues[q].readyConsumers.append(Int32(i))
        }
        dispatch(q)
    }
}
