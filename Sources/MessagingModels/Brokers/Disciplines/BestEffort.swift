import SimulationKernel

/// The random choices of a best-effort queue (`QueueDiscipline.bestEffort`, SQS standard
/// queues as modelled here, `QueueOrdering.bestEffort`) and what it injected.
///
/// It keeps its messages as the FIFO discipline does (the queue's `ready` ring, same
/// enqueue, requeue and next deliverable); only the delivery differs (`bestEffortDeliver`).
struct BestEffortQueue {
    let reorderProbability: Double
    let duplicateProbability: Double
    /// The queue's own `ordering` stream (`RandomPurpose`): its draws disturb no other.
    var stream: RandomStream
    /// Deliveries of the second ready message before the head.
    var reordered = 0
    /// Copies made visible again right after a first delivery.
    var duplicated = 0

    /// Whether this delivery takes the second message instead of the head.
    mutating func reorders() -> Bool { reorderProbability > 0 && stream.bernoulli(reorderProbability) }
    /// Whether this first delivery leaves a copy behind.
    mutating func duplicates() -> Bool { duplicateProbability > 0 && stream.bernoulli(duplicateProbability) }
}

extension Simulation {
    /// Delivers as the FIFO discipline does, except that when a second message is ready behind
    /// the head, it is delivered first with probability `reorderProbability`; and after a
    /// message's first delivery (never a redelivery or the copy itself), with probability
    /// `duplicateProbability` the message becomes visible again at the head: a copy that the
    /// next consumer with credit receives, unless the first delivery is acked before (the ack
    /// deletes it). The existing duplicate accounting (`duplicateDeliveries`,
    /// `duplicateProcessing`) counts what the copy causes.
    /// - Parameters:
    ///   - ref: the deliverable head, as `nextDeliverable` returned it.
    ///   - i: the instance that receives, just taken from the round-robin.
    ///   - d: the index of the queue's `BestEffortQueue`.
    mutating func bestEffortDeliver(_ ref: MessageRef, to i: Int, from q: Int, _ d: Int) {
        takeHead(of: q)
        var chosen = ref
        if let second = queues[q].ready.first, isDeliverable(second, from: q, receiverTaken: true),
           disciplines.bestEffort[d].reorders() {
            takeHead(of: q)
            messages[ref].inRing = true
            queues[q].ready.prepend(ref)
            chosen = second
            disciplines.bestEffort[d].reordered += 1
        }
        let firstDelivery = messages[chosen].receiveCount == 0
        changeDepth(of: q, by: -1)
        hand(chosen, to: i, from: q)
        if firstDelivery, messages[chosen].state == .inFlight, disciplines.bestEffort[d].duplicates() {
            messages[chosen].state = .ready
            changeDepth(of: q, by: 1)
            if !messages[chosen].inRing {
                messages[chosen].inRing = true
                queues[q].ready.prepend(chosen)
            }
            disciplines.bestEffort[d].duplicated += 1
            if trace != nil { traceStep("duplicate", chosen, queues[q].metrics.name) }
        }
    }
}
