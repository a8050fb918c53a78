import SimulationKernel

/// The waiting messages of a priority queue above level 0 (`QueueDiscipline.priority`,
/// RabbitMQ's `x-max-priority`): one FIFO ring per level 1 … maxPriority. Level 0 — messages
/// without a priority, consumers' follow-ups — waits in the queue's `ready` ring; a priority
/// above the maximum counts as the maximum.
///
/// Deliveries take the head of the highest non-empty level, FIFO within a level; a requeued
/// message goes back to the head (or, after a retry backoff, the tail) of its level; a full
/// `dropHead` queue drops the oldest message of the lowest level.
/// - Note: Source: RabbitMQ documentation, "Classic Queues Support Priorities"
///   (https://www.rabbitmq.com/docs/priority: messages with a priority above the maximum are
///   treated as the maximum; only waiting messages are reordered).
struct PriorityLevels {
    /// Waiting messages of levels 1 … maxPriority (index = level − 1), head first; entries
    /// whose message has left are skipped when they reach the head (lazy deletion).
    var levels: [RingBuffer<MessageRef>]
    /// Entries in `levels`, stale ones included.
    var waiting = 0
    /// Every level above `top` (an index in `levels`) is empty.
    var top = -1
    /// Level of the message `nextDeliverable` returned last (0: the `ready` ring).
    var next = 0

    /// - Parameter maxPriority: the highest level, 1 … 255.
    init(maxPriority: Int) {
        levels = (0..<maxPriority).map { _ in RingBuffer<MessageRef>(capacity: 64) }
    }
}

extension Simulation {
    /// Whether nothing waits in priority queue `q` (its state at index `d`).
    @inline(__always) mutating func priorityIsEmpty(_ q: Int, _ d: Int) -> Bool {
        queues[q].ready.isEmpty && disciplines.priority[d].waiting == 0
    }

    /// A new message joins the tail of its level.
    mutating func priorityEnqueue(_ ref: MessageRef, into q: Int, _ d: Int) {
        insertByPriority(ref, into: q, d, atHead: false)
    }

    /// A message comes back to the head (or tail) of its level, unless its entry is still
    /// in a ring.
    mutating func priorityRequeue(_ ref: MessageRef, in q: Int, _ d: Int, atHead: Bool) {
        guard !messages[ref].inRing else { return }
        messages[ref].inRing = true
        insertByPriority(ref, into: q, d, atHead: atHead)
    }

    /// Puts `ref` in the ring of its level in priority queue `q` (level 0 is `ready`), at the
    /// tail or, for a requeue, at the head.
    mutating func insertByPriority(_ ref: MessageRef, into q: Int, _ d: Int, atHead: Bool) {
        let level = min(priority(of: ref), disciplines.priority[d].levels.count)
        if level == 0 {
            if atHead { queues[q].ready.prepend(ref) } else { queues[q].ready.append(ref) }
            return
        }
        if atHead {
            disciplines.priority[d].levels[level - 1].prepend(ref)
        } else {
            disciplines.priority[d].levels[level - 1].append(ref)
        }
        disciplines.priority[d].waiting += 1
        disciplines.priority[d].top = max(disciplines.priority[d].top, level - 1)
    }

    /// The head of the highest non-empty level that can be delivered; undeliverable heads
    /// are discarded on the way down; level 0 last.
    mutating func priorityNextDeliverable(of q: Int, _ d: Int) -> MessageRef? {
        if disciplines.priority[d].waiting > 0 {
            var level = disciplines.priority[d].top
            while level >= 0 {
                guard let ref = disciplines.priority[d].levels[level].first else {
                    // Lowered only if no message joined a higher level meanwhile.
                    if disciplines.priority[d].top == level { disciplines.priority[d].top = level - 1 }
                    level -= 1
                    continue
                }
                if isDeliverable(ref, from: q) {
                    disciplines.priority[d].next = level + 1
                    return ref
                }
                popLevelHead(level, d)
                discardUndeliverable(ref, from: q)
            }
        }
        disciplines.priority[d].next = 0
        return deliverableHead(of: q)
    }

    /// Takes `ref`, the message `priorityNextDeliverable` returned, off its level and hands
    /// it to instance `i`.
    mutating func priorityDeliver(_ ref: MessageRef, to i: Int, from q: Int, _ d: Int) {
        let level = disciplines.priority[d].next
        if level == 0 { return fifoDeliver(ref, to: i, from: q) }
        popLevelHead(level - 1, d)
        changeDepth(of: q, by: -1)
        hand(ref, to: i, from: q)
    }

    /// Removes the head of the ring at index `level` of priority state `d`.
    @inline(__always) mutating func popLevelHead(_ level: Int, _ d: Int) {
        guard let ref = disciplines.priority[d].levels[level].popFirst() else { return }
        disciplines.priority[d].waiting -= 1
        messages[ref].inRing = false
    }

    /// Takes the oldest live message of the lowest non-empty level above 0 off its ring (for
    /// `dropHead` when level 0 has none).
    mutating func priorityRemoveOldest(from q: Int, _ d: Int) -> MessageRef? {
        for level in disciplines.priority[d].levels.indices {
            while let ref = disciplines.priority[d].levels[level].first {
                popLevelHead(level, d)
                let record = messages[ref]
                if record.state == .ready && record.queue == QueueID(q) { return ref }
                releaseIfUnreferenced(ref)
            }
        }
        return nil
    }
}
