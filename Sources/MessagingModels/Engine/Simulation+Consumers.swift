import SimulationKernel

/// The run-time state of one consumer instance (one worker process).
struct ConsumerInstance {
    let consumer: Int
    /// The queue it consumes from.
    let source: Int
    let name: String
    let prefetch: Int
    let ack: AckMode
    let failureRate: Double
    let processingTimeout: SimDuration?
    let retry: RetryPolicy?
    let idempotencyWindow: SimDuration?
    /// The idempotency store is claimed atomically when an attempt starts (`claim: "atStart"`).
    let claimsAtStart: Bool
    /// Processing-time distribution (copied from the configuration).
    let service: Distribution
    /// Draws service (processing) times.
    var serviceStream: RandomStream
    /// Draws whether an attempt fails (`failureRate`).
    var failureStream: RandomStream
    /// Draws whether a downstream call fails.
    var downstreamStream: RandomStream
    /// Draws retry backoff jitter.
    var jitterStream: RandomStream
    /// Delivered and not yet acked (manual ack: limits deliveries to `prefetch`).
    var unacked = 0
    /// Delivered messages waiting for this instance to start them, in delivery order.
    var buffer = RingBuffer<MessageRef>(capacity: 4)
    /// The message being processed.
    var current: MessageRef?
    /// How the current attempt will end.
    var currentOutcome = AttemptOutcome.success
    /// Set while `endAttempt` settles the attempt that just ended: a delivery to the instance
    /// meanwhile (its failed message requeued at the head and dispatched straight back to it)
    /// waits in the buffer behind the messages delivered before it, as a broker's deliveries
    /// are processed in order.
    var endingAttempt = false
    /// Start of the attempt in progress (meaningful while `current` is set).
    var attemptStart = SimTime.zero
    /// Changes at every crash, so events of the attempt that was cut off are ignored.
    var incarnation: UInt32 = 0
    /// Consumer-group members only: busy with a stream record (Simulation+ConsumerGroups).
    var isBusy = false
    /// Crashed by a fault (until restarted).
    var crashed = false
    /// Disconnected while its queue's broker is down.
    var disconnected = false
    var isDown: Bool { crashed || disconnected }
    /// Whether the instance is listed in its queue's round-robin.
    var inRoundRobin = true
    /// This instance's share of its consumer's counters.
    var metrics: ConsumerMetrics
    /// Start of the measured window: busy time before it is not counted.
    let windowStart: SimTime
    /// True when its consumer has completion actions (`onSuccess`, `onFailure`, replies,
    /// saga ends; set by `setUpRouting`; the rest lives in `RoutingState`, off the plain path).
    var hasOutcomeHooks = false
    /// Index of its token bucket in `flow.buckets` (Simulation+FlowControl.swift); nil without
    /// a rate limit.
    var bucket: Int?
    /// Why it holds `current` without having started an attempt on it: waiting for its token
    /// (`.token`) or for its gate to open (`.gate`, Simulation+Resilience.swift).
    var hold = AttemptHold.none
    /// Closed gates (`Gate` bits): while any is set the instance takes no deliveries.
    var gate: UInt8 = 0
    /// Has a rate limit or consumer controls: `startAttempt` takes the checked path.
    var controlled = false
    /// Its queue's broker has a deliver or ack latency (Simulation+ConsumerHops.swift): the
    /// arrival time of each buffered delivery, when the last one arrives, whether it waits
    /// for the first to arrive, and its acks on their way with their arrival times.
    var hops = false
    var arrivals = RingBuffer<SimTime>(capacity: 4)
    var lastArrival = SimTime.zero
    var awaitingArrival = false
    var acksOnTheWay = RingBuffer<MessageHandle>(capacity: 4)
    var lastAckArrival = SimTime.zero
    /// Its consumer has pauses, a downstream, a circuit breaker or autoscaling.
    var resilient = false
    /// It pulls with receive calls (Simulation+ReceivePolling.swift): when its open call
    /// began, whether it waits for its next short poll, and whether a call is taking messages.
    let polling: ReceivePolling?
    var readySince = SimTime.zero
    var pollPending = false
    var receiving = false
    /// Empty short polls since `readySince` already counted (false empty receives of a
    /// sampled queue), and how many messages the current poll saw (`Int.max`: no sampling).
    var pollsCounted = 0
    var sampledMessages = Int.max
    /// Which messages its short polls see on a sampled queue (`shortPollSampling`).
    var samplingStream: RandomStream

    init(consumer: Int, configuration: ConsumerConfiguration, name: String, seed: UInt64, windowStart: SimTime) {
        self.consumer = consumer
        source = configuration.source.index
        self.name = name
        prefetch = configuration.prefetch
        ack = configuration.ack
        failureRate = configuration.failureRate
        processingTimeout = configuration.processingTimeout
        retry = configuration.retry
        idempotencyWindow = configuration.idempotency?.window
        claimsAtStart = configuration.idempotency?.claim == .atStart
        service = configuration.service
        serviceStream = RandomStream(seed: seed, .consumer, name, .service)
        failureStream = RandomStream(seed: seed, .consumer, name, .failure)
        downstreamStream = RandomStream(seed: seed, .consumer, name, .downstream)
        jitterStream = RandomStream(seed: seed, .consumer, name, .jitter)
        samplingStream = RandomStream(seed: seed, .consumer, name, .pollSampling)
        metrics = ConsumerMetrics(name: name, instances: 1)
        self.windowStart = windowStart
        polling = configuration.membership == nil ? configuration.polling : nil
    }

    /// Adds the busy time of the attempt that started at `attemptStart` and ends (or is cut
    /// off) at `end`, counting only what falls inside the measured window.
    mutating func accrueBusyTime(until end: SimTime) {
        let from = max(attemptStart, windowStart)
        if end > from { metrics.busyNanoseconds += (end - from).nanoseconds }
    }
}

/// Why an instance holds a delivered message without having started an attempt on it.
enum AttemptHold: UInt8 {
    case none
    /// Waiting for a rate-limit token (Simulation+FlowControl.swift).
    case token
    /// Waiting for its gate to open (Simulation+Resilience.swift).
    case gate
}

/// How a processing attempt ends, decided when it starts.
enum AttemptOutcome {
    case success
    /// The id was processed before: acked without running the side effect again.
    case skippedDuplicate
    /// Another attempt holds the id's claim (`claim: "atStart"`): not run, not acked.
    case claimedElsewhere
    case failure
    case timeout
}

extension Simulation {
    /// Hands `ref` to instance `i`: it starts at once if the instance is idle, otherwise it
    /// waits in the instance's prefetch buffer.
    mutating func deliver(_ ref: MessageRef, to i: Int) {
        let record = messages[ref]
        countDelivery(of: ref, record, to: i)
        if trace != nil { traceStep("deliver", ref, instances[i].name) }
        if instances[i].ack == .auto {
            messages[ref].autoAcked = true
        } else {
            instances[i].unacked += 1
            if let timeout = queues[instances[i].source].visibilityTimeout {
                events.schedule(.visibilityExpired(messages.handle(ref), receiveCount: record.receiveCount + 1), at: now + timeout)
            }
            if consumerTimeouts.active { startConsumerTimeout(ref, receiveCount: record.receiveCount + 1, on: i) }
        }
        if instances[i].hops { return deliverOverTheNetwork(ref, to: i) }
        if instances[i].current != nil || instances[i].endingAttempt {
            instances[i].buffer.append(ref)
        } else {
            startAttempt(ref, on: i)
        }
    }

    /// Instance `i` starts a processing attempt on `ref`, or, with its gate closed or under a
    /// rate limit without a token, holds it until the gate opens or the token comes.
    @inline(__always) mutating func startAttempt(_ ref: MessageRef, on i: Int) {
        if instances[i].controlled, !admitAttempt(ref, on: i) { return }
        beginAttempt(ref, on: i)
    }

    /// Instance `i` starts a processing attempt on `ref`; its outcome and length are drawn now.
    /// A `refused` attempt (a full leaky bucket refused the call) fails at once.
    mutating func beginAttempt(_ ref: MessageRef, on i: Int, refused: Bool = false) {
        countAttemptStart(of: ref, on: i)
        let record = messages[ref]
        if trace != nil { traceStep("start", ref, instances[i].name) }

        if refused {
            instances[i].currentOutcome = .failure
            events.schedule(.attemptEnded(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: now)
            return
        }
        if let window = instances[i].idempotencyWindow {
            let consumer = instances[i].consumer
            var skip: AttemptOutcome?
            if instances[i].claimsAtStart {
                switch idempotencyStores[consumer].claim(record.id, holder: Int32(i), at: now, window: window) {
                case nil: skip = nil
                case .done?: skip = .skippedDuplicate
                case .claimed?: skip = .claimedElsewhere
                }
            } else if idempotencyStores[consumer].contains(record.id, at: now) {
                skip = .skippedDuplicate
            }
            if let skip {
                instances[i].currentOutcome = skip
                events.schedule(.attemptEnded(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: now)
                return
            }
        }
        var length = instances[i].service.sample(&instances[i].serviceStream)
        var outcome = AttemptOutcome.success
        if record.isPoison || (instances[i].failureRate > 0 && instances[i].failureStream.bernoulli(instances[i].failureRate)) {
            outcome = .failure
        }
        if instances[i].resilient, callDownstream(on: i) { outcome = .failure }
        if let timeout = instances[i].processingTimeout, length > timeout {
            length = timeout
            outcome = .timeout
        }
        instances[i].currentOutcome = outcome
        events.schedule(.attemptEnded(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: now + length)
    }

    /// Instance `i`'s current attempt is over: ack on success, apply the failure policy
    /// otherwise, then start the next buffered message and regain credit.
    mutating func endAttempt(on i: Int) {
        guard let ref = instances[i].current else { return }
        let outcome = instances[i].currentOutcome
        countAttemptEnd(of: ref, on: i)
        let consumer = instances[i].consumer
        switch outcome {
        case .success, .skippedDuplicate:
            if outcome == .skippedDuplicate {
                instances[i].metrics.duplicatesSkipped += 1
            } else {
                countProcessed(ref, on: i)
                if let window = instances[i].idempotencyWindow {
                    idempotencyStores[consumer].insert(messages[ref].id, at: now, window: window)
                }
                if ordering.active { processedInOrder(ref, by: i) }
                // Replies, onSuccess publishes and saga ends happen before the ack.
                if instances[i].hasOutcomeHooks { runSuccessActions(for: ref, instance: i) }
            }
            acknowledge(ref, by: i)
        case .claimedElsewhere:
            instances[i].metrics.duplicatesSkipped += 1
            if trace != nil { traceStep("claimed", ref, instances[i].name) }
            leaveClaimed(ref, on: i)
        case .failure, .timeout:
            if instances[i].claimsAtStart {
                idempotencyStores[consumer].release(messages[ref].id, holder: Int32(i))
            }
            instances[i].metrics.failed += 1
            if outcome == .timeout { instances[i].metrics.timedOut += 1 }
            if trace != nil { traceStep(outcome == .timeout ? "timeout" : "fail", ref, instances[i].name) }
            attemptFailed(ref, on: i)
        }
        releaseIfUnreferenced(ref)
        if instances[i].resilient { controlledAttemptEnded(on: i, outcome) }
        instances[i].endingAttempt = false
        if instances[i].hops {
            startNextArrived(on: i)
        } else if let next = instances[i].buffer.popFirst() {
            startAttempt(next, on: i)
        }
        offerCredit(of: i)
        dispatch(instances[i].source)
    }

    /// Whether instance `i` can still ack or nack its delivery of `ref`: the message is still
    /// unsettled in the instance's queue (not acked through another delivery, dead-lettered
    /// or lost meanwhile).
    @inline(__always) mutating func canSettle(_ ref: MessageRef, by i: Int) -> Bool {
        let record = messages[ref]
        return record.state != .settled && record.queue == QueueID(instances[i].source)
    }

    /// A successful attempt: the message is acked (for auto ack it already left the broker;
    /// the ledger counts it as acked once processed). An ack that comes too late (the message
    /// was settled meanwhile, or the broker restarted) changes nothing.
    mutating func acknowledge(_ ref: MessageRef, by i: Int) {
        if instances[i].hops, instances[i].ack == .manual, sendAck(of: ref, by: i) { return }
        if instances[i].ack == .manual { instances[i].unacked -= 1 }
        ackReached(ref, from: i, settles: canSettle(ref, by: i) || messages[ref].autoAcked && messages[ref].state != .settled)
    }

    /// Instance `i`'s ack of `ref` reaches the broker: it settles the message, or, when
    /// another delivery settled it first, it is traced as a `lateAck` of that instance (the
    /// work was done twice) and changes nothing. Traced with the instance as the entity and
    /// the queue beside it, so a journey shows which delivery's ack counted.
    @inline(__always) mutating func ackReached(_ ref: MessageRef, from i: Int, settles: Bool) {
        if trace != nil { traceStep(settles ? "ack" : "lateAck", ref, instances[i].name) }
        if settles { settle(ref, as: .acked) }
    }

    /// A failed attempt under manual ack: retry (now or after a backoff), reject, or leave
    /// the message to reappear when its visibility timeout expires. Under auto ack the
    /// message is already gone from the broker: it is lost.
    mutating func attemptFailed(_ ref: MessageRef, on i: Int) {
        if instances[i].ack == .auto {
            if instances[i].hasOutcomeHooks { runFailureActions(for: ref, instance: i) }
            settle(ref, as: .lost(.autoAckFailure))
            return
        }
        instances[i].unacked -= 1
        guard canSettle(ref, by: i) else { return }
        let queue = instances[i].source
        if messages[ref].state != .inFlight {
            // Visible again meanwhile (a visibility timeout ran out, or a best-effort queue left
            // a copy), or already waiting for a retry: that is the next try — unless this was
            // the last attempt the retry policy allows, which rejects it wherever it waits.
            guard messages[ref].state == .ready, let retry = instances[i].retry,
                  Int(messages[ref].attempts) >= retry.maxAttempts else { return }
            if instances[i].hasOutcomeHooks { runFailureActions(for: ref, instance: i) }
            return reject(ref, from: queue)
        }
        if let retry = instances[i].retry {
            let attempts = Int(messages[ref].attempts)
            if attempts >= retry.maxAttempts {
                if instances[i].hasOutcomeHooks { runFailureActions(for: ref, instance: i) }
                reject(ref, from: queue)
                return
            }
            let delay = retry.delay(afterFailure: attempts, stream: &instances[i].jitterStream)
            if delay == .zero {
                requeue(ref, atHead: true)
            } else {
                messages[ref].state = .delayed
                events.schedule(.retryDue(messages.handle(ref)), at: now + delay)
            }
        } else if queues[queue].visibilityTimeout == nil {
            // basic.nack with requeue: back to its place at the head, no limit but the
            // dead-letter policy's receive count.
            requeue(ref, atHead: true)
        }
        // With a visibility timeout and no retry policy the consumer simply does not delete
        // the message: it reappears when the timeout expires (SQS).
    }

    /// Instance `i` found `ref`'s id claimed by another attempt: it neither runs nor acks it.
    /// On a queue with a visibility timeout the message reappears when that expires (or the
    /// holder's ack deletes it first); otherwise it waits until the claim expires and is then
    /// requeued, so a crashed holder's message is retried and a live holder's ack settles it
    /// meanwhile. Under auto ack the broker already deleted this copy when it delivered it,
    /// so the consumer's skip settles it as acked, like a duplicate it skips: a copy with
    /// the same id is a message record of its own (two subscriptions feeding one queue), which
    /// the holder's attempt does not settle.
    mutating func leaveClaimed(_ ref: MessageRef, on i: Int) {
        guard instances[i].ack == .manual else { return acknowledge(ref, by: i) }
        instances[i].unacked -= 1
        guard canSettle(ref, by: i), messages[ref].state == .inFlight,
              queues[instances[i].source].visibilityTimeout == nil else { return }
        let expiry: SimTime
        if case .claimed(_, let until)? = idempotencyStores[instances[i].consumer].entry(for: messages[ref].id, at: now) {
            expiry = until
        } else {
            expiry = now
        }
        messages[ref].state = .delayed
        events.schedule(.retryDue(messages.handle(ref)), at: expiry)
    }

    /// Rejects without requeue: dead-lettered if the queue has a dead-letter queue, dropped
    /// otherwise (RabbitMQ discards rejected messages without a dead-letter exchange).
    mutating func reject(_ ref: MessageRef, from queue: Int) {
        if deadLetters(queue) {
            settle(ref, as: .deadLettered(.rejected))
        } else {
            settle(ref, as: .dropped(.rejected))
        }
    }
}

extension Simulation {
    /// The bookkeeping of instance `i` starting an attempt on `ref`: its attempt counts, and
    /// the queue wait (first attempt) or the wait since the last attempt (a retry). Shared by
    /// `beginAttempt` and the ideal path, so the two cannot drift apart.
    @inline(__always) mutating func countAttemptStart(of ref: MessageRef, on i: Int) {
        instances[i].current = ref
        instances[i].attemptStart = now
        instances[i].metrics.attempts += 1
        messages[ref].attempts += 1
        messages[ref].activeAttempts += 1
        let record = messages[ref]
        if record.attempts == 1 {
            messages[ref].firstAttemptAt = now
            if record.measured {
                queues[record.queue].metrics.latency.queueWait.record(now - record.publishedAt)
            }
        } else if record.lastAttemptEnd > record.publishedAt {
            messages[ref].retryWait = record.retryWait + (now - record.lastAttemptEnd)
        }
    }

    /// The bookkeeping of instance `i`'s attempt on `ref` ending, whatever its outcome: the
    /// instance is free (and ending the attempt), its busy time and the processing time are
    /// recorded. Shared by `endAttempt` and the ideal path.
    @inline(__always) mutating func countAttemptEnd(of ref: MessageRef, on i: Int) {
        instances[i].current = nil
        instances[i].endingAttempt = true
        instances[i].accrueBusyTime(until: now)
        messages[ref].holders -= 1
        messages[ref].activeAttempts -= 1
        messages[ref].lastAttemptEnd = now
        if messages[ref].measured {
            queues[messages[ref].queue].metrics.latency.processing.record(now - instances[i].attemptStart)
        }
    }

    /// Instance `i` processed `ref` successfully: counted, and as duplicate processing when
    /// its side effect already ran (or, for a re-sent publish, its original's did). Shared by
    /// `endAttempt` and the ideal path (which has no re-sent publishes).
    @inline(__always) mutating func countProcessed(_ ref: MessageRef, on i: Int) {
        instances[i].metrics.processed += 1
        if messages[ref].processed {
            metrics.duplicateProcessing += 1
            queues[messages[ref].queue].metrics.duplicateProcessing += 1
        } else if resends.active {
            countResentProcessing(ref)
        }
        messages[ref].processed = true
    }
}
