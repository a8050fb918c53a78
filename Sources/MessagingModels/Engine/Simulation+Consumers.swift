import SimulationKernel

/// The run-time state of one consumer instance (one worker process).
struct ConsumerInstance {
    let consumer: Int
    let name: String
    let prefetch: Int
    var stream: RandomStream
    /// Delivered and not yet acked (being processed or waiting in the prefetch buffer).
    var unacked = 0
    /// Delivered messages waiting for this instance to start them, in delivery order.
    var buffer = RingBuffer<MessageRef>(capacity: 4)
    var busy = false
    /// True while the instance is out of the queue's round-robin for lack of credit.
    var waitingForCredit = false

    init(consumer: Int, name: String, seed: UInt64, prefetch: Int) {
        self.consumer = consumer
        self.name = name
        self.prefetch = prefetch
        stream = RandomStream(seed: seed, name: "consumer/" + name)
    }

    var hasCredit: Bool { unacked < prefetch }
}

extension Simulation {
    /// Hands `ref` to instance `i`: it starts at once if the instance is idle, otherwise it
    /// waits in the instance's prefetch buffer.
    mutating func deliver(_ ref: MessageRef, to i: Int) {
        instances[i].unacked += 1
        messages[ref].receiveCount += 1
        metrics.delivered += 1
        metrics.consumers[instances[i].consumer].receives += 1
        if messages[ref].receiveCount > 1 { metrics.redeliveries += 1 }
        if trace != nil { traceStep("deliver", ref, instances[i].name) }
        if instances[i].busy {
            instances[i].buffer.append(ref)
        } else {
            startProcessing(ref, on: i)
        }
    }

    /// Instance `i` starts a processing attempt on `ref`.
    mutating func startProcessing(_ ref: MessageRef, on i: Int) {
        let c = instances[i].consumer
        instances[i].busy = true
        metrics.consumers[c].busy.add(1, at: now)
        metrics.consumers[c].attempts += 1
        messages[ref].attempts += 1
        messages[ref].attemptStartedAt = now
        let record = messages[ref]
        if record.attempts == 1 && record.measured {
            metrics.latency.queueWait.record(now - record.publishedAt)
        }
        if trace != nil { traceStep("start", ref, instances[i].name) }
        let serviceTime = model.consumers[c].service.sample(&instances[i].stream)
        events.schedule(.processingCompleted(instance: Int32(i), message: ref), at: now + serviceTime)
    }

    /// Instance `i` finished processing `ref`: it acks, starts its next buffered message and
    /// regains prefetch credit.
    mutating func completeProcessing(instance i: Int, message ref: MessageRef) {
        let c = instances[i].consumer
        let record = messages[ref]
        if record.measured {
            metrics.latency.processing.record(now - record.attemptStartedAt)
            metrics.latency.endToEnd.record(now - record.publishedAt)
            metrics.ackedMeasured += 1
            metrics.lastMeasuredAck = now
        }
        metrics.acked += 1
        metrics.consumers[c].processed += 1
        metrics.queues[Int(record.queue)].acked += 1
        if trace != nil { traceStep("ack", ref, instances[i].name) }
        messages.release(ref)
        instances[i].unacked -= 1
        if let next = instances[i].buffer.popFirst() {
            startProcessing(next, on: i)
        } else {
            instances[i].busy = false
            metrics.consumers[c].busy.add(-1, at: now)
        }
        let q = model.consumers[c].source.index
        if instances[i].waitingForCredit && instances[i].hasCredit {
            instances[i].waitingForCredit = false
            queues[q].readyConsumers.append(Int32(i))
        }
        dispatch(q)
    }
}
