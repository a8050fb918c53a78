import SimulationKernel

/// The way into a queue, once a message is sent to it: through the broker's ingress and
/// publish latency (`BrokerProfile`), then held back for a delay, then visible.
///
/// Delays: a message that enters a queue with a `delay`, or that a producer with a
/// `messageDelay` published (which then replaces the queue's delay), stays invisible (state
/// `delayed`, not counted in the depth, not deliverable) for that long, then enters the queue
/// as if it had just arrived — a queue TTL starts then, a capacity is checked then, and it
/// takes its place at the tail (or its priority level, or its message group). A producer's
/// message TTL still counts from the publish. Its time in the queue, and so its queue wait and
/// end-to-end latency, includes the delay. Dead-lettered messages take the dead-letter queue's
/// delay, never their producer's; a consumer's follow-up publishes take only their queue's;
/// an initial backlog is already in its queue and is neither delayed nor sent through the
/// ingress. Messages on their way in (held back) survive a broker crash (as messages waiting
/// for a retry backoff do) and count as `remaining` in the ledger while they wait.
/// - Note: Source: AWS SQS Developer Guide, "Amazon SQS delay queues" (messages sent to a
///   delay queue stay invisible for `DelaySeconds`, 0 … 900 s; messages already in the queue
///   are not affected;
///   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html)
///   and "Amazon SQS message timers" (a per-message delay overrides the queue's;
///   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html).
struct BrokerEntryState {
    /// Some queue has a delay or a profile, or some producer delays its messages; false keeps
    /// `enqueue` to one flag test.
    var active = false
    /// Per producer (index in `SystemModel.producers`), its messages' delay; nil = the queue's.
    var producerDelays: [SimDuration?] = []
    /// Per queue with a publish latency, the stream it is drawn from (others: unused).
    var latencyStreams: [RandomStream] = []
    /// Per consumer instance, when a broker has deliver or ack latencies: their streams
    /// (Simulation+ConsumerHops.swift).
    var deliverStreams: [RandomStream] = []
    var ackStreams: [RandomStream] = []
    /// The producer's send batch being offered, while it is, and the batches waiting to become
    /// visible together (Simulation+ProducerBatching.swift).
    var batchCall: BatchCall?
    var batchEntries = SlotPool<[MessageHandle]>()
    /// Set while a batch enters its queue: `enqueueNow` puts messages in the queue without
    /// handing them out; the caller dispatches once they are all in.
    var holdingDispatch = false
}

extension Simulation {
    /// Turns the entry path on when a queue has a delay or a profile or a producer a delay.
    mutating func setUpBrokerEntry() {
        entry.producerDelays = model.producers.map(\.messageDelay)
        entry.active = queues.contains { $0.delay > .zero || $0.hasIngress }
            || entry.producerDelays.contains { ($0 ?? .zero) > .zero }
        if model.queues.contains(where: { $0.profile?.publishLatency != nil }) {
            entry.latencyStreams = model.queues.map { RandomStream(seed: model.seed, .queue, $0.name, .publishLatency) }
        }
    }

    /// `ref` is sent into queue `q` now: it becomes visible after the ingress, the publish
    /// latency and the delay (each when there is one), or now.
    mutating func enter(_ ref: MessageRef, into q: Int) {
        var visibleAt = now
        if queues[q].hasIngress { visibleAt = storedTime(of: ref, in: q) }
        if let delay = entryDelay(of: ref, in: q) {
            queues[q].metrics.delayed += 1
            if trace != nil { traceStep("delay", ref, queues[q].metrics.name) }
            visibleAt = visibleAt + delay
        }
        guard visibleAt > now else { return enqueueNow(ref, into: q) }
        messages[ref].state = .delayed
        if entry.batchCall != nil, holdForBatchEntry(ref, visibleAt: visibleAt) { return }
        events.schedule(.entryDue(messages.handle(ref)), at: visibleAt)
    }

    /// When the broker of queue `q` will have stored `ref`, sent now: after the ingress has
    /// stored everything sent before it, each message taking
    /// `IngressCapacity.serviceTime(sizeBytes:)` (its producer's `message.sizeBytes`), and then
    /// the publish latency (client publishes only). A message the ingress holds (the first of
    /// a send batch) gets the trace step `ingress` at the send, as a stream record does.
    mutating func storedTime(of ref: MessageRef, in q: Int) -> SimTime {
        let record = messages[ref]
        let clientPublish = record.state == .publishing && !record.wasDeadLettered
        // A send batch is stored as one: its later messages take the first one's time.
        if let call = entry.batchCall, let storedAt = call.storedAt {
            queues[q].metrics.ingress.observe(sentAt: now, startedAt: now, storedAt: storedAt, recordsLatency: clientPublish)
            queues[q].metrics.ingress.noteUnstored()
            return storedAt
        }
        var stored = now
        var started = now
        if let capacity = queues[q].profile?.capacity {
            // A send batch takes one slot of the message rate per message, or one in all when
            // the ingress counts calls; its bytes are all of its messages'.
            let serviceTime = capacity.serviceTime(sizeBytes: messageSizeBytes(producer: record.producer.index),
                                                   messages: entry.batchCall?.size ?? 1,
                                                   slots: queues[q].profile?.ingressUnit == .calls ? 1 : nil)
            (started, stored) = queues[q].metrics.ingress.serve(at: now, freeAt: &queues[q].ingressFreeAt, serviceTime: serviceTime)
            // Held by the ingress (its wait and service), as a stream partition's record is
            // (Simulation+StreamCapacity.swift): the trace says so at the send.
            if trace != nil, stored > now { traceStep("ingress", ref, queues[q].metrics.name) }
        }
        if clientPublish, let latency = queues[q].profile?.publishLatency {
            stored = stored + latency.sample(&entry.latencyStreams[q])
            if queues[q].profile?.publishInOrder == true {
                stored = max(stored, queues[q].lastStoredAt)
                queues[q].lastStoredAt = stored
            }
        }
        // Its wait and latency count once it is stored (IngressMetrics.observe).
        queues[q].metrics.ingress.observe(sentAt: now, startedAt: started, storedAt: stored, recordsLatency: clientPublish)
        queues[q].metrics.ingress.noteUnstored()
        if entry.batchCall != nil { entry.batchCall?.storedAt = stored }
        return stored
    }

    /// Body size of the messages of producer `p` (index in `SystemModel.producers`) [bytes];
    /// nil when unknown or `p` is not a producer.
    func messageSizeBytes(producer p: Int) -> Int? {
        model.producers.indices.contains(p) ? model.producers[p].messageSizeBytes : nil
    }

    /// How long `ref`, entering queue `q` now, is held back; nil = not at all.
    mutating func entryDelay(of ref: MessageRef, in q: Int) -> SimDuration? {
        let record = messages[ref]
        var delay = queues[q].delay
        // The producer's own publish (not a dead-lettered message, not a follow-up).
        if let own = entry.producerDelays[record.producer.index], record.state == .publishing, !record.wasDeadLettered,
           messages.tag(of: ref).correlationID == record.id {
            delay = own
        }
        return delay > .zero ? delay : nil
    }

    /// The message behind `handle` is now stored and past its delay: it enters its queue now
    /// (unless it is no longer on its way in).
    mutating func entryEnded(_ handle: MessageHandle) {
        guard let ref = messages.resolve(handle), messages[ref].state == .delayed else { return }
        // Entering, as at a publish (so a producer's message TTL applies).
        messages[ref].state = .publishing
        enqueueNow(ref, into: messages[ref].queue.index)
    }
}
