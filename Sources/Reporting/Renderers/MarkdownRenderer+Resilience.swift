/// Markdown tables for consumer pauses, downstreams, circuit breakers and autoscaling.
extension MarkdownRenderer {
    /// A table of the consumers that have any of these controls; empty when none has.
    static func resilienceTables(_ r: Report) -> [String] {
        typealias F = Formatting
        let rows = r.consumers.sorted(by: { $0.key < $1.key }).filter {
            $0.value.pausedSeconds != nil || $0.value.downstream != nil || $0.value.circuitBreaker != nil || $0.value.autoscaling != nil
        }
        guard !rows.isEmpty else { return [] }
        var out = ["", "| consumer | paused | downstream calls | failures | downstream out | breaker opens | half-open | closed | open | held back | waits while held back | instances (min–max) | final | peak | mean | scale-outs | scale-ins |",
                   "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|"]
        var notes: [String] = []
        for (name, c) in rows {
            let d = c.downstream, b = c.circuitBreaker, a = c.autoscaling
            var cells: [String] = [c.pausedSeconds.map { F.duration($0) } ?? "–"]
            if let d {
                cells += [F.count(d.calls), F.count(d.failures), F.duration(d.outageSeconds)]
            } else {
                cells += ["–", "–", "–"]
            }
            if let b {
                cells += [F.count(b.opened), F.count(b.halfOpened), F.count(b.closed), F.duration(b.openSeconds), F.count(b.heldBack),
                          ReportLines.summed(b.heldBackSeconds, over: b.heldBack, "attempt")]
                if let transitions = ReportLines.transitions(b) { notes.append("Circuit breaker of **\(name)**: \(transitions).") }
            } else {
                cells += ["–", "–", "–", "–", "–", "–"]
            }
            if let a {
                cells += ["\(a.min)–\(a.max)", String(a.final), String(a.peak), F.significant(a.meanInstances), F.count(a.scaleOuts), F.count(a.scaleIns)]
            } else {
                cells += ["–", "–", "–", "–", "–", "–"]
            }
            out.append("| \(name) | " + cells.joined(separator: " | ") + " |")
        }
        for note in notes { out += ["", note] }
        return out
    }
}
