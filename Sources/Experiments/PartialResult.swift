import Expectations
import Foundation

/// The share of an experiment one `--shard i/n` ran: the experiment's description and the
/// numeric report fields of each of its items. `mqlab merge` puts the shards back together
/// and renders exactly what the unsharded command prints.
///
/// JSON shape (keys sorted): `{"mqlabPartial": 1, "shard": {"index": i, "count": n},
/// "items": total, "replications" | "sweep": {…the command's settings…},
/// "results": [{"index": k, "fields": {path: number, …}}, …]}`. Numbers are written in the
/// shortest form that reads back as the same bits, so a merged result is byte-identical to
/// an unsharded one.
public struct PartialResult: Sendable, Codable, Equatable {
    /// The version of this format.
    public var mqlabPartial = 1
    public var shard: Shard
    /// Items of the whole experiment.
    public var items: Int
    public var replications: ReplicationOutput?
    public var sweep: SweepOutput?
    public var results: [Item]

    public struct Item: Sendable, Codable, Equatable {
        public var index: Int
        public var fields: [String: Double]
    }

    public init(shard: Shard, items: Int, replications: ReplicationOutput? = nil, sweep: SweepOutput? = nil,
                results: [(index: Int, fields: NumericFields)]) {
        self.shard = shard
        self.items = items
        self.replications = replications
        self.sweep = sweep
        self.results = results.map { item in
            Item(index: item.index, fields: Dictionary(item.fields.values.map { ($0.path.text, $0.value) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// The partial result as JSON text.
    public func encoded() throws -> String { try ReplicationOutput.encode(self) }

    /// Reads a partial result written by `encoded()`.
    /// - Throws: `MergeError` naming `file` when it is not one.
    public static func decode(_ data: Data, file: String) throws(MergeError) -> PartialResult {
        let part: PartialResult
        do {
            part = try JSONDecoder().decode(PartialResult.self, from: data)
        } catch {
            throw MergeError("\(file): not a partial result of mqlab --shard (\(Self.describe(error)))")
        }
        guard part.mqlabPartial == 1 else {
            throw MergeError("\(file): partial result version \(part.mqlabPartial); this mqlab reads version 1")
        }
        guard (part.replications == nil) != (part.sweep == nil) else {
            throw MergeError("\(file): a partial result names exactly one of replications or sweep")
        }
        return part
    }

    private static func describe(_ error: Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .keyNotFound(let key, _): return "no \"\(key.stringValue)\" key"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
            @unknown default: return "\(error)"
            }
        }
        return "\(error)"
    }

    /// What the parts make together: the experiment's settings and every item's fields in
    /// item order.
    public struct Merged: Sendable {
        public var replications: ReplicationOutput?
        public var sweep: SweepOutput?
        public var items: [NumericFields]

        /// The output the unsharded command prints.
        public func render() throws -> String {
            if let replications { return try replications.render(items) }
            if let sweep { return try sweep.render(items) }
            return ""
        }
    }

    /// Combines the parts of one experiment, in any order.
    /// - Throws: `MergeError` when the parts belong to different experiments or shardings,
    ///   a shard is given twice, or one is missing (naming it).
    public static func merge(_ parts: [(file: String, part: PartialResult)]) throws(MergeError) -> Merged {
        guard let (firstFile, first) = parts.first else { throw MergeError("no partial results given") }
        var seen: [Int: String] = [:]
        for (file, part) in parts {
            guard part.replications == first.replications, part.sweep == first.sweep, part.items == first.items else {
                throw MergeError("\(file) and \(firstFile) are shards of different experiments (scenario, settings, seeds or format differ)")
            }
            guard part.shard.count == first.shard.count else {
                throw MergeError("\(file) is shard \(part.shard.index)/\(part.shard.count) but \(firstFile) is one of \(first.shard.count) shards")
            }
            if let other = seen[part.shard.index] {
                throw MergeError("\(file) and \(other) are both shard \(part.shard.index)/\(part.shard.count)")
            }
            seen[part.shard.index] = file
        }
        let missing = (0..<first.shard.count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw MergeError("missing shard\(missing.count == 1 ? "" : "s") " + missing.prefix(10).map { "\($0)/\(first.shard.count)" }.joined(separator: ", ")
                + (missing.count > 10 ? " and \(missing.count - 10) more" : "") + " of \(first.shard.count)")
        }
        var items = [NumericFields?](repeating: nil, count: first.items)
        for (file, part) in parts {
            let expected = part.shard.items(of: part.items)
            guard part.results.map(\.index) == expected else {
                throw MergeError("\(file): shard \(part.shard.index)/\(part.shard.count) should hold items \(expected.prefix(5).map(String.init).joined(separator: ", "))\(expected.count > 5 ? ", …" : ""); it holds others")
            }
            for result in part.results {
                items[result.index] = NumericFields(values: result.fields.map { (ReportPath($0.key), $0.value) })
            }
        }
        return Merged(replications: first.replications, sweep: first.sweep, items: items.compactMap { $0 })
    }
}

/// Partial results that cannot be merged.
public struct MergeError: Error, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
