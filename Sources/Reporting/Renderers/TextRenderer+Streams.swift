extension TextRenderer {
    /// The lines under a stream's broker line: per consumer group its figures (lag,
    /// rebalances, duplicates, losses) and who owns which partitions at the end, then the
    /// partitions' record counts.
    static func streamLines(_ broker: Report.BrokerFigures) -> [String] {
        typealias F = Formatting
        guard let groups = broker.groups, let partitions = broker.partitions else { return [] }
        var lines: [String] = []
        let indent = "  " + F.pad("", 18) + " "
        for (name, g) in groups.sorted(by: { $0.key < $1.key }) {
            var parts = ["group \(name) ×\(g.members)", "committed \(F.count(g.committed))", "remaining \(F.count(g.remaining))",
                         "lag max \(F.count(g.lag.max)) (\(F.duration(g.lagSeconds.max))), final \(F.count(g.lag.final))",
                         "rebalances \(g.rebalances)"]
            if g.duplicateProcessing > 0 { parts.append("reprocessed \(F.count(g.duplicateProcessing))") }
            if g.lost > 0 { parts.append("lost \(F.count(g.lost))") }
            lines.append(indent + parts.joined(separator: " · "))
            lines.append(indent + "  assignment: " + AssignmentLines.summary(g.assignment))
        }
        if let duplicates = broker.duplicateAppends, duplicates > 0 {
            lines.append(indent + "records written twice by producer retries: \(F.count(duplicates))")
        }
        if let pending = broker.pendingIngress, pending > 0 {
            lines.append(indent + "records still waiting for their partition's ingress: \(F.count(pending))")
        }
        let names = groups.keys.sorted()
        for (index, partition) in partitions.enumerated() {
            lines.append(indent + "partition \(index): \(F.count(partition.enqueued)) records"
                + names.map { " · lag max (\($0)) \(F.count(partition.lag[$0]?.max ?? 0))" }.joined()
                + (partition.utilization.map { " · ingress busy \(F.percent($0))" } ?? ""))
        }
        return lines
    }
}
