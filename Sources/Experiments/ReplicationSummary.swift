import Expectations

/// Every numeric field of a set of replications' reports: the mean, the 95% confidence
/// half-width (Student t, n − 1 degrees of freedom), the minimum and the maximum.
///
/// The summary is a pure function of the reports' fields in replication order, so it has the
/// same bits whatever the number of threads that ran them, and whether they ran in one
/// process or in shards merged afterwards (`mqlab merge`).
public struct ReplicationSummary: Sendable, Equatable {
    /// Field paths (see `NumericFields`) and their estimates, sorted by path. A field some
    /// replications lack (a warning's entry, a longer depth series) is estimated from those
    /// that have it: its `count` says how many.
    public var fields: [(path: ReportPath, estimate: Estimate)]

    public static func == (a: ReplicationSummary, b: ReplicationSummary) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.path == $1.path && $0.estimate == $1.estimate }
    }

    /// Summarizes `replications`, given in replication order; at least one.
    public init(_ replications: [NumericFields]) {
        precondition(!replications.isEmpty, "a summary needs at least one replication")
        var byPath: [ReportPath: [Double]] = [:]
        for fields in replications {
            for (path, value) in fields.values { byPath[path, default: []].append(value) }
        }
        fields = byPath.keys.sorted().map { path in (path, Estimate(byPath[path] ?? [])) }
    }

    /// The estimate of the field at `path`, if any replication has it.
    /// - Complexity: O(log n), a binary search of the sorted paths.
    public subscript(path: ReportPath) -> Estimate? {
        let index = fields.partitioningIndex { $0.path >= path }
        return index < fields.count && fields[index].path == path ? fields[index].estimate : nil
    }

    /// The mean of the field at `path` (0 for an absent count of a map the report
    /// leaves out when zero, `ReportPath.isZeroWhenAbsent`); nil when no run has the field.
    public func mean(of path: ReportPath) -> Double? {
        if let estimate = self[path] { return estimate.mean }
        return path.isZeroWhenAbsent ? 0 : nil
    }
}
