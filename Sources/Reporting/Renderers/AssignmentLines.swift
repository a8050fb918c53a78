/// How the text and Markdown reports show a consumer group's final partition assignment.
enum AssignmentLines {
    /// Members listed before the rest are summed up as "… N more members".
    static let shownMembers = 24

    /// Ascending partition numbers as ranges: [0, 1, 2, 5] → "0–2, 5"; [] → "none".
    static func ranges(_ partitions: [Int]) -> String {
        guard var start = partitions.first else { return "none" }
        var parts: [String] = []
        var end = start
        for p in partitions.dropFirst() {
            if p == end + 1 {
                end = p
            } else {
                parts.append(start == end ? "\(start)" : "\(start)–\(end)")
                start = p
                end = p
            }
        }
        parts.append(start == end ? "\(start)" : "\(start)–\(end)")
        return parts.joined(separator: ", ")
    }

    /// "billing#0 → 0–1 · billing#1 → 2–3 · billing-extra → none", at most `shownMembers`
    /// members, then "… N more members".
    static func summary(_ assignment: [Report.AssignmentFigures]) -> String {
        guard !assignment.isEmpty else { return "no members" }
        var parts = assignment.prefix(shownMembers).map { "\($0.member) → \(ranges($0.partitions))" }
        if assignment.count > shownMembers { parts.append("… \(Formatting.count(assignment.count - shownMembers)) more members") }
        return parts.joined(separator: " · ")
    }
}
