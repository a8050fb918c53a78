import SimulationKernel

/// Deadlines of messages in queues that check expiry (`MessageExpiry`).
struct ExpiryState {
    /// Deadline of the message in each arena slot, set when it enters a queue that checks
    /// expiry (`distantFuture`: none); grown on demand.
    var deadlines: ContiguousArray<SimTime> = []
    /// Message TTL of each producer (indexed like `SystemModel.producers`).
    var producerTTLs: [SimDuration?] = []
}

extension Simulation {
    /// Marks the queues where messages may expire (called at the end of `init`).
    mutating func setUpExpiry() {
        expiry.producerTTLs = model.producers.map(\.messageTTL)
        let messagesExpire = expiry.producerTTLs.contains { $0 != nil }
        for q in queues.indices where messagesExpire || queues[q].messageTTL != nil {
            queues[q].checksExpiry = true
        }
    }

    /// Records `ref`'s deadline as it enters queue `q` (called by `enqueue` before the message
    /// becomes `ready`): the earlier of the queue's TTL from now and its producer's message TTL
    /// from its publish. The message TTL applies to a producer's own message being published
    /// (state `publishing`): a dead-lettered message (`wasDeadLettered`, whether it came
    /// through a dead-letter queue or exchange) has lost its expiration, and a consumer's
    /// follow-up (another correlation id) has none.
    mutating func setDeadline(of ref: MessageRef, in q: Int) {
        let slot = Int(ref.slot)
        if expiry.deadlines.count <= slot {
            expiry.deadlines.append(contentsOf: repeatElement(SimTime.distantFuture, count: slot + 1 - expiry.deadlines.count))
        }
        var deadline = SimTime.distantFuture
        if let ttl = queues[q].messageTTL { deadline = now + ttl }
        let record = messages[ref]
        if let ttl = expiry.producerTTLs[record.producer.index], record.state == .publishing, !record.wasDeadLettered,
           messages.tag(of: ref).correlationID == record.id {
            deadline = min(deadline, record.publishedAt + ttl)
        }
        expiry.deadlines[slot] = deadline
    }

    /// `ref` is about to wait in queue `q`: expires it at once if its deadline has passed
    /// (returns false), otherwise schedules its expiry and returns true.
    mutating func scheduleExpiry(of ref: MessageRef, in q: Int) -> Bool {
        let deadline = expiry.deadlines[Int(ref.slot)]
        if deadline <= now {
            messages[ref].state = .publishing   // not counted in the depth yet
            expire(ref)
            return false
        }
        if deadline != .distantFuture {
            events.schedule(.expiryDue(messages.handle(ref), queue: QueueID(q)), at: deadline)
        }
        return true
    }

    /// A requeued message whose deadline has passed expires at once where it is visible (at
    /// the head, or anywhere when the queue expires anywhere); returns whether it did.
    mutating func expireOnRequeue(_ ref: MessageRef, in q: Int, atHead: Bool) -> Bool {
        guard expiry.deadlines[Int(ref.slot)] <= now, atHead || !queues[q].expiresAtHeadOnly else { return false }
        expire(ref)
        return true
    }

    /// `ref`'s deadline in queue `q` has come: it expires if it is still waiting there (for a
    /// head-only queue, if it is at the head: `dispatch` removes expired messages from the head).
    mutating func expiryDue(_ ref: MessageRef, in q: QueueID) {
        let record = messages[ref]
        guard record.state == .ready, record.queue == q, expiry.deadlines[Int(ref.slot)] <= now else { return }
        if queues[q].expiresAtHeadOnly {
            dispatch(q.index)
        } else {
            expire(ref)
        }
    }

    /// Settles an expired message: dead-lettered with reason `expired`, or discarded and
    /// counted `expired`.
    mutating func expire(_ ref: MessageRef) {
        let q = messages[ref].queue.index
        settle(ref, as: deadLetters(q) ? .deadLettered(.expired) : .expired)
    }
}
