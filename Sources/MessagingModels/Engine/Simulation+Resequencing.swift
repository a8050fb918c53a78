import SimulationKernel

/// The buffer of one resequencing consumer (`ResequencePolicy`), shared by its instances.
struct Resequencer {
    /// A processed message waiting for its predecessors.
    struct Entry {
        var sequence: Int32
        /// When it was processed and buffered.
        var since: SimTime
        var queue: QueueID
        var measured: Bool
    }

    let window: SimDuration
    /// Next sequence expected, by key id (absent: 1, as sequences start at 1 per key).
    var expected: [Int32: Int32] = [:]
    /// Buffered entries by key id, ascending by sequence. Looked up, never iterated except at
    /// the end of the run (in key order).
    var waiting: [Int32: [Entry]] = [:]
    /// Entries buffered now.
    var count = 0
    var metrics: ResequencingMetrics

    init(window: SimDuration) {
        self.window = window
        metrics = ResequencingMetrics(windowSeconds: window.seconds)
    }
}

extension Simulation {
    /// A keyed message processed by consumer `c` reaches its resequencer `r`: applied at once
    /// if it is the next expected for its key (then its buffered successors) or already
    /// overdue (sequence below the expected one: a given-up gap, a violation), otherwise
    /// buffered until its predecessors come or its window runs out.
    mutating func resequence(_ stamp: KeyStamp, queue: QueueID, measured: Bool, consumer c: Int, resequencer r: Int) {
        let entry = Resequencer.Entry(sequence: stamp.sequence, since: now, queue: queue, measured: measured)
        let expected = ordering.resequencers[r].expected[stamp.key] ?? 1
        if stamp.sequence <= expected {
            release(entry, key: stamp.key, consumer: c, resequencer: r)
            if stamp.sequence == expected { releaseSuccessors(of: stamp.key, from: expected + 1, consumer: c, resequencer: r) }
            return
        }
        var list = ordering.resequencers[r].waiting.removeValue(forKey: stamp.key) ?? []
        let position = list.firstIndex { $0.sequence > stamp.sequence } ?? list.count
        list.insert(entry, at: position)
        ordering.resequencers[r].waiting[stamp.key] = list
        ordering.resequencers[r].count += 1
        ordering.resequencers[r].metrics.buffered += 1
        ordering.resequencers[r].metrics.maxBuffered = max(ordering.resequencers[r].metrics.maxBuffered, ordering.resequencers[r].count)
        ordering.resequencing += 1
        events.schedule(.resequenceDue(consumer: ConsumerID(c), key: stamp.key, sequence: stamp.sequence), at: now + ordering.resequencers[r].window)
    }

    /// Applies `entry` (of key `key`) now and records how long it waited.
    mutating func release(_ entry: Resequencer.Entry, key: Int32, consumer c: Int, resequencer r: Int) {
        ordering.resequencers[r].metrics.released += 1
        if entry.measured { ordering.resequencers[r].metrics.addedLatency.record(now - entry.since) }
        apply(KeyStamp(key: key, sequence: entry.sequence), consumer: c, queue: entry.queue.index, slot: nil)
    }

    /// Sets the next expected sequence of `key` to `next` and releases the buffered entries
    /// that are now in order (and any duplicates of released ones).
    mutating func releaseSuccessors(of key: Int32, from next: Int32, consumer c: Int, resequencer r: Int) {
        var expected = next
        var list = ordering.resequencers[r].waiting.removeValue(forKey: key) ?? []
        var taken = 0
        while taken < list.count, list[taken].sequence <= expected {
            if list[taken].sequence == expected { expected += 1 }
            release(list[taken], key: key, consumer: c, resequencer: r)
            taken += 1
        }
        list.removeFirst(taken)
        ordering.resequencers[r].count -= taken
        ordering.resequencing -= taken
        ordering.resequencers[r].expected[key] = expected
        if !list.isEmpty { ordering.resequencers[r].waiting[key] = list }
    }

    /// The window of buffered message `sequence` of `key` at consumer `c` ran out: it is
    /// released with every buffered message of that key below it (the missing ones are given
    /// up), then any successors now in order. Stale if it was released meanwhile.
    mutating func resequenceDue(consumer c: Int, key: Int32, sequence: Int32) {
        let r = Int(ordering.resequencerIndex[c])
        guard var list = ordering.resequencers[r].waiting[key],
              let index = list.firstIndex(where: { $0.sequence == sequence }),
              list[index].since + ordering.resequencers[r].window <= now else { return }
        for entry in list[...index] {
            release(entry, key: key, consumer: c, resequencer: r)
        }
        ordering.resequencers[r].metrics.releasedByTimeout += index + 1
        list.removeFirst(index + 1)
        ordering.resequencers[r].count -= index + 1
        ordering.resequencing -= index + 1
        ordering.resequencers[r].waiting[key] = list
        releaseSuccessors(of: key, from: sequence + 1, consumer: c, resequencer: r)
    }

    /// Releases what is still buffered when the run ends (cut off before the windows ran out),
    /// key by key in key order (`releasedAtEnd`).
    mutating func releaseResequencersAtEnd() {
        for (c, index) in ordering.resequencerIndex.enumerated() where index >= 0 {
            let r = Int(index)
            for key in ordering.resequencers[r].waiting.keys.sorted() {
                let list = ordering.resequencers[r].waiting[key] ?? []
                for entry in list { release(entry, key: key, consumer: c, resequencer: r) }
                ordering.resequencers[r].metrics.releasedAtEnd += list.count
                ordering.resequencers[r].count -= list.count
                ordering.resequencing -= list.count
            }
            ordering.resequencers[r].waiting = [:]
        }
    }
}
