import Expectations
import Foundation

/// The numeric fields of a report's JSON form, by dotted path (`latency.endToEnd.p99`,
/// `brokers.orders.partitions[0].enqueued`), with the kind of quantity each holds.
///
/// Paths are the ones `--format csv` prints. Kinds follow the report's naming: a field of a
/// latency summary (an object with `count` and `p999`) other than `count`, and any field named
/// `…Seconds` or inside one, is in seconds; `…PerSecond` and a rate limit's `rate` are per
/// second; `utilization` and `errorRate` are fractions; everything else counts.
struct ReportFields {
    /// Value of each numeric field (nil for an explicit null), in report order.
    var values: [(path: String, value: Double?, kind: MetricKind)] = []
    /// Maps keyed by entity name: (dotted path, noun, names).
    var entityMaps: [MetricCatalog.EntityMap] = []

    /// The fields of `report`.
    /// - Throws: what `JSONEncoder` throws (nothing for a report built by this module).
    init(_ report: Report) throws {
        let data = try JSONEncoder().encode(report)
        let tree = try JSONSerialization.jsonObject(with: data)
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

    private mutating func walk(_ value: Any, path: String, inSeconds: Bool, parent: [String: Any]?) {
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                let child = path.isEmpty ? key : path + "." + key
                walk(object[key] as Any, path: child, inSeconds: inSeconds || key.hasSuffix("Seconds"), parent: object)
            }
        case let array as [Any]:
            for (i, element) in array.enumerated() { walk(element, path: "\(path)[\(i)]", inSeconds: inSeconds, parent: nil) }
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return }   // a boolean
            values.append((path, number.doubleValue, Self.kind(of: path, inSeconds: inSeconds, parent: parent)))
        case is NSNull:
            values.append((path, nil, Self.kind(of: path, inSeconds: inSeconds, parent: parent)))
        default:
            return   // strings
        }
    }

    static func kind(of path: String, inSeconds: Bool, parent: [String: Any]?) -> MetricKind {
        let key = String(path.split(separator: ".").last ?? "")
        if key.hasSuffix("PerSecond") || path.hasSuffix("rateLimit.rate") { return .perSecond }
        if key == "utilization" || key == "errorRate" { return .fraction }
        if inSeconds { return .seconds }
        if let parent, parent["count"] != nil, parent["p999"] != nil, key != "count" { return .seconds }
        return .count
    }
}
