/// Every numeric field a report of one scenario can have, by dotted path, with its kind; built
/// by Reporting from the report of the scenario's model before anything has run, so it
/// follows the real report shape.
///
/// Also names the maps keyed by entity (`brokers`, `consumers`, …), so a path naming an entity
/// the scenario lacks can say so.
public struct MetricCatalog: Sendable {
    /// Kind of each numeric field, by path (lookups only; `paths` gives a stable order).
    public private(set) var kinds: [String: MetricKind] = [:]
    /// Every path, in report order (sorted keys, arrays by index).
    public private(set) var paths: [String] = []
    /// Maps keyed by entity name, longest prefix first.
    public private(set) var entityMaps: [EntityMap] = []

    /// A report object whose keys are names of entities of the scenario.
    public struct EntityMap: Sendable, Equatable {
        /// Dotted path of the map (`brokers`, `brokers.orders.groups`).
        public var prefix: String
        /// What one key names, singular and plural ("queue", "queues").
        public var noun: String
        public var plural: String
        /// The names, in sorted order.
        public var names: [String]

        public init(prefix: String, noun: String, plural: String, names: [String]) {
            self.prefix = prefix
            self.noun = noun
            self.plural = plural
            self.names = names
        }
    }

    public init() {}

    /// Adds a numeric field (a later addition of the same path keeps the first kind).
    public mutating func add(_ path: String, kind: MetricKind) {
        guard kinds[path] == nil else { return }
        kinds[path] = kind
        paths.append(path)
    }

    public mutating func addEntityMap(_ map: EntityMap) {
        entityMaps.append(map)
        entityMaps.sort { $0.prefix.count > $1.prefix.count }
    }

    public func kind(of path: String) -> MetricKind? { kinds[path] }

    /// The segments that may follow `prefix` (a dotted path, "" for the top), in report order.
    public func children(of prefix: String) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for path in paths {
            guard let rest = MetricCatalog.remainder(of: path, after: prefix) else { continue }
            let segment = MetricCatalog.firstSegment(of: rest)
            if seen.insert(segment).inserted { result.append(segment) }
        }
        return result
    }

    /// Whether `prefix` is a path or the start of one, at a segment boundary.
    public func hasPrefix(_ prefix: String) -> Bool {
        kinds[prefix] != nil || paths.contains { MetricCatalog.remainder(of: $0, after: prefix) != nil }
    }

    /// `path` with `prefix` and the separator after it removed, or nil when `path` does not
    /// continue `prefix` at a segment boundary.
    static func remainder(of path: String, after prefix: String) -> Substring? {
        if prefix.isEmpty { return Substring(path) }
        guard path.count > prefix.count, path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        if rest.first == "." { return rest.dropFirst() }
        if rest.first == "[" { return rest }
        return nil
    }

    /// The first segment of a dotted path: up to the first `.`, or an `[i]` index.
    public static func firstSegment(of path: Substring) -> String {
        if path.first == "[" { return String(path.prefix { $0 != "]" }) + (path.contains("]") ? "]" : "") }
        return String(path.prefix { $0 != "." && $0 != "[" })
    }
}
