import SimulationKernel

/// The run-time state of a point-to-point queue: the core every queue has (messages waiting
/// in FIFO order, the consumer instances that can take another delivery in round-robin order,
/// the ledger and depth) and its discipline (`QueueDiscipline`), which decides where a waiting
/// message sits and which one is delivered next.
///
/// A message goes to the next instance in the round-robin that still has prefetch credit;
/// an instance that still has credit after a delivery goes to the back of the line. With
/// prefetch 1 this is "the next free worker"; with a larger prefetch, deliveries alternate
/// between consumers as RabbitMQ's do.
/// - Note: Source: RabbitMQ documentation, "Consumer Prefetch" and "Queues" (round-robin
///   delivery to consumers with available prefetch credit); observed on RabbitMQ 3.10.8
///   (two consumers, one slow, 20 messages: strict alternation at prefetch 10).
struct QueueState {
    /// Messages waiting to be delivered, head first (FIFO and best-effort queues, and level 0
    /// of a priority queue). Entries whose message is no longer `ready` here are skipped when
    /// they reach the head (lazy deletion).
    /// Starts small and doubles as needed, so an idle queue costs little memory.
    var ready = RingBuffer<MessageRef>(capacity: 16)
    /// How waiting messages are kept and picked (Brokers/Disciplines/; set by
    /// `setUpDisciplines`). The state a discipline owns lives with it, not here.
    var discipline = QueueDiscipline.fifo
    /// Consumer instances that may have prefetch credit, in round-robin order.
    var readyConsumers = RingBuffer<ConsumerInstanceID>(capacity: 4)
    let visibilityTimeout: SimDuration?
    let deadLetter: DeadLetterPolicy?
    let deadLetterExchange: DeadLetterExchange?
    let durable: Bool
    /// Length limit (Simulation+FlowControl.swift); nil = unbounded.
    let capacity: QueueCapacity?
    /// Whether messages may expire here (a queue TTL, or a producer's message TTL somewhere
    /// in the model; set by `setUpExpiry`), the queue's TTL, and whether only the head expires.
    var checksExpiry = false
    let messageTTL: SimDuration?
    let expiresAtHeadOnly: Bool
    /// Delay queue: how long a message that enters stays invisible; zero = none. Its broker's
    /// profile, and when its ingress is next free (Simulation+BrokerEntry.swift).
    let delay: SimDuration
    let profile: BrokerProfile?
    /// Its profile has a publish latency or an ingress capacity.
    let hasIngress: Bool
    var ingressFreeAt = SimTime.zero
    /// When the last client publish was stored (profiles with `publishInOrder`).
    var lastStoredAt = SimTime.zero
    /// True when a policy applies (`capacity`, `checksExpiry`): `enqueueNow` then takes the
    /// steps in Simulation+QueuePolicies.swift; a queue without policies pays a flag test.
    var hasPolicies = false
    /// True while its broker is down after a crash.
    var isDown = false
    /// An autoscaler reading this queue's depth sleeps until it changes
    /// (Simulation+Autoscaling.swift).
    var wakesAutoscaler = false
    /// The chance a short poll sees each visible message (1 = every one;
    /// `QueueConfiguration.shortPollSampling`, Simulation+ReceivePolling.swift).
    let shortPollSampling: Double
    /// Counters and depth over time.
    var metrics: QueueMetrics

    init(configuration: QueueConfiguration, windowStart: SimTime) {
        visibilityTimeout = configuration.visibilityTimeout
        deadLetter = configuration.deadLetter
        deadLetterExchange = configuration.deadLetterExchange
        durable = configuration.durable
        capacity = configuration.capacity
        messageTTL = configuration.messageTTL
        expiresAtHeadOnly = configuration.ttlExpiry == .head
        delay = configuration.delay ?? .zero
        profile = configuration.profile
        hasIngress = profile?.publishLatency != nil || profile?.capacity != nil
        shortPollSampling = configuration.shortPollSampling ?? 1
        metrics = QueueMetrics(name: configuration.name, windowStart: windowStart)
        if delay > .zero { metrics.delay = delay }
        metrics.profile = profile
    }

    /// Adds `delta` to the number of visible messages.
    @inline(__always) mutating func changeDepth(by delta: Double, at time: SimTime) {
        metrics.depth.add(delta, at: time)
        metrics.depthSeries.record(metrics.depth.value, at: time)
    }
}

/// How a message's time in a queue ended.
enum Outcome {
    case acked
    case deadLettered(SettleReason)
    case dropped(SettleReason)
    case lost(SettleReason)
    /// Its time to live ran out and there is no dead-letter queue (Simulation+Expiry.swift).
    case expired
}

extension Simulation {
    /// Adds `delta` to queue `q`'s depth now, and wakes an autoscaler sleeping on it.
    @inline(__always) mutating func changeDepth(of q: Int, by delta: Double) {
        queues[q].changeDepth(by: delta, at: now)
        if queues[q].wakesAutoscaler { wakeAutoscalers(of: q) }
    }

    /// A message enters queue `q` (counted in its ledger): enqueued, or lost if the queue's
    /// broker is down (routed publishes have no publish retry).
    mutating func admit(_ ref: MessageRef, into q: Int) {
        queues[q].metrics.enqueued += 1
        if queues[q].isDown {
            settle(ref, as: .lost(.publishFailed))
        } else {
            enqueue(ref, into: q)
        }
    }

    /// The one way a message sent to queue `q` gets in: through the broker's ingress,
    /// publish latency and delay when it has them (Simulation+BrokerEntry.swift), then
    /// `enqueueNow`.
    @inline(__always) mutating func enqueue(_ ref: MessageRef, into q: Int) {
        if entry.active { return enter(ref, into: q) }
        enqueueNow(ref, into: q)
    }

    /// Puts a new message in queue `q` (at the tail, of its level or its group: the
    /// discipline's `enqueue`) and delivers what can be delivered. A TTL or a capacity may
    /// end it first (Simulation+QueuePolicies.swift).
    mutating func enqueueNow(_ ref: MessageRef, into q: Int) {
        if queues[q].hasPolicies, !arrivalPassesPolicies(ref, in: q) { return }
        messages[ref].state = .ready
        if !entry.holdingDispatch, disciplineIsEmpty(q), let instance = nextConsumer(of: q) {
            // Nothing waits ahead of it and a consumer has credit: straight through, the
            // depth does not change.
            hand(ref, to: instance, from: q)
            return
        }
        if queues[q].hasPolicies, !waitPassesPolicies(ref, in: q) { return }
        messages[ref].inRing = true
        disciplineEnqueue(ref, into: q)
        changeDepth(of: q, by: 1)
        if !entry.holdingDispatch { dispatch(q) }
    }

    /// Makes a message visible in its queue again: at the head (a nack with requeue returns
    /// it to its place, as RabbitMQ does) or at the tail (after a retry backoff), as its
    /// discipline places it (`disciplineRequeue`); a message past its deadline expires at once.
    /// - Note: Source: RabbitMQ documentation, "Consumer Acknowledgements and Publisher
    ///   Confirms", section "Negative Acknowledgement and Requeuing of Deliveries"
    ///   (https://www.rabbitmq.com/docs/confirms: a requeued message goes back to its original
    ///   position when possible); observed the same on RabbitMQ 3.10.8 classic queues.
    mutating func requeue(_ ref: MessageRef, atHead: Bool) {
        let q = messages[ref].queue.index
        guard messages[ref].state != .settled, messages[ref].state != .ready else { return }
        messages[ref].state = .ready
        changeDepth(of: q, by: 1)
        disciplineRequeue(ref, in: q, atHead: atHead)
        if trace != nil { traceStep(atHead ? "requeue" : "retry", ref, queues[q].metrics.name) }
        if queues[q].checksExpiry, expireOnRequeue(ref, in: q, atHead: atHead) { return }
        dispatch(q)
    }

    /// The next instance in round-robin order that is up and has prefetch credit.
    @inline(__always) mutating func nextConsumer(of q: Int) -> Int? {
        while let next = queues[q].readyConsumers.popFirst() {
            let i = next.index
            if !canTakeDelivery(i) {
                instances[i].inRoundRobin = false
                continue
            }
            if instances[i].polling != nil, !pollsNow(i) { continue }
            return i
        }
        return nil
    }

    /// Whether instance `i` is up, its gate open (Simulation+Resilience.swift), and has
    /// prefetch credit (auto-ack consumers always have).
    ///
    /// Hot-path helpers like this one are `mutating` although they only read: called from
    /// a mutating method, a non-mutating one makes the compiler copy the whole simulation
    /// (a memcpy per call, measured at 20% of run time); a computed property on
    /// `instances[i]` copies the instance.
    @inline(__always) mutating func canTakeDelivery(_ i: Int) -> Bool {
        !instances[i].crashed && !instances[i].disconnected && instances[i].gate == 0
            && (instances[i].ack == .auto || instances[i].unacked < instances[i].prefetch)
    }

    /// Puts instance `i` back in its queue's round-robin if it can take a delivery.
    @inline(__always) mutating func offerCredit(of i: Int) {
        guard !instances[i].inRoundRobin, !instances[i].pollPending, canTakeDelivery(i) else { return }
        instances[i].inRoundRobin = true
        instances[i].readySince = now
        instances[i].pollsCounted = 0
        queues[instances[i].source].readyConsumers.append(ConsumerInstanceID(i))
    }

    /// Hands waiting messages to instances with credit until one side runs out, in the order
    /// of the queue's discipline (`nextDeliverable`, `disciplineDeliver`); expired messages
    /// and messages over the receive limit met on the way leave the queue instead.
    mutating func dispatch(_ q: Int) {
        guard !queues[q].isDown else { return }
        while let ref = nextDeliverable(of: q) {
            guard let instance = nextConsumer(of: q) else { break }
            disciplineDeliver(ref, to: instance, from: q)
        }
    }

    /// Deals with `ref`, just taken off one of queue `q`'s rings because it cannot be
    /// delivered: a stale entry (the message left the queue) is dropped, an expired message
    /// expires, one over the receive limit is dead-lettered.
    mutating func discardUndeliverable(_ ref: MessageRef, from q: Int) {
        let record = messages[ref]
        if record.state != .ready || record.queue != QueueID(q) {
            releaseIfUnreferenced(ref)
        } else if queues[q].checksExpiry, expiry.deadlines[Int(ref.slot)] <= now {
            expire(ref)
        } else {
            settle(ref, as: .deadLettered(queues[q].deadLetter?.limitReason ?? .maxReceiveCount))
        }
    }

    /// Whether `ref` is waiting in queue `q` and could be delivered now (not expired, not over
    /// the receive limit). False sends it out of the queue (`discardUndeliverable`).
    ///
    /// A message over the receive limit of a queue with a visibility timeout (SQS redrive)
    /// moves to the dead-letter queue only when a receive would hand it out once more: while no
    /// consumer polls (none up with credit) it stays where it is, visible and counted in the
    /// depth, and is reported as deliverable so that dispatch stops there as it would for any
    /// message. Without a visibility timeout (RabbitMQ-style delivery limits) it goes at once.
    /// - Note: Source: Amazon SQS API Reference, CreateQueue, `RedrivePolicy`
    ///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html):
    ///   "When the ReceiveCount for a message exceeds the maxReceiveCount for a queue, Amazon SQS
    ///   moves the message to the dead-letter-queue" — the receive count grows only on a receive.
    /// - Parameter receiverTaken: the caller already holds the instance that will receive
    ///   (taken from the round-robin), so a receive is under way.
    @inline(__always) mutating func isDeliverable(_ ref: MessageRef, from q: Int, receiverTaken: Bool = false) -> Bool {
        let record = messages[ref]
        guard record.state == .ready, record.queue == QueueID(q) else { return false }
        if queues[q].checksExpiry, expiry.deadlines[Int(ref.slot)] <= now { return false }
        if let limit = queues[q].deadLetter?.maxReceiveCount, record.receiveCount >= Int32(limit) {
            return queues[q].visibilityTimeout != nil && !receiverTaken && !consumerIsPolling(q)
        }
        return true
    }

    /// Whether an instance in queue `q`'s round-robin is up with prefetch credit (the next one
    /// `nextConsumer` would return; instances that cannot take a delivery leave the line, as
    /// `nextConsumer` would remove them).
    mutating func consumerIsPolling(_ q: Int) -> Bool {
        while let next = queues[q].readyConsumers.first {
            if canTakeDelivery(next.index) { return true }
            _ = queues[q].readyConsumers.popFirst()
            instances[next].inRoundRobin = false
        }
        return false
    }

    /// Delivers `ref` to instance `i`, just taken from the front of the round-robin, and puts
    /// the instance back in line if it still has credit.
    mutating func hand(_ ref: MessageRef, to i: Int, from q: Int) {
        if instances[i].polling != nil {
            // One receive call (Simulation+ReceivePolling.swift); inside it, a plain delivery.
            if instances[i].receiving { return deliver(ref, to: i) }
            return receive(ref, by: i, from: q)
        }
        instances[i].inRoundRobin = false
        deliver(ref, to: i)
        offerCredit(of: i)
    }

    /// Decides a message's outcome in its current queue and records it. A dead-lettered
    /// message continues in the dead-letter queue (or is dropped with reason
    /// `deadLetterCycle`, Simulation+DeadLettering.swift); otherwise the message leaves the
    /// system (its slot is freed once no consumer holds it).
    mutating func settle(_ ref: MessageRef, as outcome: Outcome) {
        let q = messages[ref].queue.index
        let record = messages[ref]
        guard record.state != .settled else { return }
        workDone &+= 1
        if record.state == .ready { changeDepth(of: q, by: -1) }
        disciplineRemove(ref, from: q)
        attemptsPerMessage[min(Int(record.attempts), attemptsPerMessage.count - 1)] += 1
        switch outcome {
        case .acked:
            countAck(of: record, in: q)
            if omission.active, record.measured { recordFromIntendedSend(ref, record, in: q) }
            if record.measured, priorities.active { recordPriorityLatency(of: ref, now - record.publishedAt) }
        case .deadLettered(let reason):
            let (targets, cycled) = deadLetterTargets(of: ref, from: q, reason: reason)
            if targets.isEmpty && cycled {
                // Every way on would close a dead-letter cycle without a rejection: RabbitMQ
                // drops the message (Simulation+DeadLettering.swift).
                queues[q].metrics.dropped += 1
                queues[q].metrics.droppedByReason[SettleReason.deadLetterCycle.rawValue] += 1
                if trace != nil { traceStep("drop:" + SettleReason.deadLetterCycle.name, ref, queues[q].metrics.name) }
                break
            }
            queues[q].metrics.deadLettered += 1
            queues[q].metrics.deadLetteredByReason[reason.rawValue] += 1
            if trace != nil { traceStep("deadLetter:" + reason.name, ref, queues[q].metrics.name) }
            if !targets.isEmpty {
                // The message continues in every queue its dead-letter queue or exchange leads to.
                sendDeadLetter(ref, to: targets)
                return
            }
            // Its dead-letter exchange routed it nowhere: it ends here (counted unroutable).
            if trace != nil, let exchange = queues[q].deadLetterExchange {
                traceStep("unroutable", ref, model.exchanges[exchange.exchange.index].name)
            }
        case .dropped(let reason):
            queues[q].metrics.dropped += 1
            queues[q].metrics.droppedByReason[reason.rawValue] += 1
            if trace != nil { traceStep("drop:" + reason.name, ref, queues[q].metrics.name) }
        case .lost(let reason):
            queues[q].metrics.lost += 1
            queues[q].metrics.lostByReason[reason.rawValue] += 1
            if trace != nil { traceStep("lose:" + reason.name, ref, queues[q].metrics.name) }
        case .expired:
            queues[q].metrics.expired += 1
            if trace != nil { traceStep("expire", ref, queues[q].metrics.name) }
        }
        messages[ref].state = .settled
        releaseIfUnreferenced(ref)
    }

    /// Whether queue `q` dead-letters (to a queue or through an exchange).
    mutating func deadLetters(_ q: Int) -> Bool {
        queues[q].deadLetter != nil || queues[q].deadLetterExchange != nil
    }

    /// Frees a settled message's slot once no consumer holds it and no queue lists it.
    @inline(__always) mutating func releaseIfUnreferenced(_ ref: MessageRef) {
        guard messages.isLive(ref) else { return }
        let record = messages[ref]
        if record.state == .settled && record.holders == 0 && !record.inRing {
            messages.release(ref)
        }
    }

    /// A delivery's visibility timeout ran out: if that delivery is still unacked, the
    /// message becomes visible again (at the head: it is the oldest), even though its
    /// consumer may still be working on it.
    /// - Note: Source: AWS SQS Developer Guide, "Amazon SQS visibility timeout".
    mutating func visibilityExpired(_ handle: MessageHandle, receiveCount: Int32) {
        guard let ref = messages.resolve(handle) else { return }
        let record = messages[ref]
        guard record.state == .inFlight, !record.autoAcked, record.receiveCount == receiveCount else { return }
        requeue(ref, atHead: true)
    }
}

extension Simulation {
    /// The counters, latencies and series of one ack in queue `q`: shared by `settle` and the
    /// ideal path (Simulation+IdealPath.swift), so the two cannot drift apart.
    @inline(__always) mutating func countAck(of record: MessageRecord, in q: Int) {
        queues[q].metrics.acked += 1
        metrics.acked += 1
        metrics.ackedSeries.add(at: now)
        guard record.measured else { return }
        queues[q].metrics.latency.endToEnd.record(now - record.publishedAt)
        metrics.endToEndSeries.record(now - record.publishedAt, at: now)
        if record.retryWait > .zero {
            queues[q].metrics.latency.retryDelay.record(record.retryWait)
        } else {
            queues[q].metrics.retryDelayZeros += 1
        }
        metrics.ackedMeasured += 1
        metrics.lastMeasuredAck = now
    }

    /// The counters of handing `ref` (whose record is `record`, read before the hand-over) to
    /// instance `i`: a duplicate or redelivery is counted as such. Shared by `deliver` and the
    /// ideal path.
    @inline(__always) mutating func countDelivery(of ref: MessageRef, _ record: MessageRecord, to i: Int) {
        let q = record.queue.index
        // A duplicate: its side effect already ran, or another delivery of it is still held.
        if record.processed || record.holders > 0 {
            metrics.duplicateDeliveries += 1
            queues[q].metrics.duplicateDeliveries += 1
        }
        messages[ref].receiveCount += 1
        messages[ref].state = .inFlight
        messages[ref].holders += 1
        metrics.delivered += 1
        instances[i].metrics.receives += 1
        if record.receiveCount > 0 {
            metrics.redeliveries += 1
            queues[q].metrics.redeliveries += 1
        }
    }
}
