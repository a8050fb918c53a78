import SimulationKernel

/// Message priorities and the end-to-end latency of each priority (`MessagePriority`).
struct PriorityState {
    /// Whether any producer sets priorities.
    var active = false
    /// Priority choice and salt of each producer (indexed like `SystemModel.producers`).
    var choices: [WeightedChoice<Int>?] = []
    var salts: [UInt64] = []
    /// The priorities producers may set, ascending, and the end-to-end latency of the measured
    /// messages of each, by queue then priority (same index as `levels`).
    var levels: [Int] = []
    var endToEnd: [[LatencyHistogram]] = []
}

extension Simulation {
    /// Reads the producers' priorities and gives priority queues their level rings (called at
    /// the end of `init`).
    mutating func setUpPriorities() {
        priorities.choices = model.producers.map(\.priority)
        priorities.salts = model.producers.map { MessagePriority.salt(seed: model.seed, producer: $0.name) }
        priorities.active = priorities.choices.contains { $0 != nil }
        var levels = Set<Int>()
        for choice in priorities.choices { if let choice { levels.formUnion(choice.values) } }
        if priorities.active { levels.insert(0) }   // follow-ups and producers without priority
        priorities.levels = levels.sorted()
        priorities.endToEnd = queues.map { _ in priorities.levels.map { _ in LatencyHistogram() } }
        for q in queues.indices {
            if let maximum = model.queues[q].maxPriority, maximum > 0 {
                queues[q].levels = (0..<maximum).map { _ in RingBuffer<MessageRef>(capacity: 64) }
            }
        }
    }

    /// The priority `ref` was published with (0 for messages without one).
    mutating func priority(of ref: MessageRef) -> Int {
        let record = messages[ref]
        let p = Int(record.producer)
        guard p < priorities.choices.count, let choice = priorities.choices[p] else { return 0 }
        // A consumer's follow-up or reply carries another message's correlation id.
        if record.isTagged && messages.tag(of: ref).correlationID != record.id { return 0 }
        return MessagePriority.draw(choice, id: record.id, salt: priorities.salts[p])
    }

    /// Puts `ref` in the ring of its level in priority queue `q` (level 0 is `ready`), at the
    /// tail or, for a requeue, at the head.
    mutating func insertByPriority(_ ref: MessageRef, into q: Int, atHead: Bool) {
        let level = min(priority(of: ref), queues[q].levels.count)
        if level == 0 {
            if atHead { queues[q].ready.prepend(ref) } else { queues[q].ready.append(ref) }
            return
        }
        if atHead { queues[q].levels[level - 1].prepend(ref) } else { queues[q].levels[level - 1].append(ref) }
        queues[q].levelsWaiting += 1
    }

    /// Delivers the waiting messages of levels above 0, highest level first, while consumers
    /// have credit (called by `dispatch` before it serves level 0).
    mutating func dispatchHigherLevels(_ q: Int) {
        var level = queues[q].levels.count - 1
        while level >= 0 {
            guard let ref = queues[q].levels[level].first else {
                level -= 1
                continue
            }
            var instance: Int?
            let deliverable = isDeliverable(ref, from: q)
            if deliverable {
                instance = nextConsumer(of: q)
                if instance == nil { return }
            }
            _ = queues[q].levels[level].popFirst()
            queues[q].levelsWaiting -= 1
            messages[ref].inRing = false
            if let instance {
                changeDepth(of: q, by: -1)
                hand(ref, to: instance, from: q)
            } else {
                discardUndeliverable(ref, from: q)
            }
        }
    }

    /// Pops the oldest live message of the lowest non-empty level above 0 (for `dropHead` when
    /// level 0 has none).
    mutating func popLowestHigherLevel(_ q: Int) -> MessageRef? {
        for level in queues[q].levels.indices {
            while let ref = queues[q].levels[level].popFirst() {
                queues[q].levelsWaiting -= 1
                messages[ref].inRing = false
                let record = messages[ref]
                if record.state == .ready && record.queue == Int32(q) { return ref }
                releaseIfUnreferenced(ref)
            }
        }
        return nil
    }

    /// Records the end-to-end latency of an acked measured message under its priority.
    mutating func recordPriorityLatency(of ref: MessageRef, _ latency: SimDuration) {
        let p = priority(of: ref)
        let q = Int(messages[ref].queue)
        if let index = priorities.levels.firstIndex(of: p) { priorities.endToEnd[q][index].record(latency) }
    }

    /// The latency by priority of the whole run and of each queue, for the metrics.
    mutating func closePriorities() {
        guard priorities.active else { return }
        var total = priorities.levels.map { _ in LatencyHistogram() }
        metrics.queueLatencyByPriority = priorities.endToEnd.map { histograms in
            for (index, histogram) in histograms.enumerated() { total[index].merge(histogram) }
            return Array(zip(priorities.levels, histograms).map { (priority: $0, endToEnd: $1) })
        }
        metrics.latencyByPriority = zip(priorities.levels, total).map { (priority: $0, endToEnd: $1) }
    }
}
