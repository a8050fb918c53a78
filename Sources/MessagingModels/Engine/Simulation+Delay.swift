import SimulationKernel

/// Delays: a message that enters a queue with a `delay`, or that a producer with a
/// `messageDelay` published (which then replaces the queue's delay), stays invisible (state
/// `delayed`, not counted in the depth, not deliverable) for that long, then enters the queue
/// as if it had just arrived — a queue TTL starts then, a capacity is checked then, and it
/// takes its place at the tail (or its priority level, or its message group). A producer's
/// message TTL still counts from the publish. Its time in the queue, and so its queue wait and
/// end-to-end latency, includes the delay. Dead-lettered messages take the dead-letter queue's
/// delay, never their producer's; a consumer's follow-up publishes take only their queue's;
/// an initial backlog is already in its queue and is not delayed. Held-back messages survive a
/// broker crash (as messages waiting for a retry backoff do) and count as `remaining` in the
/// ledger while they wait.
/// - Note: Source: AWS SQS Developer Guide, "Amazon SQS delay queues" (messages sent to a
///   delay queue stay invisible for `DelaySeconds`, 0 … 900 s; messages already in the queue
///   are not affected;
///   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html)
///   and "Amazon SQS message timers" (a per-message delay overrides the queue's;
///   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html).
struct DelayState {
    /// Some queue or producer delays messages; false keeps `enqueue` to one flag test.
    var active = false
    /// Per producer (index in `SystemModel.producers`), its messages' delay; nil = the queue's.
    var producerDelays: [SimDuration?] = []
}

extension Simulation {
    /// Turns delays on when a queue or a producer has one.
    mutating func setUpDelays() {
        delays.producerDelays = model.producers.map(\.messageDelay)
        delays.active = queues.contains { $0.delay > .zero } || delays.producerDelays.contains { ($0 ?? .zero) > .zero }
    }

    /// How long `ref`, entering queue `q` now, is held back; nil = not at all.
    mutating func entryDelay(of ref: MessageRef, in q: Int) -> SimDuration? {
        let record = messages[ref]
        var delay = queues[q].delay
        // The producer's own publish (not a dead-lettered message, not a follow-up).
        if let own = delays.producerDelays[Int(record.producer)], record.state == .publishing, !record.wasDeadLettered,
           messages.tag(of: ref).correlationID == record.id {
            delay = own
        }
        return delay > .zero ? delay : nil
    }

    /// Holds `ref`, which has just entered queue `q`, for `delay`.
    mutating func holdBack(_ ref: MessageRef, in q: Int, for delay: SimDuration) {
        messages[ref].state = .delayed
        queues[q].metrics.delayed += 1
        if trace != nil { traceStep("delay", ref, queues[q].metrics.name) }
        events.schedule(.delayDue(messages.handle(ref)), at: now + delay)
    }

    /// The delay of the message behind `handle` is over: it enters its queue now (unless it is
    /// no longer held back).
    mutating func delayEnded(_ handle: MessageHandle) {
        guard let ref = messages.resolve(handle), messages[ref].state == .delayed else { return }
        // Entering, as at a publish (so a producer's message TTL applies).
        messages[ref].state = .publishing
        enqueueNow(ref, into: Int(messages[ref].queue))
    }
}
