import SimulationKernel

/// Reads the fields of one JSON object, reporting each problem with its JSON path and
/// remembering which keys were asked for, so unknown keys can be reported (with the nearest
/// valid key) by `finish()`.
final class ObjectReader {
    let path: String
    let fields: [String: JSONValue]
    let diagnostics: Diagnostics
    /// Keys asked for, in the order asked (for messages) and as a set (for lookups).
    private var known: [String] = []
    private var knownSet: Set<String> = []

    /// A reader for `value`, or nil (with a reported error) if it is not an object.
    init?(_ value: JSONValue, path: String, diagnostics: Diagnostics) {
        guard case .object(let fields) = value else {
            diagnostics.report(path, "expected an object, found \(value.brief)")
            return nil
        }
        self.path = path
        self.fields = fields
        self.diagnostics = diagnostics
    }

    /// The JSON path of `key` inside this object.
    func path(_ key: String) -> String { ObjectReader.join(path, key) }

    static func join(_ path: String, _ key: String) -> String {
        let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return simple ? "\(path).\(key)" : "\(path)[\"\(key)\"]"
    }

    func report(_ key: String, _ message: @autoclosure () -> String) { diagnostics.report(self.path(key), message()) }

    /// The raw value of `key` (nil when absent or null); marks the key as known.
    func value(_ key: String) -> JSONValue? {
        if knownSet.insert(key).inserted { known.append(key) }
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    /// Whether `key` is present (and not null).
    func has(_ key: String) -> Bool { value(key) != nil }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key) else {
            if required { report(key, "missing required key \"\(key)\" (expected a string)") }
            return nil
        }
        guard case .string(let s) = value else {
            report(key, "expected a string, found \(value.brief)")
            return nil
        }
        if required && s.isEmpty { report(key, "expected a non-empty string, found \"\"") }
        return s
    }

    /// A boolean.
    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let b) = value else {
            report(key, "expected true or false, found \(value.brief)")
            return nil
        }
        return b
    }

    /// One of a fixed set of strings, with a suggestion for a near miss.
    func choice(_ key: String, in options: [String]) -> String? {
        guard let text = string(key) else { return nil }
        guard options.contains(text) else {
            report(key, "unknown value \"\(text)\"\(Suggestion.didYouMean(text, in: options)); expected one of: \(options.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// A probability: a number from 0 to 1.
    func probability(_ key: String) -> Double? {
        number(key, expectation: "a probability from 0 to 1", isValid: { $0 >= 0 && $0 <= 1 })
    }

    /// An integer in `range`.
    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let value = value(key) else {
            if required { report(key, "missing required key \"\(key)\" (expected an integer)") }
            return nil
        }
        return ObjectReader.integer(value, in: range, path: path(key), diagnostics: diagnostics)
    }

    static func integer(_ value: JSONValue, in range: ClosedRange<Int>, path: String, diagnostics: Diagnostics) -> Int? {
        guard case .number(let n) = value, n == n.rounded() else {
            diagnostics.report(path, "expected \(describe(range)), found \(diagnostics.brief(value, at: path))")
            return nil
        }
        // Beyond 2⁵³ a JSON number is no longer an exact integer.
        guard n >= Double(range.lowerBound), n <= Double(range.upperBound), abs(n) < 9_007_199_254_740_992 else {
            // Name the bound that was crossed: "≥ 1" reads better than "from 1 to 100000".
            let bound = n < Double(range.lowerBound) ? "an integer ≥ \(range.lowerBound)" : "an integer ≤ \(range.upperBound)"
            diagnostics.report(path, "expected \(bound), found \(diagnostics.brief(value, at: path))")
            return nil
        }
        return Int(n)
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "an integer ≥ \(range.lowerBound)" }
        return "an integer from \(range.lowerBound) to \(range.upperBound)"
    }

    /// A number accepted by `isValid`, described by `expectation` ("a number > 0").
    func number(_ key: String, required: Bool = false, expectation: String, isValid: (Double) -> Bool) -> Double? {
        guard let value = value(key) else {
            if required { report(key, "missing required key \"\(key)\" (expected \(expectation))") }
            return nil
        }
        guard case .number(let n) = value, n.isFinite, isValid(n) else {
            report(key, "expected \(expectation), found \(diagnostics.brief(value, at: path(key)))")
            return nil
        }
        return n
    }

    /// A rate [1/s]: a number > 0 and at most 10⁹ (one event per nanosecond, the clock's
    /// resolution).
    /// The smallest positive rate [1/s]: about one per `DurationSyntax.maxSeconds` (9e9 s);
    /// slower events would fall beyond the clock's range.
    static let minimumRate = 1.2e-10

    /// A positive rate below `minimumRate` is refused: its events would fall beyond the
    /// clock's range.
    func rate(_ key: String, required: Bool = true, allowZero: Bool = false) -> Double? {
        guard let rate = number(key, required: required,
                                expectation: allowZero ? "a rate per second from 0 to 1e9" : "a rate per second > 0 and ≤ 1e9",
                                isValid: { (allowZero ? $0 >= 0 : $0 > 0) && $0 <= 1e9 }) else { return nil }
        if rate > 0 && rate < Self.minimumRate {
            report(key, "expected a rate per second of at least 1.2e-10 (one per 9e9 s, about 285 years, the simulation clock's range), found \(JSONValue.format(rate))")
            return nil
        }
        return rate
    }

    /// A duration [s]: a number of seconds or a string with a unit ("250ms").
    func duration(_ key: String, required: Bool = false, positive: Bool = false) -> Double? {
        guard let value = value(key) else {
            if required { report(key, "missing required key \"\(key)\" (expected a duration such as \"250ms\")") }
            return nil
        }
        return DurationSyntax.read(value, path: path(key), positive: positive, diagnostics: diagnostics)
    }

    /// A nested object.
    func object(_ key: String, required: Bool = false) -> ObjectReader? {
        guard let value = value(key) else {
            if required { report(key, "missing required key \"\(key)\" (expected an object)") }
            return nil
        }
        return ObjectReader(value, path: path(key), diagnostics: diagnostics)
    }

    /// An array's elements with their paths.
    func array(_ key: String, required: Bool = false) -> [(value: JSONValue, path: String)]? {
        guard let value = value(key) else {
            if required { report(key, "missing required key \"\(key)\" (expected an array)") }
            return nil
        }
        guard case .array(let elements) = value else {
            report(key, "expected an array, found \(value.brief)")
            return nil
        }
        return elements.enumerated().map { ($0.element, "\(path(key))[\($0.offset)]") }
    }

    /// Reports every key of the object that was never asked for, with the nearest known key.
    /// Whether the object has a key not asked for so far (which `finish()` will report): a
    /// misspelt key, so a caller can leave out a "missing key" error it would only repeat.
    var hasUnknownKeys: Bool { fields.keys.contains { !knownSet.contains($0) } }

    func finish() {
        let unknown = fields.keys.filter { !knownSet.contains($0) }
        guard !unknown.isEmpty else { return }
        for key in unknown.sorted() {
            report(key, self.unknownKeyMessage(key))
        }
    }

    /// "unknown key "x" (did you mean "y"?)", or the valid keys (at most `NameList.limit` of
    /// them) when none is near.
    func unknownKeyMessage(_ key: String) -> String {
        let hint = Suggestion.didYouMean(key, in: known)
        let valid = hint.isEmpty ? "; valid keys: " + NameList.short(known, limit: diagnostics.limits.names) : ""
        return "unknown key \"\(key)\"\(hint)\(valid)"
    }
}

/// Durations in scenario files: a bare number of seconds, or a string with a unit.
public enum DurationSyntax {
    /// Words people write for a unit, mapped to the unit to suggest.
    static let synonyms: [String: String] = [
        "sec": "s", "secs": "s", "second": "s", "seconds": "s",
        "min": "m", "mins": "m", "minute": "m", "minutes": "m",
        "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
        "day": "d", "days": "d", "msec": "ms", "millis": "ms", "μs": "us", "usec": "us", "nsec": "ns",
    ]

    /// " (did you mean "m"?)" for a misspelt or spelled-out unit.
    static func unitSuggestion(_ word: String) -> String {
        if let unit = synonyms[word.lowercased()] { return " (did you mean \"\(unit)\"?)" }
        return Suggestion.didYouMean(word, in: units.map(\.suffix))
    }

    /// The longest duration a scenario may give [s], and the longest sum of durations that
    /// make one instant (duration + drainTimeout): 9e9 s, about 285 years, within the
    /// simulation clock's range of 2^63 ns (about 292 years).
    public static let maxSeconds = 9e9

    /// Unit suffixes and their length in seconds.
    public static let units: [(suffix: String, seconds: Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400),
    ]

    /// Parses `"250ms"`, `"1.5s"`, `"7d"`, compound forms such as `"2m30s"` or `"1h30m"`,
    /// and `"30"` (seconds) into seconds; nil if malformed or a unit is unknown.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numeric = trimmed.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        if numeric, let plain = Double(trimmed) { return plain.isFinite ? plain : nil }
        var rest = Substring(trimmed)
        var total = 0.0
        var sign = 1.0
        if rest.hasPrefix("-") { sign = -1; rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            var numberPart = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(numberPart.count)
            // An exponent ("9e9s", "1.5E-3s"): e, an optional sign, then digits.
            if let e = rest.first, e == "e" || e == "E", !numberPart.isEmpty {
                let afterE = rest.dropFirst()
                let signed = afterE.first.map { $0 == "+" || $0 == "-" } ?? false
                let digits = (signed ? afterE.dropFirst() : afterE).prefix { $0.isNumber }
                if !digits.isEmpty {
                    let length = 1 + (signed ? 1 : 0) + digits.count
                    numberPart = Substring(String(numberPart) + String(rest.prefix(length)))
                    rest = rest.dropFirst(length)
                }
            }
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count).drop { $0 == " " }
            guard let value = Double(numberPart), let scale = units.first(where: { $0.suffix == unit })?.seconds else {
                return nil
            }
            total += value * scale
        }
        return total.isFinite ? sign * total : nil
    }

    /// Reads a duration [s] at `path`; reports an error and returns nil when it is invalid.
    ///
    /// A bare non-zero number is accepted as seconds (the format's contract) but, unless
    /// `warnBareNumber` is false, recorded as a `bareNumberDuration` warning suggesting
    /// `"40s"` (or `"40ms"`): `"mean": 40` is a common slip for 40 ms.
    static func read(_ value: JSONValue, path: String, positive: Bool, diagnostics: Diagnostics,
                     warnBareNumber: Bool = true) -> Double? {
        let expectation = positive ? "a duration > 0" : "a duration ≥ 0"
        let seconds: Double
        switch value {
        case .number(let n):
            seconds = n
            if warnBareNumber && n != 0 && n.isFinite {
                diagnostics.warn(path, code: ScenarioWarning.bareNumberDuration, bareNumberMessage(n))
            }
        case .string(let s):
            guard let parsed = DurationSyntax.seconds(s) else {
                let words = s.split { !$0.isLetter }.map(String.init)
                let unknown = words.first { word in !units.contains { $0.suffix == word } }
                let unitHint = unknown.map { "unknown unit \"\($0)\"\(DurationSyntax.unitSuggestion($0)); " } ?? ""
                diagnostics.report(path, "\(unitHint)expected \(expectation) such as \"250ms\", \"1.5s\", \"2m30s\" (units: ns, us, ms, s, m, h, d) or a number of seconds, found \(value.brief)")
                return nil
            }
            seconds = parsed
        default:
            diagnostics.report(path, "expected \(expectation) such as \"250ms\" or a number of seconds, found \(value.brief)")
            return nil
        }
        guard seconds.isFinite, positive ? seconds >= 1e-9 : seconds >= 0 else {
            if positive && seconds > 0 {
                diagnostics.report(path, "expected \(expectation), found \(diagnostics.brief(value, at: path)), which is below the clock's resolution of 1 ns")
                return nil
            }
            diagnostics.report(path, "expected \(expectation), found \(diagnostics.brief(value, at: path))")
            return nil
        }
        guard seconds <= maxSeconds else {
            diagnostics.report(path, "expected \(expectation) of at most 9e9 s (about 285 years), found \(diagnostics.brief(value, at: path))")
            return nil
        }
        return seconds
    }

    /// "a bare number is read as seconds: 40 means 40 s; write "40s" to say so (or "40ms" if
    /// milliseconds were meant)".
    static func bareNumberMessage(_ n: Double) -> String {
        let text = JSONValue.format(n)
        return "a bare number is read as seconds: \(text) means \(text) s; write \"\(text)s\" to say so (or \"\(text)ms\" if milliseconds were meant)"
    }
}
