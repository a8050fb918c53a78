/// The report for people reading a terminal: the default of `mqlab run`.
public struct TextRenderer: ReportRenderer {
    public init() {}
    public var fileExtension: String { "txt" }

    public func render(_ reports: [Report]) throws -> String {
        reports.map(renderOne).joined(separator: "\n")
    }

    func renderOne(_ r: Report) -> String {
        typealias F = Formatting
        var out: [String] = []
        out.append(r.scenario)
        if !r.description.isEmpty { out += Formatting.wrap(r.description, width: 92).map { "  " + $0 } }
        if let overrides = r.overrides { out.append("  changed by --set: " + overrides.joined(separator: ", ")) }
        out.append("seed \(r.seed) · simulated \(F.duration(r.simulatedSeconds))"
            + (r.warmupSeconds > 0 ? " (warm-up \(F.duration(r.warmupSeconds)))" : "")
            + " · \(F.count(r.events)) events · \(r.stopReason)")
        out.append("")
        if !r.warnings.isEmpty {
            out.append("Warnings")
            for warning in ReportLines.warnings(r) {
                out += Formatting.wrap(warning, width: 92).enumerated().map { ($0.offset == 0 ? "  ! " : "    ") + $0.element }
            }
            out.append("")
        }

        if let summary = ExpectationLines.summary(r) {
            out.append("Expectations: " + summary)
            out += ExpectationLines.lines(r).map { "  " + $0 }
            out.append("")
        }

        let m = r.messages
        out.append("Messages")
        var parts = ["published \(F.count(m.published))", "delivered \(F.count(m.delivered))", "acked \(F.count(m.acked))"]
        for (label, value) in [("redeliveries", m.redeliveries), ("dead-lettered", m.deadLettered), ("expired", m.expired),
                               ("dropped", m.dropped), ("lost", m.lost), ("unroutable", m.unroutable), ("returned", m.returned),
                               ("duplicate deliveries", m.duplicateDeliveries), ("duplicate processing", m.duplicateProcessing),
                               ("duplicates skipped", m.duplicatesSkipped), ("ordering violations", m.orderingViolations)] where value > 0 {
            parts.append("\(label) \(F.count(value))")
        }
        parts.append("remaining \(F.count(m.remaining))")
        out.append("  " + parts.joined(separator: " · "))
        for (reason, n) in m.deadLetteredByReason.sorted(by: { $0.key < $1.key }) { out.append("  dead-lettered (\(reason)): \(F.count(n))") }
        for (reason, n) in m.droppedByReason.sorted(by: { $0.key < $1.key }) { out.append("  dropped (\(reason)): \(F.count(n))") }
        for (reason, n) in m.lostByReason.sorted(by: { $0.key < $1.key }) { out.append("  lost (\(reason)): \(F.count(n))") }
        if let attempts = ReportLines.attempts(m) { out.append("  " + attempts) }
        out.append("")

        out.append("Ledger: " + (r.ledger.balanced ? "balanced" : "NOT BALANCED"))
        for (name, e) in r.ledger.destinations.sorted(by: { $0.key < $1.key }) {
            var terms = ["acked \(F.count(e.acked))"]
            for (label, value) in [("dead-lettered", e.deadLettered), ("expired", e.expired), ("dropped", e.dropped), ("lost", e.lost)] where value > 0 {
                terms.append("\(label) \(F.count(value))")
            }
            terms.append("remaining \(F.count(e.remaining))")
            out.append("  \(name) (\(e.kind)): entered \(F.count(e.entered)) = " + terms.joined(separator: " + ") + (e.balanced ? "" : "  ✗"))
        }
        out.append("")

        let widths = [14, 10, 10, 10, 10, 10, 10, 10]
        let header = ["Latency", "count", "mean", "p50", "p95", "p99", "p99.9", "max"]
        if let note = ReportLines.lanesNote(r) { out.append("Latency: \(note)") }
        out.append(row(header, widths))
        var stages = [("end-to-end", r.latency.endToEnd), ("queue wait", r.latency.queueWait), ("processing", r.latency.processing)]
        if (r.latency.retryDelay.max ?? 0) > 0 { stages.append(("retry delay", r.latency.retryDelay)) }
        if let intended = r.latency.fromIntendedSend { stages.append(("intended→ack", intended)) }
        for (level, s) in (r.latency.byPriority ?? [:]).sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) {
            stages.append(("e2e prio \(level)", s))
        }
        for (label, s) in stages {
            out.append(row(["  " + label] + ReportLines.latencyCells(s), widths))
        }
        out.append("")
        let laneRows = ReportLines.laneRows(r)
        if !laneRows.isEmpty {
            let queueWidth = max(18, (laneRows.map(\.queue.count).max() ?? 0) + 2)
            out.append(row(["Latency by queue", "", "count", "mean", "p50", "p95", "p99", "p99.9", "max"], [queueWidth, 12] + widths.dropFirst()))
            for lane in laneRows {
                out.append(row(["  " + lane.queue, lane.stage] + ReportLines.latencyCells(lane.statistics), [queueWidth, 12] + widths.dropFirst()))
            }
            out.append("")
        }
        out.append("Throughput: published \(F.rate(r.throughput.publishedPerSecond)) · acked \(F.rate(r.throughput.ackedPerSecond))")
        out.append("")
        if !RoutingLines.summaries(r).isEmpty { out += RoutingLines.summaries(r) + [""] }
        out.append("Brokers")
        for (name, b) in r.brokers.sorted(by: { $0.key < $1.key }) {
            if let routing = b.routing {
                out += RoutingLines.broker(b, routing).enumerated().map { "  \(F.pad($0.offset == 0 ? name : "", 18)) \($0.element)" }
                continue
            }
            out.append("  \(F.pad(name, 18)) \(b.type)\(b.technology.map { " (\($0))" } ?? "") · enqueued \(F.count(b.enqueued)) · depth mean \(F.significant(b.depth.mean)), max \(F.count(Int(b.depth.max))), final \(F.count(Int(b.depth.final)))")
            if let extras = ReportLines.brokerExtras(b, brokerCount: r.brokers.count) { out.append("  \(F.pad("", 18)) " + extras) }
            out += TextRenderer.streamLines(b)
            out += TextRenderer.capacityLines(b).map { "  \(F.pad("", 18)) " + $0 }
            out += TextRenderer.orderingLines(b).map { "  \(F.pad("", 18)) " + $0 }
        }
        let theory = TheoryLines.entries(r)
        if !theory.isEmpty {
            out.append("")
            out.append("Theory (closed-form steady state; measured in brackets, and its difference from theory)")
            for entry in theory {
                out += entry.lines.enumerated().map { "  \(F.pad($0.offset == 0 ? entry.queue : "", 18)) \($0.element)" }
            }
        }
        if !r.consumers.isEmpty {
            out.append("")
            out.append("Consumers")
            for (name, c) in r.consumers.sorted(by: { $0.key < $1.key }) {
                var line = "  \(F.pad(name, 18)) ×\(c.instances) · processed \(F.count(c.processed))"
                if c.failed > 0 { line += " · failed \(F.count(c.failed)) (\(F.percent(c.errorRate)))" }
                if c.timedOut > 0 { line += " · timed out \(F.count(c.timedOut))" }
                if c.duplicatesSkipped > 0 { line += " · duplicates skipped \(F.count(c.duplicatesSkipped))" }
                if c.crashes > 0 { line += " · crashes \(F.count(c.crashes))" }
                line += " · utilization \(F.percent(c.utilization))"
                out.append(line)
                if let limit = c.rateLimit { out.append("  \(F.pad("", 18)) " + TextRenderer.rateLimitLine(limit)) }
                if let renewal = Report.lockRenewalLine(c) { out.append("  \(F.pad("", 18)) " + renewal) }
                out += TextRenderer.orderingLines(c).map { "  \(F.pad("", 18)) " + $0 }
                out += TextRenderer.resilienceLines(c)
            }
        }
        out += TextRenderer.producerLines(r)
        return out.joined(separator: "\n") + "\n"
    }

    /// `cells` laid out in columns: the first left-aligned, the others right-aligned.
    private func row(_ cells: [String], _ widths: [Int]) -> String {
        var line = Formatting.pad(cells[0], widths[0])
        for (cell, width) in zip(cells.dropFirst(), widths.dropFirst()) { line += Formatting.padLeft(cell, width) }
        return line
    }
}
