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
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ScenarioError]
    public init(_ errors: [ScenarioError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Collects problems while a scenario is read, so all of them are reported at once.
final class Diagnostics {
    let file: String
    private(set) var errors: [ScenarioError] = []
    /// Accepted but suspicious input, in the order it was read.
    private(set) var warnings: [ScenarioWarning] = []

    init(file: String) { self.file = file }

    func report(_ path: String, _ message: String) {
        errors.append(ScenarioError(file: file, path: path, message: message))
    }

    /// Records a warning: the input is valid, but probably not what was meant.
    func warn(_ path: String, code: String, _ message: String) {
        warnings.append(ScenarioWarning(file: file, path: path, code: code, message: message))
    }
}

/// Suggests the candidate nearest to a misspelt word, if one is close enough.
enum Suggestion {
    /// The closest candidate by edit distance (case-insensitive), if within a third of the
    /// word's length (at least 2 edits allowed).
    static func nearest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = editDistance(Array(lowered), Array(candidate.lowercased()))
            if d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        guard let (candidate, distance) = best else { return nil }
        return distance <= max(2, word.count / 3) ? candidate : nil
    }

    /// " (did you mean "x"?)" or "", for appending to a message.
    static func didYouMean(_ word: String, in candidates: [String]) -> String {
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
