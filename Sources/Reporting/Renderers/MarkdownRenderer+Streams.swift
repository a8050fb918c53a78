extension MarkdownRenderer {
    /// Tables of the streams' consumer groups and partitions (nothing without streams).
    static func streamTables(_ report: Report) -> [String] {
        typealias F = Formatting
        var out: [String] = []
        for (name, broker) in report.brokers.sorted(by: { $0.key < $1.key }) {
            guard let groups = broker.groups, let partitions = broker.partitions else { continue }
            out += ["", "Stream **\(name)**: consumer groups.", "",
                    "| group | members | rebalances | committed | lost | remaining | reprocessed | lag max | lag max (time) | lag final |",
                    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for (group, g) in groups.sorted(by: { $0.key < $1.key }) {
                out.append("| \(group) | \(g.members) | \(g.rebalances) | \(F.count(g.committed)) | \(F.count(g.lost)) | \(F.count(g.remaining)) | \(F.count(g.duplicateProcessing)) | \(F.count(g.lag.max)) | \(F.duration(g.lagSeconds.max)) | \(F.count(g.lag.final)) |")
            }
            if let duplicates = broker.duplicateAppends, duplicates > 0 {
                out += ["", "Records written twice by producer retries: \(F.count(duplicates))."]
            }
            out += ["", "| group | member | partitions at the end |", "|---|---|---|"]
            for (group, g) in groups.sorted(by: { $0.key < $1.key }) {
                for a in g.assignment.prefix(AssignmentLines.shownMembers) {
                    out.append("| \(group) | \(a.member) | \(AssignmentLines.ranges(a.partitions)) |")
                }
                if g.assignment.count > AssignmentLines.shownMembers {
                    out.append("| \(group) | … \(F.count(g.assignment.count - AssignmentLines.shownMembers)) more members | |")
                }
                if g.assignment.isEmpty { out.append("| \(group) | no members | |") }
            }
            let names = groups.keys.sorted()
            out += ["", "| partition | enqueued |" + names.map { " lag max (\($0)) |" }.joined(),
                    "|---:|---:|" + String(repeating: "---:|", count: names.count)]
            for (i, p) in partitions.enumerated() {
                out.append("| \(i) | \(F.count(p.enqueued)) |" + names.map { " \(F.count(p.lag[$0]?.max ?? 0)) |" }.joined())
            }
        }
        return out
    }
}
