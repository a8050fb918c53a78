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
    /// Reads the producers' priorities (called at the end of `init`). Priority queues keep their
    /// level rings in their discipline (Brokers/Disciplines/Priority.swift).
    mutating func setUpPriorities() {
        priorities.choices = model.producers.map(\.priority)
        priorities.salts = model.producers.map { MessagePriority.salt(seed: model.seed, producer: $0.name) }
        priorities.active = priorities.choices.contains { $0 != nil }
        var levels = Set<Int>()
        for choice in priorities.choices { if let choice { levels.formUnion(choice.values) } }
        if priorities.active { levels.insert(0) }   // follow-ups and producers without priority
        priorities.levels = levels.sorted()
        priorities.endToEnd = queues.map { _ in priorities.levels.map { _ in LatencyHistogram() } }
    }

    /// The priority `ref` was published with (0 for messages without one).
    mutating func priority(of ref: MessageRef) -> Int {
        let record = messages[ref]
        let p = record.producer.index
        guard p < priorities.choices.count, let choice = priorities.choices[p] else { return 0 }
        // A consumer's follow-up or reply carries another message's correlation id.
        if record.isTagged && messages.tag(of: ref).correlationID != record.id { return 0 }
        return MessagePriority.draw(choice, id: record.id, salt: priorities.salts[p])
    }

    /// Records the end-to-end latency of an acked measured message under its priority.
    mutating func recordPriorityLatency(of ref: MessageRef, _ latency: SimDuration) {
        let p = priority(of: ref)
        let q = messages[ref].queue.index
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
