import Expectations
import Foundation
import Reporting

/// The numeric leaves of a report's JSON document, by `ReportPath`: what replications, sweeps,
/// capacity searches and exercise checks summarize and compare.
///
/// Paths are the report's (`brokers.jobs.latency.endToEnd.p99`,
/// `brokers.jobs.depthSeries.max[3]`), as `mqlab run --format csv` and a scenario's `expect`
/// spell them. Nulls, booleans and strings are left out, and so is the top-level `seed` (each
/// replication has its own; a mean of seeds means nothing).
public struct NumericFields: Sendable, Equatable {
    /// Every numeric leaf, sorted by path.
    public var values: [(path: ReportPath, value: Double)]

    public static func == (a: NumericFields, b: NumericFields) -> Bool {
        a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { $0.path == $1.path && $0.value.bitPattern == $1.value.bitPattern }
    }

    public init(values: [(path: ReportPath, value: Double)]) {
        self.values = values.sorted { $0.path < $1.path }
    }

    /// The numeric leaves of `report`'s JSON document (`ReportDocument`).
    /// - Throws: only if the report cannot be encoded, which would be a bug.
    public init(_ report: Report) throws {
        let fields = try ReportDocument(report).numericFields
        self.init(values: fields.compactMap { field in field.value.map { (field.path, $0) } }.filter { $0.path != "seed" })
    }

    /// The value at `path`, if the report has a number there.
    /// - Complexity: O(log n), a binary search of the sorted paths.
    public subscript(path: ReportPath) -> Double? {
        let low = values.partitioningIndex { $0.path >= path }
        return low < values.count && values[low].path == path ? values[low].value : nil
    }
}

extension RandomAccessCollection {
    /// The first index whose element satisfies `belongs`, for a collection in which every
    /// element that satisfies it comes after every one that does not (endIndex if none does).
    /// - Complexity: O(log n).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongs(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
