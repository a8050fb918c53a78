import SimulationKernel

/// Best-effort queues (`QueueOrdering.bestEffort`, SQS standard queues as modelled here):
/// occasional reordering and duplicate copies, from the queue's own random stream.
extension Simulation {
    /// `dispatch` of a best-effort queue: as the FIFO one, except that when a second message is
    /// ready behind the head, it is delivered first with probability `reorderProbability`; and
    /// after a message's first delivery (never a redelivery or the copy itself), with probability
    /// `duplicateProbability` the message becomes visible again at the head: a copy that the
    /// next consumer with credit receives, unless the first delivery is acked before (the ack
    /// deletes it). The existing duplicate accounting (`duplicateDeliveries`,
    /// `duplicateProcessing`) counts what the copy causes.
    mutating func dispatchBestEffort(_ q: Int) {
        let b = Int(queues[q].orderingIndex)
        while let ref = deliverableHead(of: q) {
            guard let instance = nextConsumer(of: q) else { break }
            takeHead(of: q)
            var chosen = ref
            if let second = queues[q].ready.first, isDeliverable(second, from: q, receiverTaken: true), ordering.bestEffort[b].reorders() {
                takeHead(of: q)
                messages[ref].inRing = true
                queues[q].ready.prepend(ref)
                chosen = second
                ordering.bestEffort[b].reordered += 1
            }
            let firstDelivery = messages[chosen].receiveCount == 0
            changeDepth(of: q, by: -1)
            hand(chosen, to: instance, from: q)
            if firstDelivery, messages[chosen].state == .inFlight, ordering.bestEffort[b].duplicates() {
                messages[chosen].state = .ready
                changeDepth(of: q, by: 1)
                if !messages[chosen].inRing {
                    messages[chosen].inRing = true
                    queues[q].ready.prepend(chosen)
                }
                ordering.bestEffort[b].duplicated += 1
                if trace != nil { traceStep("duplicate", chosen, queues[q].metrics.name) }
            }
        }
    }
}
