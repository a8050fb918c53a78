import Foundation
import MessagingModels
import SimulationKernel
import Expectations
import Technologies

/// A scenario file, decoded, validated and turned into a `SystemModel`.
///
/// ```json
/// { "name": "task-queue", "description": "…", "seed": 42, "duration": "10m",
///   "brokers": [{ "name": "jobs", "type": "queue" }],
///   "producers": [{ "name": "web", "publishTo": "jobs", "arrivals": { "poisson": { "rate": 80 } } }],
///   "consumers": [{ "name": "workers", "consumeFrom": "jobs", "instances": 4,
///                   "service": { "exponential": { "mean": "40ms" } } }] }
/// ```
/// Top-level keys: `version` (1), `name` (required), `description`, `seed` (integer ≥ 0,
/// default 1), `duration` (publishing window), `warmup` (default 0), `drainTimeout` (default
/// 1h), `brokers`, `producers`, `consumers`, `faults`, `expect` (requirements on the report). See README.md and `Scenarios/scenario.schema.json`.
public struct Scenario: Sendable {
    /// Largest seed, in a scenario or on the command line: 2⁵³ − 1, the largest integer a JSON
    /// number holds exactly in every parser (so a seed echoed in a report can be written back).
    public static let maxSeed = 9_007_199_254_740_991

    /// Highest scenario format version this build reads.
    public static let supportedVersion = 1

    public var name: String
    /// What the scenario shows and what to look at in its report.
    public var description: String
    /// The file it came from, as named by the user.
    public var file: String
    public var model: SystemModel
    /// Valid but suspicious input found while reading (a duration written as a bare number), in
    /// document order; the run goes ahead.
    public var warnings: [ScenarioWarning] = []
    /// The `--set` changes made to the document before it was read, as written, in order.
    public var overrides: [String] = []
    /// Requirements on the report (`expect`), in document order; their metrics are checked
    /// against the report's shape by `checkExpectations(against:)`, not when reading.
    public var expectations: [MetricExpectation] = []
    /// The technology of each broker that has one (its own `technology`, or the scenario's),
    /// by broker name (TechnologyPresets.swift).
    public var technologies: [String: Technology] = [:]

    /// Reads and validates the scenario at `path`.
    /// - Throws: `ScenarioErrors` listing every problem (unreadable file, malformed JSON,
    ///   invalid values), each with the file and JSON path.
    /// - Parameter overrides: `--set` changes made to the document before it is read, in order.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioErrors) -> Scenario {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ScenarioErrors([ScenarioError(file: path, path: "$", message: "is a folder; expected a scenario file (only mqlab run, validate and list take folders)")])
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw ScenarioErrors([ScenarioError(file: path, path: "$", message: reason)])
        }
        return try decode(data, file: path, overrides: overrides)
    }

    /// Decodes and validates scenario bytes; `file` names them in error messages.
    /// - Parameter overrides: `--set` changes made to the document before it is read, in order.
    /// - Throws: `ScenarioErrors` listing every problem found.
    public static func decode(_ data: Data, file: String, overrides: [ScenarioOverride] = []) throws(ScenarioErrors) -> Scenario {
        try decode(data, file: file, overrides: overrides, limits: .standard)
    }

    /// Decodes scenario bytes with every broker on `technology` (the scenario's own
    /// `technology` keys are replaced, `TechnologyPresets.setting`), after the `overrides`.
    /// - Throws: `ScenarioErrors` listing every problem found, such as a broker type the
    ///   technology does not offer or a key beyond its limits.
    public static func decode(_ data: Data, file: String, technology: Technology,
                              overrides: [ScenarioOverride] = []) throws(ScenarioErrors) -> Scenario {
        try decode(data, file: file, overrides: overrides, limits: .standard, technology: technology)
    }

    /// `decode(_:file:overrides:)` keeping as much detail as `limits` allows.
    static func decode(_ data: Data, file: String, overrides: [ScenarioOverride] = [],
                       limits: Diagnostics.Limits, technology: Technology? = nil) throws(ScenarioErrors) -> Scenario {
        let diagnostics = Diagnostics(file: file, limits: limits)
        var root: JSONValue
        let structure: JSONText.Structure
        do {
            (root, structure) = try JSONText.parse(data)
        } catch {
            throw ScenarioErrors([ScenarioError(file: file, path: error.path, message: error.message)])
        }
        diagnostics.numberLiterals = structure.numberLiterals
        for override in overrides {
            let changed: String
            do {
                (root, changed) = try override.apply(to: root, file: file)
            } catch {
                throw ScenarioErrors([error])
            }
            // Messages quote the new value, not a number literal the file had there.
            diagnostics.numberLiterals = diagnostics.numberLiterals.filter { !($0.key == changed || $0.key.hasPrefix(changed + ".") || $0.key.hasPrefix(changed + "[")) }
        }
        for duplicate in structure.duplicateKeys {
            diagnostics.report(duplicate.path, "key \"\(duplicate.key)\" appears twice in this object (again at line \(duplicate.line), column \(duplicate.column)); JSON keys must be unique, and only the last value would count")
        }
        if let technology { root = TechnologyPresets.setting(technology, in: root) }
        let technologies: [String: Technology]
        (root, technologies) = TechnologyApplication(diagnostics: diagnostics).apply(root)
        let reader = ScenarioReader(diagnostics: diagnostics)
        let scenario = reader.read(root, file: file)
        diagnostics.resolveLimitErrors()
        if !diagnostics.isEmpty {
            var errors = ScenarioErrors(diagnostics.errors, omitted: diagnostics.omitted)
            // Only malformed `expect` entries: the rest can still be checked (ScenarioLoader).
            if var partial = scenario, diagnostics.omitted == 0, errors.errors.allSatisfy({ ScenarioErrors.isExpectation($0.path) }) {
                partial.warnings = diagnostics.warnings
                partial.technologies = technologies
                errors.expectationsOnly = partial
            }
            throw errors
        }
        guard var scenario else {
            throw ScenarioErrors([ScenarioError(file: file, path: "$", message: "invalid scenario")])
        }
        scenario.warnings = diagnostics.warnings
        scenario.overrides = overrides.map(\.text)
        scenario.technologies = technologies
        // A quorum queue dead-letters past its delivery limit with RabbitMQ's reason.
        for index in scenario.model.queues.indices where technologies[scenario.model.queues[index].name] == .rabbitmqQuorum {
            scenario.model.queues[index].deadLetter?.limitReason = .deliveryLimit
        }
        return scenario
    }
}

/// Parsing JSON text with Foundation, with syntax errors turned into line and column.
enum JSONText {
    struct SyntaxError: Error {
        var message: String
        /// Where it is, when known beyond the whole document.
        var path = "$"
    }

    /// Parses `data`, after checking what Foundation reports poorly or not at all (invalid
    /// UTF-8, emptiness, trailing commas, nesting deeper than `maxDepth`); returns the value
    /// and the structure found on the way (repeated keys, long number literals).
    /// - Throws: `SyntaxError` with line and column.
    static func parse(_ data: Data) throws(SyntaxError) -> (JSONValue, Structure) {
        if let offset = firstInvalidUTF8(data) {
            let (line, column) = position(of: offset, in: data)
            throw SyntaxError(message: "the file is not valid UTF-8: invalid byte 0x\(String(data[data.startIndex + offset], radix: 16, uppercase: true)) at line \(line), column \(column) (byte \(offset))")
        }
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw SyntaxError(message: "the file is empty; expected a JSON object")
        }
        if let offset = trailingComma(in: data) {
            let (line, column) = position(of: offset, in: data)
            throw SyntaxError(message: "invalid JSON at line \(line), column \(column): trailing comma before a closing bracket (JSON allows none)")
        }
        let structure = scan(data)
        if let deep = structure.tooDeep {
            throw SyntaxError(message: "invalid JSON at line \(deep.line), column \(deep.column): arrays and objects nested deeper than \(maxDepth) levels (a scenario needs a handful; is a bracket not closed?)", path: abbreviated(deep.path))
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw SyntaxError(message: describe(error, data: data))
        }
        return (JSONValue(foundation: object), structure)
    }

    /// A JSON path cut in the middle when it is too long to read ("$.a[0][0]…[0][0]").
    static func abbreviated(_ path: String, limit: Int = 80) -> String {
        guard path.count > limit else { return path }
        return String(path.prefix(limit / 2)) + "…" + String(path.suffix(limit / 2))
    }

    /// Turns Foundation's "… around character N." into a line and column.
    static func describe(_ error: Error, data: Data) -> String {
        let debug = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        if debug.localizedCaseInsensitiveContains("not representable") {
            return "invalid JSON: " + debug.trimmingCharacters(in: CharacterSet(charactersIn: ". ")) + " (numbers must lie within about ±1.8e308)"
        }
        if debug.localizedCaseInsensitiveContains("surrogate") || debug.localizedCaseInsensitiveContains("no high character") {
            return "invalid JSON: a \\u escape is half of a surrogate pair (\\uD800–\\uDFFF must come as a high and a low half together); write the character itself instead"
        }
        if debug.localizedCaseInsensitiveContains("end of file") || debug.localizedCaseInsensitiveContains("unexpected end") {
            return "invalid JSON: unexpected end of file (is the file truncated, or a bracket or quote not closed?)"
        }
        var message = "invalid JSON: " + debug.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        if let range = debug.range(of: "around character ", options: .backwards),
           let offset = Int(debug[range.upperBound...].prefix { $0.isNumber }) {
            let (line, column) = position(of: min(offset, data.count), in: data)
            message = "invalid JSON at line \(line), column \(column): " + debug.prefix { $0 != "." }.replacingOccurrences(of: " around character \(offset)", with: "")
            message += " (check for a missing comma, quote or value, or a trailing comma)"
        }
        return message
    }

    /// Byte offset of a comma followed (after white space) by `}` or `]`, outside strings.
    /// Foundation accepts these on some platforms and not on others; reject them everywhere.
    static func trailingComma(in data: Data) -> Int? {
        var inString = false
        var escaped = false
        var lastComma: Int?
        let bytes = [UInt8](data)
        for offset in bytes.indices {
            let byte = bytes[offset]
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true; lastComma = nil
            case 0x2C: lastComma = offset
            case 0x7D, 0x5D: if let comma = lastComma { return comma }
            case 0x20, 0x0A, 0x0D, 0x09: break
            default: lastComma = nil
            }
        }
        return nil
    }

    /// 1-based line and column of byte `offset`.
    static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    /// Byte offset of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        // Foundation's validation is fast; the scalar walk below only locates the bad byte.
        if String(data: data, encoding: .utf8) != nil { return nil }
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
