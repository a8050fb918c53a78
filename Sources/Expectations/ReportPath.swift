/// The address of one value in the JSON report: object keys joined by dots, array positions
/// in brackets — `brokers.jobs.latency.endToEnd.p99`, `brokers.orders.partitions[0].enqueued`.
///
/// It is the one spelling of a report figure everywhere a user names one: the `metric` column
/// of `mqlab run --format csv`, a scenario's `expect`, `mqlab sweep --metric`, `mqlab capacity
/// --until`, replication summaries and exercise objectives. The report contract (the README's
/// Report section) writes paths without quoting, so a key that contains a dot (a queue named
/// `orders.eu`) is written as it is: `brokers.orders.eu.depth.max`. The text is the identity
/// (two paths are equal when they are spelt the same); `segments` splits it at every dot, and
/// code that knows the report's entity names resolves a dotted name with `longestName`.
public struct ReportPath: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The path as written (`""` for the whole report).
    public let text: String

    /// One step of a path: an object key or an array position (zero-based).
    public enum Segment: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The path spelt `text`; any text is accepted (a path that names no field is found
    /// nowhere, and the catalog explains why).
    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    /// The whole report.
    public static let root = ReportPath("")

    public var description: String { text }
    public var isRoot: Bool { text.isEmpty }

    /// The path of `key` inside the object at this path.
    public func appending(key: String) -> ReportPath {
        ReportPath(text.isEmpty ? key : text + "." + key)
    }

    /// The path of element `index` of the array at this path.
    public func appending(index: Int) -> ReportPath {
        ReportPath(text + "[" + String(index) + "]")
    }

    /// Keys and indices, in order: `a.b[2].c` is key a, key b, index 2, key c. A bracket that
    /// does not hold a number is read as part of a key.
    public var segments: [Segment] {
        var result: [Segment] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let segment = ReportPath.firstSegment(of: rest)
            if segment.hasPrefix("["), segment.hasSuffix("]"), let index = Int(segment.dropFirst().dropLast()) {
                result.append(.index(index))
            } else {
                result.append(.key(segment))
            }
            rest = rest.dropFirst(segment.count)
            if rest.first == "." { rest = rest.dropFirst() }
        }
        return result
    }

    /// The text after the last dot (`p99` of `latency.endToEnd.p99`, `max[3]` of
    /// `depthSeries.max[3]`): the name the report's units are read from.
    public var lastComponent: Substring {
        guard let dot = text.lastIndex(of: ".") else { return Substring(text) }
        return text[text.index(after: dot)...]
    }

    /// This path with `prefix` and the separator after it removed, or nil when it does not
    /// continue `prefix` at a segment boundary (`brokers.jobs.depth` after `brokers.jobs` is
    /// `depth`; after `brokers.job` it is nil).
    public func remainder(after prefix: ReportPath) -> Substring? {
        if prefix.text.isEmpty { return Substring(text) }
        guard text.count > prefix.text.count, text.hasPrefix(prefix.text) else { return nil }
        let rest = text.dropFirst(prefix.text.count)
        if rest.first == "." { return rest.dropFirst() }
        if rest.first == "[" { return rest }
        return nil
    }

    /// The first segment of the text of a path, as written: up to the first `.`, or an `[i]`
    /// index (an unclosed bracket runs to the end).
    public static func firstSegment(of path: Substring) -> String {
        if path.first == "[" { return String(path.prefix { $0 != "]" }) + (path.contains("]") ? "]" : "") }
        return String(path.prefix { $0 != "." && $0 != "[" })
    }

    /// The longest of `names` that `rest` (the text of a path after a map of entities, such as
    /// after `brokers.`) starts with, followed by a segment boundary: how a name containing
    /// dots is told from the keys after it. Nil when none does.
    public static func longestName(_ names: [String], startingAt rest: Substring) -> String? {
        names.filter { name in rest == name || rest.hasPrefix(name + ".") || rest.hasPrefix(name + "[") }
            .max { $0.count < $1.count }
    }

    /// The entity of the map at `map` (`brokers`, `ledger.destinations`) this path is about,
    /// among `names` (the scenario's names for that map): `jobs` for
    /// `brokers.jobs.depth.max`, `orders.eu` for `brokers.orders.eu.depth.max`. Nil when the
    /// path is not inside that map or names none of them.
    public func entity(in map: ReportPath, among names: [String]) -> String? {
        remainder(after: map).flatMap { ReportPath.longestName(names, startingAt: $0) }
    }

    /// Maps whose counts the report leaves out when they are zero: a path inside one that a
    /// report lacks reads as 0.
    public static let zeroWhenAbsent: [ReportPath] = ["messages.deadLetteredByReason", "messages.droppedByReason",
                                                      "messages.lostByReason", "messages.attemptsPerMessage"]

    /// Whether a report without this field means the field is 0 (a count in one of the maps
    /// of `zeroWhenAbsent`).
    public var isZeroWhenAbsent: Bool {
        ReportPath.zeroWhenAbsent.contains { remainder(after: $0) != nil }
    }

    public static func < (a: ReportPath, b: ReportPath) -> Bool { a.text < b.text }
}
