import Expectations
import Foundation

/// One `--set PATH=VALUE`: a change to a scenario document made before it is read, so the
/// result is validated exactly like a file that said it (`mqlab run --set`, and the sweeps,
/// replications and comparisons built on the same patch).
///
/// `PATH` is dot-separated from the top of the document. In an array, a part is the `name` of
/// an element (`consumers.workers.instances`) or its index from 0 (`faults.0.at`). A name that
/// contains dots is written as it is and matched whole, the longest name that fits first, as
/// report paths are (`ReportPath.longestName`): with brokers `orders` and `orders.eu`,
/// `brokers.orders.eu.maxLength` sets the maxLength of `orders.eu`. A name wins over an index
/// (a broker named `0`). Missing
/// objects on the way are created (`consumers.workers.retry.maxAttempts=3` adds a `retry`).
/// `VALUE` is read as JSON when it is JSON (`6`, `0.5`, `true`, `{"constant": "1s"}`,
/// `"quoted"`) and as a string otherwise (`40ms`, `fanout`); `null` removes the key.
public struct ScenarioOverride: Sendable, Equatable {
    /// The argument as written, for messages.
    public let text: String
    /// The parts of the path.
    public let path: [String]
    /// The new value; nil removes the key.
    public let value: JSONValue?

    /// Reads `PATH=VALUE`.
    /// - Throws: `ScenarioError` (file `--set`) when there is no `=` or the path is empty or
    ///   has an empty part.
    public init(_ text: String) throws(ScenarioError) {
        self.text = text
        guard let equals = text.firstIndex(of: "=") else {
            throw ScenarioError(file: "--set", path: text, message: "expected PATH=VALUE, such as consumers.workers.instances=6")
        }
        let path = text[..<equals].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.isEmpty, !path.contains(where: \.isEmpty) else {
            throw ScenarioError(file: "--set", path: text, message: "the path before \"=\" has an empty part; expected names separated by dots, such as producers.web.arrivals.poisson.rate")
        }
        self.path = path
        let written = String(text[text.index(after: equals)...])
        value = ScenarioOverride.value(written)
    }

    /// `written` as JSON if it parses as JSON (nil for `null`), else as a string.
    static func value(_ written: String) -> JSONValue? {
        let trimmed = written.trimmingCharacters(in: .whitespaces)
        if trimmed == "null" { return nil }
        if let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed]) {
            return JSONValue(foundation: object)
        }
        return .string(written)
    }

    /// The singular of the arrays of named entities, for messages.
    private static let kinds = ["brokers": "broker", "producers": "producer", "consumers": "consumer"]

    /// `root` with this change made, and the JSON path it changed (`$.consumers[0].instances`).
    /// - Parameter file: the scenario file, for error messages.
    /// - Throws: `ScenarioError` when a part names no element of an array, indexes past its
    ///   end, or goes through a value that is neither an object nor an array.
    public func apply(to root: JSONValue, file: String) throws(ScenarioError) -> (JSONValue, changed: String) {
        var changed = "$"
        let result = try apply(at: 0, to: root, jsonPath: "$", file: file, changed: &changed)
        return (result, changed)
    }

    private func apply(at depth: Int, to node: JSONValue, jsonPath: String, file: String,
                       changed: inout String) throws(ScenarioError) -> JSONValue {
        let part = path[depth]
        let isLast = depth == path.count - 1
        switch node {
        case .object(var members):
            let here = jsonPath + "." + part
            if isLast {
                members[part] = value
                changed = here
            } else {
                members[part] = try apply(at: depth + 1, to: members[part] ?? .object([:]), jsonPath: here, file: file, changed: &changed)
            }
            return .object(members)
        case .array(var elements):
            let (index, parts) = try position(at: depth, in: elements, jsonPath: jsonPath, file: file)
            let here = jsonPath + "[\(index)]"
            if depth + parts == path.count {
                guard let value else {
                    throw error(file, "cannot remove \(here) with null: remove an element from the file itself")
                }
                elements[index] = value
                changed = here
            } else {
                elements[index] = try apply(at: depth + parts, to: elements[index], jsonPath: here, file: file, changed: &changed)
            }
            return .array(elements)
        default:
            throw error(file, "\(jsonPath) is \(node.brief), not an object or an array, so it has no \"\(part)\"")
        }
    }

    /// The value at `path` in `root`, found as `apply` finds it (array elements by name, a
    /// name containing dots whole and the longest first, else by index); nil when the path
    /// leads nowhere.
    public static func value(at path: [String], in root: JSONValue) -> JSONValue? {
        var node = root
        var depth = 0
        while depth < path.count {
            switch node {
            case .object(let members):
                guard let next = members[path[depth]] else { return nil }
                node = next
                depth += 1
            case .array(let elements):
                if let (index, parts) = nameMatch(path, at: depth, names: names(elements)) {
                    node = elements[index]
                    depth += parts
                } else if let index = Int(path[depth]), elements.indices.contains(index) {
                    node = elements[index]
                    depth += 1
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
        return node
    }

    /// The `name`s of the elements of an array (nil for an element without one).
    static func names(_ elements: [JSONValue]) -> [String?] {
        elements.map { element -> String? in
            if case .object(let members) = element, case .string(let name)? = members["name"] { return name }
            return nil
        }
    }

    /// The parts of the path from `depth` that name an element of an array of `names`: the
    /// longest name the rest of the path starts with (whole parts), else nil.
    static func nameMatch(_ path: [String], at depth: Int, names: [String?]) -> (index: Int, parts: Int)? {
        let rest = Substring(path[depth...].joined(separator: "."))
        guard let name = ReportPath.longestName(names.compactMap { $0 }, startingAt: rest),
              let index = names.firstIndex(of: name) else { return nil }
        return (index, name.split(separator: ".", omittingEmptySubsequences: false).count)
    }

    /// The element the path designates from `depth` in `elements`, and how many parts of the
    /// path its designation takes: the element whose name the path continues with (longest
    /// first), else the index the part spells.
    private func position(at depth: Int, in elements: [JSONValue], jsonPath: String, file: String) throws(ScenarioError) -> (index: Int, parts: Int) {
        let names = Self.names(elements)
        if let match = Self.nameMatch(path, at: depth, names: names) { return match }
        let part = path[depth]
        if let index = Int(part) {
            guard elements.indices.contains(index) else {
                throw error(file, "\(jsonPath) has \(elements.count) element\(elements.count == 1 ? "" : "s"); index \(index) is out of range")
            }
            return (index, 1)
        }
        let kind = Self.kinds[String(jsonPath.dropFirst(2))] ?? "element"
        let known = names.compactMap { $0 }
        if let (name, parts) = Self.nearestName(to: path, at: depth, among: known) {
            let word = path[depth..<(depth + parts)].joined(separator: ".")
            let fixed = (path[..<depth] + [name] + path[(depth + parts)...]).joined(separator: ".")
            throw error(file, "no \(kind) named \"\(word)\" in \(jsonPath) (did you mean \"\(fixed)\"?)")
        }
        throw error(file, "no \(kind) named \"\(part)\" in \(jsonPath)" + (known.isEmpty ? "" : "; \(kind)s: " + NameList.short(known)))
    }

    /// The name nearest to the parts of `path` from `depth` that it would replace (as many
    /// parts as the name has, so `web.2` is compared with `web.1`), and that number of parts;
    /// nil when no name is near (`Suggestion.nearest`'s rule).
    static func nearestName(to path: [String], at depth: Int, among names: [String]) -> (name: String, parts: Int)? {
        var best: (name: String, parts: Int, distance: Int)?
        let widths = Set(names.map { $0.split(separator: ".", omittingEmptySubsequences: false).count }).sorted()
        for width in widths where depth + width <= path.count {
            let word = path[depth..<(depth + width)].joined(separator: ".")
            let sameWidth = names.filter { $0.split(separator: ".", omittingEmptySubsequences: false).count == width }
            guard let name = Suggestion.nearest(to: word, in: sameWidth) else { continue }
            let distance = Suggestion.editDistance(Array(word.lowercased()), Array(name.lowercased()))
            if distance < (best?.distance ?? .max) { best = (name, width, distance) }
        }
        return best.map { ($0.name, $0.parts) }
    }

    private func error(_ file: String, _ message: String) -> ScenarioError {
        ScenarioError(file: file, path: "--set " + text, message: message)
    }
}
