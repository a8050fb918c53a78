import SimulationKernel

/// The two events of an ideal model — a publish and the end of a processing attempt — handled
/// in one straight pass each, for models that use none of the features the general path checks
/// for at every step (the benchmark's M/M/1, the theory scenarios, plain task queues).
///
/// An ideal model has plain point-to-point queues (no capacity, TTL, priorities, delay,
/// broker profile, dead-lettering, visibility timeout, message groups or best-effort
/// delivery, no initial backlog), producers publishing straight into them (no routing, rate
/// limit — so none can fall behind its schedule —, poison messages, re-sent publishes or send
/// batches; no consumer timeout), consumers that never fail and are pushed to (no failure rate,
/// timeout, idempotency, network hops, receive polling, pauses, downstream, breaker or autoscaler), no faults, no
/// streams, no message keys, and no trace. Then nothing can fail, expire, be redelivered or
/// leave a queue but through delivery, and:
/// - every ring entry is a message waiting to be delivered (no lazy deletion);
/// - an instance in a queue's round-robin has credit, and the round-robin is empty while
///   messages wait (every step that gives credit back dispatches).
/// - a message is delivered once, processed in one attempt and acked: at its delivery it has
///   no holder, no earlier receive and no side effect yet; at its ack one attempt, no retry
///   wait, and nothing else that refers to it.
/// So a publish that finds messages waiting need not dispatch, a dispatch need not check
/// the head, and the counters of a delivery, an attempt and an ack take only their one
/// possible branch. Everything else — the order of state changes, random draws and scheduled
/// events, every metric — is the general path's, step for step:
/// `IdealPathTests` runs models both ways and compares the results field by field.
///
/// Measured on the M/M/1 benchmark (runs of 100,000 and 1,000,000 messages under
/// callgrind): 2.50 billion instructions on the general path, 2.01 on this one, 1.83 with the
/// hand-over in `endAttemptIdeal`; about a fifth less CPU time. The one-branch counters of a
/// delivery, an attempt and an ack took the whole process (1,000,000 messages, `mqlab run`
/// to the JSON report) from 1.486 to 1.369 billion instructions.
extension Simulation {
    /// Whether this run can take the ideal path (decided once, when the run starts).
    mutating func qualifiesForIdealPath() -> Bool {
        guard idealPathAllowed, trace == nil, model.faults.isEmpty, !streamRuntime.active, !entry.active,
              !priorities.active, !ordering.active, !omission.active, resilience.consumers.isEmpty, !resends.active, !consumerTimeouts.active,
              model.queues.allSatisfy({ $0.initialBacklog == nil })
        else { return false }
        for q in queues.indices {
            let queue = queues[q]
            guard !queue.hasPolicies, !queue.checksExpiry, queue.discipline == .fifo,
                  queue.deadLetter == nil, queue.deadLetterExchange == nil,
                  queue.visibilityTimeout == nil, !queue.wakesAutoscaler, !queue.isDown, !queue.hasIngress,
                  queue.delay == .zero, queue.capacity == nil
            else { return false }
        }
        for p in producers.indices {
            guard producers[p].path == .queue, producers[p].bucket == nil, producers[p].poisonFraction == 0,
                  producers[p].batch == nil else { return false }
        }
        for i in instances.indices {
            let instance = instances[i]
            guard model.consumers[instance.consumer].membership == nil, !instance.controlled, !instance.hops,
                  !instance.resilient, !instance.hasOutcomeHooks, instance.failureRate == 0,
                  instance.processingTimeout == nil, instance.idempotencyWindow == nil, instance.gate == 0,
                  instance.polling == nil,
                  !instance.isDown
            else { return false }
        }
        return true
    }

    /// `publish(from:)` on the ideal path.
    mutating func publishIdeal(from i: Int) {
        producers[i].published += 1
        countPublish()
        let q = producers[i].target
        let ref = messages.allocate(MessageRecord(
            id: nextMessageID, publishedAt: now, measured: now >= warmup, queue: QueueID(q),
            producer: ProducerID(producers[i].producer), isPoison: false))
        nextMessageID &+= 1
        queues[q].metrics.enqueued += 1
        messages[ref].state = .ready
        if queues[q].ready.isEmpty, let instance = nextConsumer(of: q) {
            handIdeal(ref, to: instance)
        } else {
            // Messages wait, so no instance has credit: nothing to dispatch.
            messages[ref].inRing = true
            queues[q].ready.append(ref)
            changeDepth(of: q, by: 1)
        }
        scheduleNextPublish(of: i)
    }

    /// `hand(_:to:from:)` with `deliver` and `beginAttempt` on the ideal path.
    @inline(__always) mutating func handIdeal(_ ref: MessageRef, to i: Int) {
        instances[i].inRoundRobin = false
        // `countDelivery` for a first delivery with no holder and no side effect yet.
        messages[ref].receiveCount = 1
        messages[ref].state = .inFlight
        messages[ref].holders = 1
        metrics.delivered += 1
        instances[i].metrics.receives += 1
        if instances[i].ack == .auto {
            messages[ref].autoAcked = true
        } else {
            instances[i].unacked += 1
        }
        if instances[i].current != nil || instances[i].endingAttempt {
            instances[i].buffer.append(ref)
        } else {
            beginAttemptIdeal(ref, on: i)
        }
        offerCredit(of: i)
    }

    /// `beginAttempt` on the ideal path: every attempt succeeds.
    mutating func beginAttemptIdeal(_ ref: MessageRef, on i: Int) {
        // `countAttemptStart` for a first attempt.
        instances[i].current = ref
        instances[i].attemptStart = now
        instances[i].metrics.attempts += 1
        messages[ref].attempts = 1
        messages[ref].activeAttempts = 1
        messages[ref].firstAttemptAt = now
        if messages[ref].measured {
            queues[messages[ref].queue].metrics.latency.queueWait.record(now - messages[ref].publishedAt)
        }
        let length = instances[i].service.sample(&instances[i].serviceStream)
        instances[i].currentOutcome = .success
        events.schedule(.attemptEnded(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: now + length)
    }

    /// `endAttempt(on:)` on the ideal path: the attempt succeeded; the message is acked.
    mutating func endAttemptIdeal(on i: Int) {
        guard let ref = instances[i].current else { return }
        // `countAttemptEnd` and `countProcessed` for a message processed once and released
        // at once by its ack (so its own holder and attempt counters need no update, and
        // `endingAttempt`, set then cleared, is never read in between).
        instances[i].current = nil
        instances[i].accrueBusyTime(until: now)
        let q = messages[ref].queue.index
        if messages[ref].measured {
            queues[q].metrics.latency.processing.record(now - instances[i].attemptStart)
        }
        instances[i].metrics.processed += 1
        if instances[i].ack == .manual { instances[i].unacked -= 1 }
        ackIdeal(ref, in: q)
        if !instances[i].buffer.isEmpty, let next = instances[i].buffer.popFirst() { beginAttemptIdeal(next, on: i) }
        let source = instances[i].source
        if !queues[source].ready.isEmpty && !instances[i].inRoundRobin && canTakeDelivery(i) {
            // `offerCredit` then the first round of `dispatch`: messages wait, so the
            // round-robin is empty and the instance would be appended to it and taken back at
            // once; it takes the head directly (saves a push and a pop per busy message).
            let head = queues[source].ready.popFirst()!
            messages[head].inRing = false
            changeDepth(of: source, by: -1)
            handIdeal(head, to: i)
        } else {
            offerCredit(of: i)
        }
        // The rest of `dispatch`: every waiting message is deliverable.
        while !queues[source].ready.isEmpty, let instance = nextConsumer(of: source) {
            let head = queues[source].ready.popFirst()!
            messages[head].inRing = false
            changeDepth(of: source, by: -1)
            handIdeal(head, to: instance)
        }
    }

    /// `settle(_:as: .acked)` on the ideal path, with the release of the message's slot: one
    /// attempt, no retry wait (`countAck`'s one branch), and nothing refers to the message any
    /// more (`releaseIfUnreferenced` always releases).
    @inline(__always) mutating func ackIdeal(_ ref: MessageRef, in q: Int) {
        workDone &+= 1
        attemptsPerMessage[1] += 1
        queues[q].metrics.acked += 1
        metrics.acked += 1
        metrics.ackedSeries.add(at: now)
        if messages[ref].measured {
            let latency = now - messages[ref].publishedAt
            queues[q].metrics.latency.endToEnd.record(latency)
            metrics.endToEndSeries.record(latency, at: now)
            queues[q].metrics.retryDelayZeros += 1
            metrics.ackedMeasured += 1
            metrics.lastMeasuredAck = now
        }
        messages[ref].state = .settled
        messages.release(ref)
    }
}
