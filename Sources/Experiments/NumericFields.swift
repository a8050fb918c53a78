import Foundation
import Reporting

/// The numeric leaves of a report's JSON document, by path: what replications, sweeps and
/// capacity searches summarize and compare.
///
/// A path joins object keys with dots and gives array positions in brackets
/// (`brokers.jobs.latency.endToEnd.p99`, `brokers.jobs.depthSeries.max[3]`), as
/// `mqlab run --format csv` and a scenario's `expect` spell them. Booleans and strings are left out, and so is the
/// top-level `seed` (each replication has its own; a mean of seeds means nothing).
public struct NumericFields: Sendable, Equatable {
    /// Every numeric leaf, sorted by path.
    public var values: [(path: String, value: Double)]

    public static func == (a: NumericFields, b: NumericFields) -> Bool {
        a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { $0.path == $1.path && $0.value.bitPattern == $1.value.bitPattern }
    }

    public init(values: [(path: String, value: Double)]) {
        self.values = values.sorted { $0.path < $1.path }
    }

    /// The numeric leaves of `report`'s JSON document.
    ///
    /// The JSON is read back with `JSONDecoder`, which gives every number exactly as encoded
    /// (`JSONSerialization` on Linux may differ in the last bit).
    /// - Throws: only if the report cannot be encoded, which would be a bug.
    public init(_ report: Report) throws {
        // The same walk as the `expect` catalog's (Reporting.ReportFields), without nulls.
        let fields = try Reporting.ReportFields(report)
        self.init(values: fields.values.compactMap { field in field.value.map { (field.path, $0) } }.filter { $0.path != "seed" })
    }

    /// The value at `path`, if the report has a number there.
    public subscript(path: String) -> Double? {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle].path < path { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low].path == path ? values[low].value : nil
    }
}
