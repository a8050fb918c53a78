import SimulationKernel

/// Run-time state of rate limits and queue length limits (`RateLimit`, `QueueCapacity`).
/// Plain runs leave it empty: no instance has a bucket and no queue a capacity, so the hot
/// path pays one integer or optional test where a limit could apply.
struct FlowControlState {
    /// Every token bucket of the run: one per rate-limited consumer or producer, or one per
    /// instance with `perInstance`.
    var buckets: [TokenBucket] = []
    /// Buckets of each consumer and producer (indexed like `SystemModel.consumers` /
    /// `.producers`; empty when it has no rate limit).
    var consumerBuckets: [[Int]] = []
    var producerBuckets: [[Int]] = []
    /// Per producer: publishes refused by a full `rejectPublish` queue, and how many of them
    /// were retried.
    var producerRefusals: [Int] = []
    var producerRetries: [Int] = []
    /// Per queue: publishes refused, head messages pushed out and new messages dropped
    /// because the queue was full.
    var queueRefusals: [Int] = []
    var queueHeadDrops: [Int] = []
    var queueNewDrops: [Int] = []
}

/// What the flow controls did in a run, for the report.
public struct FlowControlMetrics: Sendable {
    /// One rate limit's figures (summed over its buckets when `perInstance`).
    public struct Limiter: Sendable {
        public var limit: RateLimit
        /// Calls that had to wait for a token, and their total wait [s].
        public var throttled = 0
        public var throttledSeconds = 0.0
        /// Tokens handed out, and tokens lost because the bucket was full (capacity the limit
        /// allowed but nobody used), up to the end of the run.
        public var tokensGranted = 0
        public var tokensWasted = 0.0
        /// Calls a full leaky bucket refused.
        public var refused = 0
    }

    /// A producer's side of flow control.
    public struct Producer: Sendable {
        public var name: String
        public var rateLimit: Limiter?
        /// Publishes refused by a full queue (`rejectPublish`), each refusal counted.
        public var rejected = 0
        /// Refused publishes the producer retried (`publishRetry`); the others were dropped.
        public var retried = 0
    }

    /// A length-limited queue's figures.
    public struct Queue: Sendable {
        public var capacity: QueueCapacity
        /// Publishes refused (`rejectPublish`; retries counted again), messages pushed out of
        /// the head (`dropHead`) and arriving messages discarded (`dropNew`, and `rejectPublish`
        /// for routed or dead-lettered copies).
        public var rejected = 0
        public var headDropped = 0
        public var newDropped = 0
    }

    /// By consumer index; nil for consumers without a rate limit.
    public var consumers: [Limiter?] = []
    /// By producer index (present for every producer when the run has any flow control).
    public var producers: [Producer] = []
    /// By queue index; nil for unbounded queues.
    public var queues: [Queue?] = []

    public init() {}
}

extension Simulation {
    /// Whether the model uses rate limits or queue capacities.
    var hasFlowControl: Bool {
        model.consumers.contains { $0.rateLimit != nil } || model.producers.contains { $0.rateLimit != nil }
            || model.queues.contains { $0.capacity != nil }
    }

    /// Creates the token buckets and gives each limited instance its bucket (called at the end
    /// of `init`).
    mutating func setUpFlowControl() {
        flow.consumerBuckets = model.consumers.map { _ in [] }
        flow.producerBuckets = model.producers.map { _ in [] }
        flow.producerRefusals = model.producers.map { _ in 0 }
        flow.producerRetries = model.producers.map { _ in 0 }
        flow.queueRefusals = model.queues.map { _ in 0 }
        flow.queueHeadDrops = model.queues.map { _ in 0 }
        flow.queueNewDrops = model.queues.map { _ in 0 }
        for i in instances.indices {
            let c = instances[i].consumer
            guard let limit = model.consumers[c].rateLimit else { continue }
            instances[i].bucket = Self.bucket(for: limit, in: &flow.buckets, sharedIn: &flow.consumerBuckets[c])
            instances[i].controlled = true
        }
        for i in producers.indices {
            let p = producers[i].producer
            guard let limit = model.producers[p].rateLimit else { continue }
            producers[i].bucket = Self.bucket(for: limit, in: &flow.buckets, sharedIn: &flow.producerBuckets[p])
            producers[i].shapes = limit.algorithm == .leakyBucket
            producers[i].keepsSchedule = !producers[i].shapes
        }
    }

    /// The token bucket of one instance of an entity: its own with `perInstance`, otherwise
    /// the one its entity's instances share (created for the first). `owned` lists the
    /// entity's buckets.
    private static func bucket(for limit: RateLimit, in buckets: inout [TokenBucket], sharedIn owned: inout [Int]) -> Int {
        if limit.perInstance || owned.isEmpty {
            buckets.append(TokenBucket(limit))
            owned.append(buckets.count - 1)
        }
        return owned[owned.count - 1]
    }

    // MARK: Rate limits

    /// Consumer instance `i` is about to start an attempt on `ref`: returns true if it may
    /// start now; otherwise it holds the message until its token comes (`tokenGranted`).
    /// A full leaky bucket refuses the call: the attempt fails at once.
    /// `b` is the instance's bucket in `flow.buckets`.
    mutating func takeToken(for ref: MessageRef, on i: Int, from b: Int) -> Bool {
        guard let grant = flow.buckets[b].reserveUnlessFull(at: now) else {
            if trace != nil { traceStep("refused", ref, instances[i].name) }
            beginAttempt(ref, on: i, refused: true)
            return false
        }
        guard grant > now else { return true }
        instances[i].current = ref
        instances[i].hold = .token
        if trace != nil { traceStep("throttle", ref, instances[i].name) }
        events.schedule(.tokenGranted(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: grant)
        return false
    }

    /// Instance `i`'s token has come: the attempt it was holding starts.
    mutating func tokenGranted(to i: Int) {
        guard instances[i].hold == .token, let ref = instances[i].current else { return }
        instances[i].hold = .none
        // A gate that closed meanwhile holds the message on (its token is spent).
        if instances[i].gate & Gate.attempts != 0 { return holdAtGate(ref, on: i) }
        beginAttempt(ref, on: i)
    }

    /// Producer instance `i`'s publish is due: returns true if it may publish now; otherwise
    /// the publish is put off until its token comes (the client blocks, as a rate-limited
    /// client library does, and falls behind its schedule: Simulation+Omission.swift), or the
    /// producer stops if that is past its stop time.
    /// `b` is the instance's bucket in `flow.buckets`.
    mutating func takePublishToken(_ i: Int, from b: Int) -> Bool {
        if producers[i].holdsToken {
            producers[i].holdsToken = false
            return true
        }
        // A token that would come after the producer stops is not taken (nor counted as used
        // or throttled): the publish never happens.
        guard flow.buckets[b].nextGrant(at: now) <= producers[i].stop else {
            if omission.active { countUnsent(of: i) }
            events.schedule(.producerStop(ProducerInstanceID(i)), at: producers[i].stop)
            return false
        }
        let grant = flow.buckets[b].reserve(at: now)
        guard grant > now else { return true }
        producers[i].holdsToken = true
        events.schedule(.publish(ProducerInstanceID(i)), at: grant)
        return false
    }

    /// Producer instance `i`'s message `ref`, published now, goes through its leaky bucket
    /// on the way to its queue: offered now, when its turn comes, or dropped (reason
    /// `rateLimited`) when the bucket's queue is full.
    /// `b` is the instance's bucket in `flow.buckets`.
    mutating func shape(_ ref: MessageRef, from i: Int, through b: Int) {
        guard let grant = flow.buckets[b].reserveUnlessFull(at: now) else {
            settle(ref, as: .dropped(.rateLimited))
            return
        }
        if grant > now {
            if trace != nil { traceStep("shape", ref, producers[i].name) }
            events.schedule(.shapedPublishDue(messages.handle(ref), producer: ProducerInstanceID(i)), at: grant)
        } else {
            offer(ref, to: messages[ref].queue.index, from: i)
        }
    }

    // MARK: Queue capacity

    /// Whether a producer's publish to queue `q` is refused now (`rejectPublish`, queue full).
    mutating func refusesPublish(_ q: Int) -> Bool {
        guard let capacity = queues[q].capacity, capacity.overflow == .rejectPublish else { return false }
        return Int(queues[q].metrics.depth.value) >= capacity.maxLength
    }

    /// A full `rejectPublish` queue refused producer instance `i`'s publish of `ref` (nack
    /// under publisher confirms): retried after the producer's `publishRetry` interval, or
    /// dropped with reason `overflow`.
    mutating func publishRefused(_ ref: MessageRef, producer i: Int) {
        let q = messages[ref].queue.index
        let p = producers[i].producer
        flow.queueRefusals[q] += 1
        flow.producerRefusals[p] += 1
        if trace != nil { traceStep("rejected", ref, queues[q].metrics.name) }
        if let retry = producers[i].publishRetry {
            flow.producerRetries[p] += 1
            events.schedule(.publishRetryDue(messages.handle(ref), producer: ProducerInstanceID(i)), at: now + retry.interval)
        } else {
            flow.queueNewDrops[q] += 1
            settle(ref, as: .dropped(.overflow))
        }
    }

    /// `ref` is about to wait in full queue `q` (called by `enqueue`, its state already
    /// `ready`): makes room by pushing out the head (`dropHead`) and returns true, or discards
    /// `ref` itself (`dropNew`, and `rejectPublish` for a message no publisher can retry) and
    /// returns false.
    mutating func makeRoom(for ref: MessageRef, in q: Int) -> Bool {
        guard let capacity = queues[q].capacity else { return true }
        guard capacity.overflow == .dropHead else {
            flow.queueNewDrops[q] += 1
            messages[ref].state = .publishing   // not counted in the depth yet
            settle(ref, as: .dropped(.overflow))
            return false
        }
        // The oldest waiting message, as the queue's discipline sees it (of a priority queue:
        // the oldest of the lowest level).
        if let head = disciplineRemoveOldest(from: q) {
            flow.queueHeadDrops[q] += 1
            settle(head, as: deadLetters(q) ? .deadLettered(.maxlen) : .dropped(.maxlen))
        }
        return true
    }

    // MARK: Report

    /// Closes the buckets at the end of the run and returns the flow-control figures, or nil
    /// when the model has none.
    mutating func closeFlowControl() -> FlowControlMetrics? {
        guard hasFlowControl else { return nil }
        for b in flow.buckets.indices { flow.buckets[b].close(at: now) }
        func limiter(_ limit: RateLimit?, _ indices: [Int]) -> FlowControlMetrics.Limiter? {
            guard let limit else { return nil }
            var figures = FlowControlMetrics.Limiter(limit: limit)
            for b in indices {
                figures.throttled += flow.buckets[b].throttled
                figures.throttledSeconds += flow.buckets[b].throttledSeconds
                figures.tokensGranted += flow.buckets[b].tokensGranted
                figures.tokensWasted += flow.buckets[b].tokensWasted
                figures.refused += flow.buckets[b].refused
            }
            return figures
        }
        var figures = FlowControlMetrics()
        figures.consumers = model.consumers.indices.map { limiter(model.consumers[$0].rateLimit, flow.consumerBuckets[$0]) }
        figures.producers = model.producers.indices.map {
            FlowControlMetrics.Producer(
                name: model.producers[$0].name, rateLimit: limiter(model.producers[$0].rateLimit, flow.producerBuckets[$0]),
                rejected: flow.producerRefusals[$0], retried: flow.producerRetries[$0])
        }
        figures.queues = model.queues.indices.map { q in
            model.queues[q].capacity.map {
                FlowControlMetrics.Queue(capacity: $0, rejected: flow.queueRefusals[q], headDropped: flow.queueHeadDrops[q],
                                         newDropped: flow.queueNewDrops[q])
            }
        }
        return figures
    }
}
