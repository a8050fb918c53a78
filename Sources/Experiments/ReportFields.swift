import Foundation
import Reporting

/// The numeric leaves of a report's JSON document, by path: what replications, sweeps and
/// capacity searches summarize and compare.
///
/// A path joins object keys with dots and array positions as numbers
/// (`brokers.jobs.latency.p99`, `brokers.jobs.depthSeries.max.3`), exactly as the JSON report
/// (`mqlab run --format json`) spells them. Booleans and strings are left out, and so is the
/// top-level `seed` (each replication has its own; a mean of seeds means nothing).
public struct ReportFields: Sendable, Equatable {
    /// Every numeric leaf, sorted by path.
    public var values: [(path: String, value: Double)]

    public static func == (a: ReportFields, b: ReportFields) -> Bool {
        a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { $0.path == $1.path && $0.value.bitPattern == $1.value.bitPattern }
    }

    public init(values: [(path: String, value: Double)]) {
        self.values = values.sorted { $0.path < $1.path }
    }

    /// The numeric leaves of `report`'s JSON document.
    /// - Throws: only if the report cannot be encoded, which would be a bug.
    public init(_ report: Report) throws {
        let data = try JSONEncoder().encode(report)
        let object = try JSONSerialization.jsonObject(with: data, options: [])
        var leaves: [(path: String, value: Double)] = []
        Self.walk(object, path: "", into: &leaves)
        self.init(values: leaves.filter { $0.path != "seed" })
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

    private static func walk(_ node: Any, path: String, into leaves: inout [(path: String, value: Double)]) {
        func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
        switch node {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let value = object[key] { walk(value, path: child(key), into: &leaves) }
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() { walk(element, path: child(String(index)), into: &leaves) }
        case is String:
            return
        case let number as NSNumber:
            // Booleans come back as NSNumber too; their Objective-C type is "c" (char).
            if String(cString: number.objCType) != "c" { leaves.append((path, number.doubleValue)) }
        default:
            return
        }
    }
}
