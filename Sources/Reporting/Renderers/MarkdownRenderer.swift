/// The report as Markdown tables, for pasting into notes, issues and design documents.
public struct MarkdownRenderer: ReportRenderer {
    public init() {}
    public var fileExtension: String { "md" }

    public func render(_ reports: [Report]) throws -> String {
        reports.map(renderOne).joined(separator: "\n")
    }

    func renderOne(_ r: Report) -> String {
        typealias F = Formatting

        var out: [String] = ["## \(r.scenario)", ""]
        if !r.description.isEmpty { out += [r.description, ""] }
        if let overrides = r.overrides { out += ["Changed by `--set`: " + overrides.map { "`\($0)`" }.joined(separator: ", "), ""] }
        out.append("Seed \(r.seed), simulated \(F.duration(r.simulatedSeconds))"
            + (r.warmupSeconds > 0 ? " (warm-up \(F.duration(r.warmupSeconds)))" : "")
            + ", \(F.count(r.events)) events, stop: \(r.stopReason).")
        if !r.warnings.isEmpty {
            out += ["", "**Warnings**", ""]
            out += ReportLines.warnings(r).map { "- ⚠ " + $0 }
        }
        if let summary = ExpectationLines.summary(r) {
            out += ["", "**Expectations**: \(summary).", ""]
            out += ExpectationLines.lines(r).map { "- " + $0 }
        }
        out += ["", "| messages | count |", "|---|---:|"]
        let m = r.messages
        for (label, value) in [("published", m.published), ("delivered", m.delivered), ("acked", m.acked),
                               ("redeliveries", m.redeliveries), ("dead-lettered", m.deadLettered), ("expired", m.expired),
                               ("dropped", m.dropped), ("lost", m.lost), ("unroutable", m.unroutable), ("returned", m.returned),
                               ("remaining", m.remaining)] {
            out.append("| \(label) | \(F.count(value)) |")
        }
        out += MarkdownRenderer.messageDetailRows(m)
        if let attempts = ReportLines.attempts(m) { out += ["", attempts.prefix(1).uppercased() + attempts.dropFirst() + "."] }
        out += ["", "Ledger: **\(r.ledger.balanced ? "balanced" : "not balanced")**.", ""]
        out += MarkdownRenderer.ledgerTable(r)
        if let note = ReportLines.lanesNote(r) { out += ["", "Latency: \(note)."] }
        out += ["", "| latency | count | mean | p50 | p95 | p99 | p99.9 | max |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for (label, s) in MarkdownRenderer.latencyRows(r.latency) {
            out.append("| \(label) | " + ReportLines.latencyCells(s).joined(separator: " | ") + " |")
        }
        let laneRows = ReportLines.laneRows(r)
        if !laneRows.isEmpty {
            out += ["", "| queue | latency | count | mean | p50 | p95 | p99 | p99.9 | max |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
            for lane in laneRows {
                out.append("| \(lane.queue) | \(lane.stage) | " + ReportLines.latencyCells(lane.statistics).joined(separator: " | ") + " |")
            }
        }
        out += ["", "Throughput: published \(F.rate(r.throughput.publishedPerSecond)), acked \(F.rate(r.throughput.ackedPerSecond)).", ""]
        for line in RoutingLines.summaries(r) { out += [line.hasPrefix("  ") ? "- " + line.dropFirst(2) : line, ""] }
        out += ["| broker | type | enqueued | depth mean | depth max | depth final | notes |", "|---|---|---:|---:|---:|---:|---|"]
        for (name, b) in r.brokers.sorted(by: { $0.key < $1.key }) {
            if let routing = b.routing {
                out.append("| \(name) | \(RoutingLines.broker(b, routing).joined(separator: "; ")) | \(F.count(b.enqueued)) | – | – | – | |")
                continue
            }
            let notes = ReportLines.brokerExtras(b, brokerCount: r.brokers.count) ?? ""
            out.append("| \(name) | \(b.type)\(b.technology.map { " (\($0))" } ?? "") | \(F.count(b.enqueued)) | \(F.significant(b.depth.mean)) | \(F.count(Int(b.depth.max))) | \(F.count(Int(b.depth.final))) | \(notes) |")
        }
        out += MarkdownRenderer.capacityTable(r)
        out += MarkdownRenderer.streamTables(r)
        let theory = TheoryLines.entries(r)
        if !theory.isEmpty {
            out += ["", "Theory (closed-form steady state; measured in brackets, and its difference from theory):", ""]
            for entry in theory {
                out.append("- **\(entry.queue)**: " + entry.lines.joined(separator: "<br>"))
            }
        }
        if !r.consumers.isEmpty {
            out += ["", "| consumer | instances | processed | failed (error rate) | timed out | duplicates skipped | crashes | utilization |",
                    "|---|---:|---:|---:|---:|---:|---:|---:|"]
            for (name, c) in r.consumers.sorted(by: { $0.key < $1.key }) {
                let failed = c.failed > 0 ? "\(F.count(c.failed)) (\(F.percent(c.errorRate)))" : "0"
                out.append("| \(name) | \(c.instances) | \(F.count(c.processed)) | \(failed) | \(F.count(c.timedOut)) | \(F.count(c.duplicatesSkipped)) | \(F.count(c.crashes)) | \(F.percent(c.utilization)) |")
            }
        }
        let renewals = r.consumers.sorted { $0.key < $1.key }.compactMap { name, c in Report.lockRenewalLine(c).map { "- **\(name)**: \($0)" } }
        if !renewals.isEmpty { out += [""] + renewals }
        out += MarkdownRenderer.rateLimitTable(r)
        out += MarkdownRenderer.orderingTables(r)
        out += MarkdownRenderer.resilienceTables(r)
        return out.joined(separator: "\n") + "\n"
    }
}
