import Foundation
import Reporting

/// The numeric leaves of a report's JSON document, by path: what replications, sweeps and
/// capacity searches summarize and compare.
///
/// A path joins object keys with dots and gives array positions in brackets
/// (`brokers.jobs.latency.endToEnd.p99`, `brokers.jobs.depthSeries.max[3]`), as
/// `mqlab run --format csv` and a scenario's `expect` spell them. Booleans and strings are left out, and so is the
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
    ///
    /// The JSON is read back with `JSONDecoder`, which gives every number exactly as encoded
    /// (`JSONSerialization` on Linux may differ in the last bit).
    /// - Throws: only if the report cannot be encoded, which would be a bug.
    public init(_ report: Report) throws {
        let data = try JSONEncoder().encode(report)
        let tree = try JSONDecoder().decode(Node.self, from: data)
        var leaves: [(path: String, value: Double)] = []
        Self.walk(tree, path: "", into: &leaves)
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

    private static func walk(_ node: Node, path: String, into leaves: inout [(path: String, value: Double)]) {
        switch node {
        case .object(let object):
            for key in object.keys.sorted() {
                if let value = object[key] { walk(value, path: path.isEmpty ? key : path + "." + key, into: &leaves) }
            }
        case .array(let array):
            for (index, element) in array.enumerated() { walk(element, path: "\(path)[\(index)]", into: &leaves) }
        case .number(let number):
            leaves.append((path, number))
        case .other:
            return
        }
    }

    /// A JSON value as `JSONDecoder` reads it: numbers exactly as encoded; strings, booleans
    /// and nulls are not fields.
    enum Node: Decodable {
        case object([String: Node])
        case array([Node])
        case number(Double)
        case other

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: Decoder) throws {
            if let keyed = try? decoder.container(keyedBy: Key.self) {
                var object: [String: Node] = [:]
                for key in keyed.allKeys { object[key.stringValue] = try keyed.decode(Node.self, forKey: key) }
                self = .object(object)
            } else if var unkeyed = try? decoder.unkeyedContainer() {
                var array: [Node] = []
                while !unkeyed.isAtEnd { array.append(try unkeyed.decode(Node.self)) }
                self = .array(array)
            } else {
                let single = try decoder.singleValueContainer()
                if single.decodeNil() || (try? single.decode(Bool.self)) != nil {
                    self = .other
                } else if let number = try? single.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .other
                }
            }
        }
    }
}
