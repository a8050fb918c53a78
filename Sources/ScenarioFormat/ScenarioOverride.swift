import Foundation

/// One `--set PATH=VALUE`: a change to a scenario document made before it is read, so the
/// result is validated exactly like a file that said it (`mqlab run --set`, and the sweeps,
/// replications and comparisons built on the same patch).
///
/// `PATH` is dot-separated from the top of the document. In an array, a part is the `name` of
/// an element (`consumers.workers.instances`) or its index from 0 (`faults.0.at`). Missing
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
            let index = try position(of: part, in: elements, jsonPath: jsonPath, file: file)
            let here = jsonPath + "[\(index)]"
            if isLast {
                guard let value else {
                    throw error(file, "cannot remove \(here) with null: remove an element from the file itself")
                }
                elements[index] = value
                changed = here
            } else {
                elements[index] = try apply(at: depth + 1, to: elements[index], jsonPath: here, file: file, changed: &changed)
            }
            return .array(elements)
        default:
            throw error(file, "\(jsonPath) is \(node.brief), not an object or an array, so it has no \"\(part)\"")
        }
    }

    /// The index `part` designates in `elements`: a number, or the element named `part`.
    private func position(of part: String, in elements: [JSONValue], jsonPath: String, file: String) throws(ScenarioError) -> Int {
        if let index = Int(part) {
            guard elements.indices.contains(index) else {
                throw error(file, "\(jsonPath) has \(elements.count) element\(elements.count == 1 ? "" : "s"); index \(index) is out of range")
            }
            return index
        }
        let names = elements.map { element -> String? in
            if case .object(let members) = element, case .string(let name)? = members["name"] { return name }
            return nil
        }
        if let index = names.firstIndex(of: part) { return index }
        let kind = Self.kinds[String(jsonPath.dropFirst(2))] ?? "element"
        let known = names.compactMap { $0 }
        let hint = Suggestion.nearest(to: part, in: known).map { " (did you mean \"\($0)\"?)" }
            ?? (known.isEmpty ? "" : "; \(kind)s: " + NameList.short(known))
        throw error(file, "no \(kind) named \"\(part)\" in \(jsonPath)\(hint)")
    }

    private func error(_ file: String, _ message: String) -> ScenarioError {
        ScenarioError(file: file, path: "--set " + text, message: message)
    }
}
