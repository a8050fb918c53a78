import SimulationKernel

/// The FIFO discipline's hooks (`QueueDiscipline.fifo`): waiting messages sit in the queue's
/// `ready` ring, head first; a new message joins at the tail; a requeued one goes back at the
/// head (a nack returns it to its place) or at the tail (after a retry backoff). Priority
/// level 0 and best-effort queues keep their messages in the same ring and reuse these hooks.
///
/// The ring is the queue core's: the ideal path (Simulation+IdealPath.swift) reads it directly.
/// - Note: Source: RabbitMQ documentation, "Queues" (https://www.rabbitmq.com/docs/queues:
///   queues are ordered collections, FIFO) and "Consumer Acknowledgements and Publisher
///   Confirms" (https://www.rabbitmq.com/docs/confirms: a requeued message goes back to its
///   original position when possible).
extension Simulation {
    /// Appends a new message to queue `q`'s ring.
    @inline(__always) mutating func fifoEnqueue(_ ref: MessageRef, into q: Int) {
        queues[q].ready.append(ref)
    }

    /// Puts `ref` back in queue `q`'s ring (at the head or the tail), unless its entry is
    /// still there (a message that never left the ring keeps its place).
    @inline(__always) mutating func fifoRequeue(_ ref: MessageRef, in q: Int, atHead: Bool) {
        guard !messages[ref].inRing else { return }
        messages[ref].inRing = true
        if atHead { queues[q].ready.prepend(ref) } else { queues[q].ready.append(ref) }
    }

    /// The message at the head of queue `q`'s ready ring, once what cannot be delivered is
    /// out of the way: stale entries are dropped, expired messages expire and messages over
    /// the receive limit are dead-lettered. nil when nothing deliverable waits.
    @inline(__always) mutating func deliverableHead(of q: Int) -> MessageRef? {
        while let ref = queues[q].ready.first {
            if isDeliverable(ref, from: q) { return ref }
            takeHead(of: q)
            discardUndeliverable(ref, from: q)
        }
        return nil
    }

    /// Takes `ref`, the deliverable head of queue `q`, and hands it to instance `i`.
    @inline(__always) mutating func fifoDeliver(_ ref: MessageRef, to i: Int, from q: Int) {
        takeHead(of: q)
        changeDepth(of: q, by: -1)
        hand(ref, to: i, from: q)
    }

    /// Removes the message at the head of queue `q`'s ready ring.
    @inline(__always) mutating func takeHead(of q: Int) {
        if let ref = queues[q].ready.popFirst() { messages[ref].inRing = false }
    }

    /// Takes the oldest message still waiting in queue `q`'s ring off it (stale entries on
    /// the way are released); nil when none.
    mutating func fifoRemoveOldest(from q: Int) -> MessageRef? {
        while let head = queues[q].ready.popFirst() {
            messages[head].inRing = false
            let record = messages[head]
            if record.state == .ready && record.queue == QueueID(q) { return head }
            releaseIfUnreferenced(head)
        }
        return nil
    }
}
