import SimulationKernel

extension Simulation {
    /// Carries out a scripted fault.
    mutating func apply(_ fault: Fault) {
        switch fault.target {
        case .consumer(let index, let instance):
            // Every target goes down before any lets go of its messages, so a crash of several
            // instances at once does not hand one's messages to another about to crash.
            var targets: [Int] = []
            let first = instances.firstIndex { $0.consumer == index } ?? 0
            for i in instances.indices where instances[i].consumer == index {
                let ordinal = i - first
                guard instance == nil || instance == ordinal, !instances[i].crashed else { continue }
                // An autoscaled instance that is not deployed has no process to crash.
                if instances[i].resilient, !isDeployedByAutoscaler(i) { continue }
                instances[i].crashed = true
                targets.append(i)
            }
            for i in targets {
                disconnect(i)
                instances[i].metrics.crashes += 1
                if trace != nil { trace?(TraceEntry(time: now, kind: "crash", messageID: 0, entity: instances[i].name)) }
                if let delay = fault.restartAfter {
                    events.schedule(.consumerRestart(ConsumerInstanceID(i)), at: now + delay)
                } else if instances[i].resilient {
                    autoscaledInstanceLost(i)
                }
            }
        case .queue(let queue):
            crashBroker(queue.index, restartAfter: fault.restartAfter)
        }
    }

    /// Instance `i` goes down: its current attempt stops (its end event becomes stale) and it
    /// lets go of every message it holds. Unacked messages return to the queue at once
    /// (the broker requeues a closed channel's deliveries) — or, on a queue with a visibility
    /// timeout, when that expires; auto-acked ones are lost.
    /// - Note: Source: RabbitMQ documentation, "Consumer Acknowledgements" (unacked deliveries
    ///   are requeued when the channel closes; automatic-ack deliveries are lost with the
    ///   consumer).
    mutating func disconnect(_ i: Int) {
        if instances[i].resilient { controlledInstanceDisconnects(i) }
        instances[i].incarnation &+= 1
        var held: [MessageRef] = []
        if let current = instances[i].current {
            if instances[i].hold != .none {
                instances[i].hold = .none   // held for a token or a gate: no attempt to cut off
            } else {
                instances[i].accrueBusyTime(until: now)
                messages[current].activeAttempts -= 1
                messages[current].lastAttemptEnd = now
            }
            held.append(current)
        }
        while let ref = instances[i].buffer.popFirst() { held.append(ref) }
        instances[i].current = nil
        instances[i].unacked = 0
        let visibilityTimeout = queues[instances[i].source].visibilityTimeout
        // Requeue in reverse so the oldest delivery ends up at the head.
        for ref in held.reversed() {
            messages[ref].holders -= 1
            if messages[ref].autoAcked {
                settle(ref, as: .lost(.consumerCrash))
            } else if visibilityTimeout == nil, canSettle(ref, by: i), messages[ref].state == .inFlight {
                requeue(ref, atHead: true)
            }
            releaseIfUnreferenced(ref)
        }
        // Acks still on their way are older than these deliveries: they end up ahead.
        if instances[i].hops { dropHops(of: i) }
    }

    /// A crashed instance is back: it joins the round-robin again.
    mutating func restartConsumer(_ i: Int) {
        guard instances[i].crashed else { return }
        instances[i].crashed = false
        if trace != nil { trace?(TraceEntry(time: now, kind: "restart", messageID: 0, entity: instances[i].name)) }
        offerCredit(of: i)
        dispatch(instances[i].source)
    }

    /// The broker of queue `q` crashes. Manual-ack consumers lose their connections (their
    /// deliveries return to the queue); a durable queue keeps its messages, a non-durable one
    /// loses them. Publishes fail until it is back.
    /// - Note: Source: RabbitMQ documentation, "Queues" (durability: transient queues and
    ///   their messages are deleted on node restart) and "Reliability Guide".
    mutating func crashBroker(_ q: Int, restartAfter: SimDuration?) {
        guard !queues[q].isDown else { return }
        queues[q].isDown = true
        if trace != nil { trace?(TraceEntry(time: now, kind: "brokerCrash", messageID: 0, entity: queues[q].metrics.name)) }
        for i in instances.indices where instances[i].source == q && instances[i].ack == .manual && !instances[i].isDown {
            instances[i].disconnected = true
            disconnect(i)
        }
        if !queues[q].durable {
            for ref in messages.liveReferences() {
                let record = messages[ref]
                guard record.queue == QueueID(q), !record.autoAcked else { continue }
                if record.state == .ready || record.state == .inFlight {
                    settle(ref, as: .lost(.brokerRestart))
                }
            }
        }
        if let delay = restartAfter {
            events.schedule(.brokerRestart(QueueID(q)), at: now + delay)
        }
    }

    /// The broker of queue `q` is back: consumers reconnect and delivery resumes.
    mutating func restartBroker(_ q: Int) {
        guard queues[q].isDown else { return }
        queues[q].isDown = false
        if trace != nil { trace?(TraceEntry(time: now, kind: "brokerRestart", messageID: 0, entity: queues[q].metrics.name)) }
        for i in instances.indices where instances[i].source == q && instances[i].disconnected {
            instances[i].disconnected = false
            offerCredit(of: i)
        }
        dispatch(q)
    }
}
