import Expectations
import Foundation

/// The numeric fields of a report's JSON form, by dotted path (`latency.endToEnd.p99`,
/// `brokers.orders.partitions[0].enqueued`), with the kind of quantity each holds.
///
/// Paths are the ones `--format csv` prints. Kinds follow the report's naming: a field of a
/// latency summary (an object with `count` and `p999`) other than `count`, and any field named
/// `…Seconds` or inside one, is in seconds; `…PerSecond` and a rate limit's `rate` are per
/// second; `utilization` and `errorRate` are fractions; everything else counts.
///
/// The catalog of valid `expect` metrics and the run library's replication summaries both
/// read reports through it.
public struct ReportFields {
    /// Value of each numeric field (nil for an explicit null), in report order.
    public private(set) var values: [(path: String, value: Double?, kind: MetricKind)] = []
    /// Maps keyed by entity name: (dotted path, noun, names).
    var entityMaps: [MetricCatalog.EntityMap] = []

    /// The fields of `report`.
    /// - Throws: what `JSONEncoder` throws (nothing for a report built by this module).
    public init(_ report: Report) throws {
        // Decoded with JSONDecoder, not JSONSerialization: on Linux the latter's doubles may
        // differ from the encoded ones in the last bit (0.27158118400000003 read back as
        // …14), which `==` would see.
        let data = try JSONEncoder().encode(report)
        let tree = try JSONDecoder().decode(Tree.self, from: data)
        walk(tree, path: "", inSeconds: false, parent: nil)
        let brokers = report.brokers.keys.sorted()
        let allQueues = !report.brokers.isEmpty && report.brokers.values.allSatisfy { $0.type == "queue" }
        entityMaps.append(MetricCatalog.EntityMap(prefix: "brokers", noun: allQueues ? "queue" : "broker",
                                                  plural: allQueues ? "queues" : "brokers", names: brokers))
        entityMaps.append(MetricCatalog.EntityMap(prefix: "consumers", noun: "consumer", plural: "consumers", names: report.consumers.keys.sorted()))
        if let producers = report.producers {
            entityMaps.append(MetricCatalog.EntityMap(prefix: "producers", noun: "producer", plural: "producers", names: producers.keys.sorted()))
        }
        entityMaps.append(MetricCatalog.EntityMap(prefix: "ledger.destinations", noun: "ledger destination", plural: "destinations",
                                                  names: report.ledger.destinations.keys.sorted()))
        for name in brokers {
            if let groups = report.brokers[name]?.groups {
                entityMaps.append(MetricCatalog.EntityMap(prefix: "brokers.\(name).groups", noun: "consumer group", plural: "groups", names: groups.keys.sorted()))
            }
        }
    }

    private mutating func walk(_ value: Tree, path: String, inSeconds: Bool, parent: [String: Tree]?) {
        switch value {
        case .object(let object):
            for key in object.keys.sorted() {
                let child = path.isEmpty ? key : path + "." + key
                walk(object[key] ?? .other, path: child, inSeconds: inSeconds || key.hasSuffix("Seconds"), parent: object)
            }
        case .array(let array):
            for (i, element) in array.enumerated() { walk(element, path: "\(path)[\(i)]", inSeconds: inSeconds, parent: nil) }
        case .number(let number):
            values.append((path, number, Self.kind(of: path, inSeconds: inSeconds, parent: parent)))
        case .null:
            values.append((path, nil, Self.kind(of: path, inSeconds: inSeconds, parent: parent)))
        case .other:
            return   // strings and booleans
        }
    }

    static func kind(of path: String, inSeconds: Bool, parent: [String: Tree]?) -> MetricKind {
        let key = String(path.split(separator: ".").last ?? "")
        if key.hasSuffix("PerSecond") || path.hasSuffix("rateLimit.rate") { return .perSecond }
        if key == "utilization" || key == "errorRate" { return .fraction }
        if inSeconds { return .seconds }
        if let parent, parent["count"] != nil, parent["p999"] != nil, key != "count" { return .seconds }
        return .count
    }
}

extension ReportFields {
    /// A JSON value as `JSONDecoder` reads it: numbers exactly as encoded.
    enum Tree: Decodable {
        case object([String: Tree])
        case array([Tree])
        case number(Double)
        case null
        /// A string or a boolean: not a metric.
        case other

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: Decoder) throws {
            if let keyed = try? decoder.container(keyedBy: Key.self) {
                var object: [String: Tree] = [:]
                for key in keyed.allKeys { object[key.stringValue] = try keyed.decode(Tree.self, forKey: key) }
                self = .object(object)
                return
            }
            if var unkeyed = try? decoder.unkeyedContainer() {
                var array: [Tree] = []
                while !unkeyed.isAtEnd { array.append(try unkeyed.decode(Tree.self)) }
                self = .array(array)
                return
            }
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if (try? single.decode(Bool.self)) != nil {
                self = .other
            } else if let number = try? single.decode(Double.self) {
                self = .number(number)
            } else {
                self = .other
            }
        }
    }
}
