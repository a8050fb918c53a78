import SimulationKernel

/// The steps a TTL and a capacity add to `enqueueNow` (`QueueState.hasPolicies`), for queues
/// of every discipline: they touch the discipline only through its hooks (`makeRoom` asks
/// `disciplineRemoveOldest` for the head to drop; expired entries are discarded by
/// `nextDeliverable`), so a policy never needs a branch per discipline. A queue without
/// policies pays a flag test per step.
extension Simulation {
    /// Marks the queues with a policy (called at the end of `init`, after `setUpExpiry`).
    mutating func setUpQueuePolicies() {
        for q in queues.indices {
            queues[q].hasPolicies = queues[q].capacity != nil || queues[q].checksExpiry
        }
    }

    /// `ref` arrives in queue `q` (before it becomes `ready`): with a TTL, its deadline is set,
    /// and a message already past it expires on arrival, even with a consumer free (a
    /// producer's TTL that ran out during a delay, a publish retry or a leaky bucket). A
    /// deadline of exactly now (TTL 0) still lets a free consumer take it. Returns whether
    /// `ref` goes on into the queue.
    mutating func arrivalPassesPolicies(_ ref: MessageRef, in q: Int) -> Bool {
        guard queues[q].checksExpiry else { return true }
        setDeadline(of: ref, in: q)
        if expiry.deadlines[Int(ref.slot)] < now {
            expire(ref)
            return false
        }
        return true
    }

    /// `ref`, now `ready`, is about to wait in queue `q` (no consumer took it): its expiry is
    /// scheduled (or it expires now), and a full queue makes room or discards it. Returns
    /// whether it waits.
    mutating func waitPassesPolicies(_ ref: MessageRef, in q: Int) -> Bool {
        if queues[q].checksExpiry, !scheduleExpiry(of: ref, in: q) { return false }
        if let capacity = queues[q].capacity, Int(queues[q].metrics.depth.value) >= capacity.maxLength,
           !makeRoom(for: ref, in: q) {
            return false
        }
        return true
    }
}
