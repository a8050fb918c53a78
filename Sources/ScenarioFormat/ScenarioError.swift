/// One problem found in a scenario file: where it is (file and JSON path) and what is wrong.
///
/// Rendered as `error: FILE: $.consumers[0].instances: expected an integer ≥ 1, found 0`.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scenario file as the user named it.
    public var file: String
    /// JSON path of the offending value, e.g. `$.producers[1].arrivals.poisson.rate`.
    public var path: String
    /// What was expected and what was found, with a suggestion where there is one.
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { "error: \(file): \(path): \(message)" }
}

/// Every problem found in one scenario file, in document order.
///
/// A file with thousands of problems keeps the first `ScenarioErrors.detailLimit` in full and
/// counts the rest in `omitted`, so a broken or generated file yields a readable list quickly.
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
    /// How many problems are kept (and printed) in full.
    public static let detailLimit = 50

    /// The first problems, in document order (at most `detailLimit` when read from a file).
    public var errors: [ScenarioError]
    /// Further problems found but not described (≥ 0).
    public var omitted: Int

    /// When every problem is in the `expect` list: the scenario read without the malformed
    /// entries, so the caller can still check the other entries' metrics and units against
    /// the report's shape (`ScenarioLoader`) and report all of them at once; nil otherwise.
    public var expectationsOnly: Scenario? = nil

    public init(_ errors: [ScenarioError], omitted: Int = 0) {
        self.errors = errors
        self.omitted = omitted
    }

    /// Whether `path` is in a scenario's `expect` list (`$.expect`, `$.expect[2].value`).
    static func isExpectation(_ path: String) -> Bool {
        path == "$.expect" || path.hasPrefix("$.expect[") || path.hasPrefix("$.expect.")
    }

    /// The index of the `expect` entry `path` is in (`$.expect[2].value` → 2); nil for the
    /// list itself.
    public static func expectationIndex(_ path: String) -> Int? {
        guard path.hasPrefix("$.expect[") else { return nil }
        return Int(path.dropFirst("$.expect[".count).prefix { $0.isNumber })
    }

    /// One `error: FILE: PATH: message` line per problem, then "… and N more errors" when
    /// some were omitted.
    public var description: String {
        var lines = errors.map(\.description)
        if omitted > 0, let file = errors.first?.file {
            lines.append("error: \(file): … and \(omitted) more error\(omitted == 1 ? "" : "s") (fix the ones above first)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Collects problems while a scenario is read, so all of them are reported at once.
///
/// Only the first `ScenarioErrors.detailLimit` messages are built (the message is an
/// autoclosure); later problems are counted. That keeps a file with a million problems from
/// spending its time on suggestions and lists nobody reads.
final class Diagnostics {
    /// How much detail a run of the reader keeps.
    struct Limits {
        /// Problems described in full; later ones are counted.
        var errors: Int
        /// Valid keys listed in an unknown-key message.
        var names: Int

        static let standard = Limits(errors: ScenarioErrors.detailLimit, names: NameList.limit)
        /// Everything, for tests that read every valid key from the messages.
        static let unlimited = Limits(errors: .max, names: .max)
    }

    let file: String
    let limits: Limits
    private(set) var errors: [ScenarioError] = []
    /// Problems found beyond the detail limit.
    private(set) var omitted = 0
    /// Accepted but suspicious input, in the order it was read.
    private(set) var warnings: [ScenarioWarning] = []
    /// Number literals quoted as written, by JSON path (see `JSONText.Structure`).
    var numberLiterals: [String: String] = [:]

    init(file: String, limits: Limits = .standard) {
        self.file = file
        self.limits = limits
    }

    /// Whether any problem was found.
    var isEmpty: Bool { errors.isEmpty && omitted == 0 && limitErrors.isEmpty }

    func report(_ path: @autoclosure () -> String, _ message: @autoclosure () -> String) {
        guard errors.count < limits.errors else {
            omitted += 1
            return
        }
        errors.append(ScenarioError(file: file, path: path(), message: message()))
    }

    /// Technology limits broken (`TechnologyApplication.check`), each with the paths of the
    /// values it is about, held until the reader has validated those values: a value invalid
    /// for a generic reason (a batch of 0 messages) gets that error only
    /// (`resolveLimitErrors`).
    private(set) var limitErrors: [(error: ScenarioError, paths: [String])] = []

    /// Records that a value breaks its technology's limit: `path` is where the error points,
    /// `related` the other values it depends on (none by default).
    func reportLimit(_ path: String, related: [String] = [], _ message: String) {
        limitErrors.append((ScenarioError(file: file, path: path, message: message), [path] + related))
    }

    /// Adds the held technology-limit errors ahead of the reader's, leaving out those about a
    /// value the reader found invalid itself (an error at its path, or at one of its parents
    /// or children), and applies the detail limit to the whole.
    func resolveLimitErrors() {
        guard !limitErrors.isEmpty else { return }
        let generic = errors.map(\.path)
        func overlaps(_ a: String, _ b: String) -> Bool {
            a == b || a.hasPrefix(b + ".") || a.hasPrefix(b + "[") || b.hasPrefix(a + ".") || b.hasPrefix(a + "[")
        }
        let kept = limitErrors.filter { entry in !entry.paths.contains { path in generic.contains { overlaps(path, $0) } } }.map(\.error)
        limitErrors = []
        var all = kept + errors
        if all.count > limits.errors {
            omitted += all.count - limits.errors
            all.removeLast(all.count - limits.errors)
        }
        errors = all
    }

    /// Records a warning: the input is valid, but probably not what was meant.
    func warn(_ path: String, code: String, _ message: String) {
        warnings.append(ScenarioWarning(file: file, path: path, code: code, message: message))
    }

    /// How `value` at `path` was written, for a message: the literal for long numbers, else
    /// the value's short form.
    func brief(_ value: JSONValue, at path: String) -> String {
        if case .number = value, let literal = numberLiterals[path] { return literal }
        return value.brief
    }
}

/// Lists of names in messages, cut short so one message stays one readable line.
enum NameList {
    /// How many names a message lists before "… and N more".
    static let limit = 10

    /// "a, b, c" or "a, b, …, j, … and 90 more" (the first `limit` names, in the given order).
    static func short(_ names: [String], limit: Int = NameList.limit) -> String {
        guard names.count > limit else { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + ", … and \(names.count - limit) more"
    }
}

/// Suggests the candidate nearest to a misspelt word, if one is close enough.
public enum Suggestion {
    /// The closest candidate by edit distance (case-insensitive), if within a third of the
    /// word's length (at least 2 edits allowed); the first such candidate on a tie.
    /// - Complexity: O(n) in the number of candidates, plus an edit distance for each one
    ///   whose length is close enough to matter.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let lowered = Array(word.lowercased())
        let allowed = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            // The distance is at least the difference in length: skip hopeless candidates
            // cheaply (a reference among 100,000 broker names checks each one).
            guard abs(candidate.count - word.count) <= min(allowed, (best?.1 ?? .max) - 1) else { continue }
            let d = editDistance(lowered, Array(candidate.lowercased()))
            if d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        guard let (candidate, distance) = best else { return nil }
        return distance <= allowed ? candidate : nil
    }

    /// " (did you mean "x"?)" or "", for appending to a message.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        nearest(to: word, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
