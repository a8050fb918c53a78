/// Markdown rows and tables for delivery details, priorities, queue capacities and rate limits;
/// each is empty when the run had none of it, so plain reports stay short.
extension MarkdownRenderer {
    typealias F = Formatting

    /// Message rows beyond the ledger's: duplicates, ordering violations and the breakdown by
    /// reason (only those above zero).
    static func messageDetailRows(_ m: Report.MessageCounts) -> [String] {
        var rows: [String] = []
        for (label, value) in [("duplicate deliveries", m.duplicateDeliveries), ("duplicate processing", m.duplicateProcessing),
                               ("duplicates skipped", m.duplicatesSkipped), ("ordering violations", m.orderingViolations)] where value > 0 {
            rows.append("| \(label) | \(F.count(value)) |")
        }
        for (label, breakdown) in [("dead-lettered", m.deadLetteredByReason), ("dropped", m.droppedByReason), ("lost", m.lostByReason)] {
            for (reason, n) in breakdown.sorted(by: { $0.key < $1.key }) { rows.append("| \(label) (\(reason)) | \(F.count(n)) |") }
        }
        return rows
    }

    /// The latency table's rows: the three stages, the retry delay when there was any, and the
    /// end-to-end latency of each priority.
    static func latencyRows(_ l: Report.Latency) -> [(String, LatencyStatistics)] {
        var rows = [("end-to-end", l.endToEnd), ("queue wait", l.queueWait), ("processing", l.processing)]
        if (l.retryDelay.max ?? 0) > 0 { rows.append(("retry delay", l.retryDelay)) }
        if let intended = l.fromIntendedSend { rows.append(("from intended send", intended)) }
        for (level, s) in (l.byPriority ?? [:]).sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) {
            rows.append(("end-to-end, priority \(level)", s))
        }
        return rows
    }

    /// Every destination's ledger equation.
    static func ledgerTable(_ r: Report) -> [String] {
        guard !r.ledger.destinations.isEmpty else { return [] }
        var out = ["| destination | kind | entered | acked | dead-lettered | expired | dropped | lost | remaining | balanced |",
                   "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for (name, e) in r.ledger.destinations.sorted(by: { $0.key < $1.key }) {
            out.append("| \(name) | \(e.kind) | \(F.count(e.entered)) | \(F.count(e.acked)) | \(F.count(e.deadLettered)) | \(F.count(e.expired)) | \(F.count(e.dropped)) | \(F.count(e.lost)) | \(F.count(e.remaining)) | \(e.balanced ? "yes" : "**no**") |")
        }
        return out
    }

    /// Length-limited queues: the limit, the overflow behaviour and what it refused or dropped.
    static func capacityTable(_ r: Report) -> [String] {
        let limited = r.brokers.filter { $0.value.capacity != nil }.sorted { $0.key < $1.key }
        guard !limited.isEmpty else { return [] }
        var out = ["", "| queue | capacity | overflow | rejected | head dropped | new dropped |", "|---|---:|---|---:|---:|---:|"]
        for (name, b) in limited {
            guard let c = b.capacity else { continue }
            out.append("| \(name) | \(F.count(c.maxLength)) | \(c.overflow) | \(F.count(c.rejected)) | \(F.count(c.headDropped)) | \(F.count(c.newDropped)) |")
        }
        return out
    }

    /// Producers' publish delays (intended → actual send) and unsent publishes, when some
    /// producer could fall behind.
    static func publishDelayTable(_ r: Report) -> [String] {
        let delayed = (r.producers ?? [:]).compactMap { name, p in p.publishDelay.map { (name, $0, p.unsent ?? 0) } }.sorted { $0.0 < $1.0 }
        guard !delayed.isEmpty else { return [] }
        return ["", "| producer | publishes | publish delay mean | p99 | max | unsent |", "|---|---:|---:|---:|---:|---:|"]
            + delayed.map { name, d, unsent in
                "| \(name) | \(F.count(d.count)) | \(F.duration(d.mean ?? 0)) | \(F.duration(d.p99 ?? 0)) | \(F.duration(d.max ?? 0)) | \(F.count(unsent)) |"
            }
    }

    /// Producers' send batches, when some producer batches.
    static func batchingTable(_ r: Report) -> [String] {
        let batching = (r.producers ?? [:]).compactMap { name, p in p.batching.map { (name, $0) } }.sorted { $0.0 < $1.0 }
        guard !batching.isEmpty else { return [] }
        return ["", "| producer | send batches | mean size | mean wait in the batch |", "|---|---:|---:|---:|"]
            + batching.map { name, b in "| \(name) | \(F.count(b.batches)) | \(F.significant(b.meanSize)) | \(F.duration(b.meanWait)) |" }
    }

    /// Rate limits of consumers and producers, and the producers' refused publishes.
    static func rateLimitTable(_ r: Report) -> [String] {
        var rows: [String] = []
        func limitCells(_ l: Report.RateLimitFigures?) -> String {
            guard let l else { return "– | – | – | – | – | –" }
            return "\(F.rate(l.rate)), \(TextRenderer.shape(of: l)), \(l.perInstance ? "per instance" : "shared") | \(F.count(l.throttled)) | \(ReportLines.summed(l.throttledSeconds, over: l.throttled, "call")) | \(F.count(l.tokensUsed)) | \(F.significant(l.tokensWasted)) | \(F.count(l.refused))"
        }
        for (name, c) in r.consumers.sorted(by: { $0.key < $1.key }) where c.rateLimit != nil {
            rows.append("| consumer \(name) | \(limitCells(c.rateLimit)) | – | – |")
        }
        // A producer that only batches has its own table (`batchingTable`).
        for (name, p) in (r.producers ?? [:]).sorted(by: { $0.key < $1.key })
        where p.batching == nil || p.rateLimit != nil || p.rejected > 0 || p.retried > 0 {
            rows.append("| producer \(name) | \(limitCells(p.rateLimit)) | \(F.count(p.rejected)) | \(F.count(p.retried)) |")
        }
        guard !rows.isEmpty else { return batchingTable(r) }
        return batchingTable(r) + publishDelayTable(r) + ["", "| flow control | rate limit | throttled | waits while throttled | tokens used | tokens wasted | refused | publishes rejected | retried |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|"] + rows
    }
}
