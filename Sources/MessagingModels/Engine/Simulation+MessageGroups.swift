import SimulationKernel

/// Queues with message groups (`QueueOrdering.fifo(messageGroups: true)`, `MessageGroups`):
/// waiting messages sit in their group's FIFO instead of `QueueState.ready`; a delivery locks
/// its group until the message leaves flight — settled (acked, dead-lettered, dropped,
/// expired, lost) or visible again (requeue, visibility timeout). A message waiting for a
/// retry backoff keeps its group locked, as SQS keeps it invisible; it returns to the head of
/// its group, so the group's order holds through retries.
extension Simulation {
    /// The group of `ref`: its key id, or the last group for messages without a key.
    mutating func group(of ref: MessageRef, in gi: Int) -> Int {
        let key = keyStamp(of: ref).key
        return key >= 0 ? Int(key) : ordering.groups[gi].lockedBy.count - 1
    }

    /// `ref` starts waiting in group queue `q` (at the tail of its group; at the head when it
    /// comes back from flight).
    mutating func waitInGroup(_ ref: MessageRef, in q: Int, atHead: Bool) {
        let gi = Int(queues[q].orderingIndex)
        let g = group(of: ref, in: gi)
        if ordering.groups[gi].lockedBy[g] == ref.slot { ordering.groups[gi].unlock(g) }
        messages[ref].inRing = true
        ordering.groups[gi].push(ref, group: g, atHead: atHead)
    }

    /// `ref`, of group queue `q`, is settled: if it held its group, the group is unlocked (the
    /// caller dispatches).
    mutating func leaveGroup(_ ref: MessageRef, in q: Int) {
        let gi = Int(queues[q].orderingIndex)
        let g = group(of: ref, in: gi)
        if ordering.groups[gi].lockedBy[g] == ref.slot { ordering.groups[gi].unlock(g) }
    }

    /// Delivers the head message of the oldest available group while consumers have credit,
    /// locking each group served; expired and over-limit heads are removed on the way.
    mutating func dispatchGroups(_ q: Int) {
        let gi = Int(queues[q].orderingIndex)
        while let g32 = ordering.groups[gi].available.first {
            let g = Int(g32)
            guard ordering.groups[gi].lockedBy[g] < 0, let ref = ordering.groups[gi].waiting[g]?.first else {
                _ = ordering.groups[gi].available.popFirst()
                ordering.groups[gi].listed[g] = false
                continue
            }
            if !isDeliverable(ref, from: q) {
                popGroupHead(g, gi)
                discardUndeliverable(ref, from: q)
                continue
            }
            guard let instance = nextConsumer(of: q) else { break }
            _ = ordering.groups[gi].available.popFirst()
            ordering.groups[gi].listed[g] = false
            popGroupHead(g, gi)
            ordering.groups[gi].lock(g, by: ref.slot)
            changeDepth(of: q, by: -1)
            hand(ref, to: instance, from: q)
        }
    }

    /// Removes the head of group `g` of groups `gi`.
    mutating func popGroupHead(_ g: Int, _ gi: Int) {
        if let ref = ordering.groups[gi].waiting[g]?.popFirst() { messages[ref].inRing = false }
    }
}
