import SimulationKernel

/// `enqueue`, `requeue` and `dispatch` for queues with a capacity, a TTL or priority levels
/// (`QueueState.hasPolicies`). They do what the plain versions in PointToPointQueue.swift do,
/// plus the length limit (`makeRoom`), expiry (`setDeadline`, `scheduleExpiry`,
/// `expireOnRequeue`, expired heads) and priority levels (`insertByPriority`,
/// `dispatchHigherLevels`). Kept apart so that a plain queue pays one flag test per call.
extension Simulation {
    /// Marks the queues that need the versions below (called at the end of `init`).
    mutating func setUpQueuePolicies() {
        for q in queues.indices {
            queues[q].hasPolicies = queues[q].capacity != nil || queues[q].checksExpiry || !queues[q].levels.isEmpty
                || queues[q].orderedDispatch
        }
    }

    /// `enqueue` with a capacity, a TTL or priorities.
    mutating func enqueueWithPolicies(_ ref: MessageRef, into q: Int) {
        if queues[q].checksExpiry {
            setDeadline(of: ref, in: q)
            // Already past its deadline (a producer's TTL that ran out during a delay, a
            // publish retry or a leaky bucket): it expires on arrival, even with a consumer free.
            // A deadline of exactly now (TTL 0) still lets a free consumer take it.
            if expiry.deadlines[Int(ref.slot)] < now {
                expire(ref)
                return
            }
        }
        messages[ref].state = .ready
        // Best-effort and group queues always go through their `dispatch`.
        if queues[q].ready.isEmpty, queues[q].levelsWaiting == 0, !queues[q].orderedDispatch, let instance = nextConsumer(of: q) {
            // Nothing waits ahead of it and a consumer has credit: straight through, the
            // depth does not change.
            hand(ref, to: instance, from: q)
            return
        }
        if queues[q].checksExpiry, !scheduleExpiry(of: ref, in: q) { return }
        if let capacity = queues[q].capacity, Int(queues[q].metrics.depth.value) >= capacity.maxLength,
           !makeRoom(for: ref, in: q) {
            return
        }
        if queues[q].hasGroups {
            waitInGroup(ref, in: q, atHead: false)
        } else {
            messages[ref].inRing = true
            if queues[q].levels.isEmpty { queues[q].ready.append(ref) } else { insertByPriority(ref, into: q, atHead: false) }
        }
        changeDepth(of: q, by: 1)
        dispatch(q)
    }

    /// `requeue` with a TTL or priorities: back to its level's ring (at the head after a nack,
    /// at the tail after a retry backoff); a message past its deadline expires at once.
    mutating func requeueWithPolicies(_ ref: MessageRef, atHead: Bool) {
        let q = Int(messages[ref].queue)
        guard messages[ref].state != .settled, messages[ref].state != .ready else { return }
        messages[ref].state = .ready
        changeDepth(of: q, by: 1)
        if queues[q].hasGroups {
            // Back to the head of its group, which it unlocks.
            waitInGroup(ref, in: q, atHead: true)
        } else if !messages[ref].inRing {
            messages[ref].inRing = true
            if !queues[q].levels.isEmpty {
                insertByPriority(ref, into: q, atHead: atHead)
            } else if atHead {
                queues[q].ready.prepend(ref)
            } else {
                queues[q].ready.append(ref)
            }
        }
        if trace != nil { traceStep(atHead ? "requeue" : "retry", ref, queues[q].metrics.name) }
        if queues[q].checksExpiry, expireOnRequeue(ref, in: q, atHead: atHead) { return }
        dispatch(q)
    }
}
