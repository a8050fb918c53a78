extension MarkdownRenderer {
    /// Tables of queue ordering and resequencing consumers (nothing when the run did not track
    /// ordering).
    static func orderingTables(_ report: Report) -> [String] {
        typealias F = Formatting
        let queues = report.brokers.filter { $0.value.ordering != nil }.sorted { $0.key < $1.key }
        guard !queues.isEmpty else { return [] }
        var out = ["", "| queue | ordering | violations | reordered | duplicated | groups | groups in flight (max) |",
                   "|---|---|---:|---:|---:|---:|---:|"]
        func cell(_ value: Int?) -> String { value.map(F.count) ?? "–" }
        for (name, b) in queues {
            guard let o = b.ordering else { continue }
            out.append("| \(name) | \(o.mode) | \(F.count(o.violations)) | \(cell(o.reordered)) | \(cell(o.duplicated)) | \(cell(o.groups)) | \(cell(o.maxGroupsInFlight)) |")
        }
        out += ["", "| consumer | violations | resequencing window | buffered | max at once | released by timeout | released at the end | added latency mean | p99 | max |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for (name, c) in report.consumers.sorted(by: { $0.key < $1.key }) {
            guard let violations = c.orderingViolations else { continue }
            if let s = c.resequencing {
                out.append("| \(name) | \(F.count(violations)) | \(F.duration(s.windowSeconds)) | \(F.count(s.buffered)) | \(F.count(s.maxBuffered)) | \(F.count(s.releasedByTimeout)) | \(F.count(s.releasedAtEnd)) | \(F.duration(s.addedLatency.mean)) | \(F.duration(s.addedLatency.p99)) | \(F.duration(s.addedLatency.max)) |")
            } else {
                out.append("| \(name) | \(F.count(violations)) | – | – | – | – | – | – | – | – |")
            }
        }
        return out
    }
}
