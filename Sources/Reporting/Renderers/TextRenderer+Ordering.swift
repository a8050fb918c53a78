/// Lines of the text report for message ordering.
extension TextRenderer {
    /// "ordering bestEffort · violations 12 · reordered 30 · duplicated 2" or
    /// "ordering fifo, message groups 100 (at most 4 in flight) · violations 0", or nothing.
    static func orderingLines(_ b: Report.BrokerFigures) -> [String] {
        guard let o = b.ordering else { return [] }
        var line = "ordering \(o.mode)"
        if let groups = o.groups { line += ", message groups \(F.count(groups)) (at most \(F.count(o.maxGroupsInFlight ?? 0)) in flight)" }
        line += " · violations \(F.count(o.violations))"
        if let reordered = o.reordered { line += " · reordered \(F.count(reordered))" }
        if let duplicated = o.duplicated { line += " · duplicated \(F.count(duplicated))" }
        return [line]
    }

    /// "ordering violations 3 · resequenced (window 2 s): buffered 40, max 5 at once, released
    /// by timeout 1 · added latency mean 1.2 ms, p99 40 ms, max 80 ms", or nothing.
    static func orderingLines(_ c: Report.ConsumerFigures) -> [String] {
        guard let violations = c.orderingViolations else { return [] }
        var line = "ordering violations \(F.count(violations))"
        if let s = c.resequencing { line += " · " + ReportLines.resequencing(s) }
        return [line]
    }
}
