import Expectations
import Foundation

/// A report as its JSON document: every leaf (number, null, boolean, string) by `ReportPath`,
/// in report order (object keys sorted, array elements by index), numbers with the kind of
/// quantity they hold.
///
/// It is the one walk of the report: `--format csv` prints its leaves, the catalog of valid
/// `expect` metrics and `Report.evaluate` read its numeric fields, and the run library's
/// replication summaries, sweeps, capacity searches and exercise checks read them through
/// `NumericFields`. Kinds are `MetricKind(path:)`'s, the one rule every user of a figure's unit
/// shares.
public struct ReportDocument {
    /// A leaf of the document.
    public enum Value: Equatable {
        /// A number, with its text as the JSON report writes it (`42`, `0.25`, `1.077e-06`).
        case number(Double, text: String)
        case null
        case bool(Bool)
        case string(String)
    }

    /// One leaf: where it is, what it holds, and (for numbers and nulls) what it measures.
    public struct Leaf {
        public var path: ReportPath
        public var value: Value
        public var kind: MetricKind
    }

    /// Every leaf, in report order.
    public private(set) var leaves: [Leaf] = []
    /// Maps keyed by entity name (brokers, consumers, producers, ledger destinations, each
    /// stream's groups), for messages about a path naming an entity the scenario lacks.
    public private(set) var entityMaps: [MetricCatalog.EntityMap] = []

    /// The document of `report`.
    /// - Throws: what `JSONEncoder` throws (nothing for a report built by this module).
    public init(_ report: Report) throws {
        // Decoded with JSONDecoder, not JSONSerialization: on Linux the latter's doubles may
        // differ from the encoded ones in the last bit (0.27158118400000003 read back as
        // …14), which `==` would see, and it reads some numbers as decimals whose text
        // differs from the report's (0.000035958000000000004 for 3.5958000000000004e-05).
        let data = try JSONEncoder().encode(report)
        let tree = try JSONDecoder().decode(Tree.self, from: data)
        walk(tree, path: .root)
        entityMaps = ReportDocument.entityMaps(of: report)
    }

    /// The maps of `report` keyed by entity name (`entityMaps` of its document), read from the
    /// report value without building the document.
    public static func entityMaps(of report: Report) -> [MetricCatalog.EntityMap] {
        var entityMaps: [MetricCatalog.EntityMap] = []
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
                entityMaps.append(MetricCatalog.EntityMap(prefix: ReportPath("brokers").appending(key: name).appending(key: "groups"),
                                                          noun: "consumer group", plural: "groups", names: groups.keys.sorted()))
            }
        }
        return entityMaps
    }

    /// The numeric fields (numbers, and nulls where a figure has no value), in report order.
    public var numericFields: [(path: ReportPath, value: Double?, kind: MetricKind)] {
        leaves.compactMap { leaf in
            switch leaf.value {
            case .number(let number, _): return (leaf.path, number, leaf.kind)
            case .null: return (leaf.path, nil, leaf.kind)
            case .bool, .string: return nil
            }
        }
    }

    private mutating func walk(_ value: Tree, path: ReportPath) {
        switch value {
        case .object(let object):
            for key in object.keys.sorted() { walk(object[key] ?? .null, path: path.appending(key: key)) }
        case .array(let array):
            for (i, element) in array.enumerated() { walk(element, path: path.appending(index: i)) }
        case .number(let number, let text):
            leaves.append(Leaf(path: path, value: .number(number, text: text), kind: MetricKind(path: path)))
        case .null:
            leaves.append(Leaf(path: path, value: .null, kind: MetricKind(path: path)))
        case .bool(let flag):
            leaves.append(Leaf(path: path, value: .bool(flag), kind: .count))
        case .string(let text):
            leaves.append(Leaf(path: path, value: .string(text), kind: .count))
        }
    }
}

extension ReportDocument {
    /// A JSON value as `JSONDecoder` reads it: numbers exactly as encoded.
    enum Tree: Decodable {
        case object([String: Tree])
        case array([Tree])
        case number(Double, text: String)
        case null
        case bool(Bool)
        case string(String)

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
            } else if let flag = try? single.decode(Bool.self) {
                self = .bool(flag)
            } else if let integer = try? single.decode(Int64.self) {
                self = .number(Double(integer), text: String(integer))
            } else if let number = try? single.decode(Double.self) {
                self = .number(number, text: Self.text(of: number))
            } else {
                self = .string((try? single.decode(String.self)) ?? "")
            }
        }

        /// `number` as `JSONEncoder` writes a `Double`: its shortest round-trip text, without
        /// a trailing `.0`.
        static func text(of number: Double) -> String {
            var text = number.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
    }
}
