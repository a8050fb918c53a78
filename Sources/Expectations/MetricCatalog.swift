/// Every numeric field a report of one scenario can have, by path, with its kind; built
/// by Reporting from the report of the scenario's model before anything has run, so it
/// follows the real report shape.
///
/// Also names the maps keyed by entity (`brokers`, `consumers`, …), so a path naming an entity
/// the scenario lacks can say so.
public struct MetricCatalog: Sendable {
    /// Kind of each numeric field, by path (lookups only; `paths` gives a stable order).
    public private(set) var kinds: [ReportPath: MetricKind] = [:]
    /// Every path, in report order (sorted keys, arrays by index).
    public private(set) var paths: [ReportPath] = []
    /// Maps keyed by entity name, longest prefix first.
    public private(set) var entityMaps: [EntityMap] = []

    /// A report object whose keys are names of entities of the scenario.
    public struct EntityMap: Sendable, Equatable {
        /// Path of the map (`brokers`, `brokers.orders.groups`).
        public var prefix: ReportPath
        /// What one key names, singular and plural ("queue", "queues").
        public var noun: String
        public var plural: String
        /// The names, in sorted order.
        public var names: [String]

        public init(prefix: ReportPath, noun: String, plural: String, names: [String]) {
            self.prefix = prefix
            self.noun = noun
            self.plural = plural
            self.names = names
        }
    }

    public init() {}

    /// Adds a numeric field (a later addition of the same path keeps the first kind).
    public mutating func add(_ path: ReportPath, kind: MetricKind) {
        guard kinds[path] == nil else { return }
        kinds[path] = kind
        paths.append(path)
    }

    /// Adds a map of entities, before every map with a shorter prefix.
    public mutating func addEntityMap(_ map: EntityMap) {
        let position = entityMaps.firstIndex { $0.prefix.text.count < map.prefix.text.count } ?? entityMaps.endIndex
        entityMaps.insert(map, at: position)
    }

    public func kind(of path: ReportPath) -> MetricKind? { kinds[path] }

    /// The segments that may follow `prefix` (`.root` for the top), as written, in report order:
    /// after a map of entities, all their names (also those whose fields a catalog built for
    /// a few metrics left out).
    public func children(of prefix: ReportPath) -> [String] {
        if let map = entityMaps.first(where: { $0.prefix == prefix }) { return map.names }
        var seen: Set<String> = []
        var result: [String] = []
        for path in paths {
            guard let rest = path.remainder(after: prefix) else { continue }
            let segment = ReportPath.firstSegment(of: rest)
            if seen.insert(segment).inserted { result.append(segment) }
        }
        return result
    }

    /// Whether `prefix` is a path or the start of one, at a segment boundary.
    public func hasPrefix(_ prefix: ReportPath) -> Bool {
        kinds[prefix] != nil || paths.contains { $0.remainder(after: prefix) != nil }
    }
}
