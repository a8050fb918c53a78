import Foundation

/// One `--set PATH=VALUES` of `mqlab sweep`: a scenario key and the values it takes.
///
/// `VALUES` is a comma list (`50,100,200`, `fanout,topic`, `10ms,40ms`), an integer range
/// `a..b` (`1..8`: 1, 2, …, 8), or a range with a step `a..b:step` (`0.5..2:0.5`,
/// `10ms..50ms:10ms`); a range's ends and step may carry one duration unit (`ns`, `us`, `ms`,
/// `s`, `m`, `h`, `d`), the same on all three. Each value is then set like `--set PATH=VALUE`
/// (JSON when it parses as JSON, else a string), so it is validated like the file.
public struct SweepAxis: Sendable, Equatable, Codable {
    public var path: String
    /// The values as written into `--set PATH=VALUE`, in sweep order.
    public var values: [String]

    /// The most values one axis may have.
    public static let maxValues = 100_000
    /// Most runs (points × replications) one sweep keeps the figures of.
    public static let maxRuns = 100_000

    public init(path: String, values: [String]) {
        self.path = path
        self.values = values
    }

    /// Reads `PATH=VALUES`.
    /// - Throws: `SweepError` saying what was expected (no `=`, an empty list, a range
    ///   whose ends or step do not parse, mixed units, a step ≤ 0, an empty or too long range).
    public init(_ text: String) throws(SweepError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw SweepError("--set \(text): expected PATH=VALUES, such as consumers.workers.instances=1..8 or producers.web.arrivals.poisson.rate=50,100,200")
        }
        path = String(text[..<equals])
        let spec = String(text[text.index(after: equals)...])
        values = try Self.values(spec, option: "--set \(text)")
    }

    static func values(_ spec: String, option: String) throws(SweepError) -> [String] {
        if spec.contains(".."), !spec.hasPrefix("{"), !spec.hasPrefix("[") {
            return try range(spec, option: option)
        }
        let parts = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        // A JSON object or array value is one value even with commas inside.
        if spec.hasPrefix("{") || spec.hasPrefix("[") { return [spec] }
        guard !parts.contains(where: \.isEmpty) else {
            throw SweepError("\(option): an empty value in the list; expected values separated by commas, such as 50,100,200")
        }
        return parts
    }

    static let units = ["ns", "us", "ms", "s", "m", "h", "d"]

    /// A number with an optional unit suffix.
    static func quantity(_ text: String) -> (value: Double, unit: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in units.sorted(by: { $0.count > $1.count }) where trimmed.hasSuffix(unit) {
            if let value = Double(trimmed.dropLast(unit.count)), value.isFinite { return (value, unit) }
        }
        if let value = Double(trimmed), value.isFinite { return (value, "") }
        return nil
    }

    static func range(_ spec: String, option: String) throws(SweepError) -> [String] {
        let bounds = spec.components(separatedBy: "..")
        guard bounds.count == 2 else {
            throw SweepError("\(option): expected a range a..b or a..b:step, found \"\(spec)\"")
        }
        let stepParts = bounds[1].split(separator: ":", maxSplits: 1).map(String.init)
        guard let start = quantity(bounds[0]), let end = quantity(stepParts.first ?? "") else {
            throw SweepError("\(option): the ends of \"\(spec)\" are not numbers (with an optional unit: \(units.joined(separator: ", ")))")
        }
        var step = (value: 1.0, unit: start.unit)
        if stepParts.count == 2 {
            guard let written = quantity(stepParts[1]) else {
                throw SweepError("\(option): the step of \"\(spec)\" is not a number, such as 1..8:2 or 10ms..50ms:10ms")
            }
            step = (written.value, written.unit.isEmpty ? start.unit : written.unit)
        }
        guard start.unit == end.unit, step.unit == start.unit else {
            throw SweepError("\(option): \"\(spec)\" mixes units; write the ends and the step in one unit, such as 10ms..500ms:10ms")
        }
        guard step.value > 0 else { throw SweepError("\(option): the step of \"\(spec)\" must be > 0") }
        guard end.value >= start.value else {
            throw SweepError("\(option): \"\(spec)\" is empty (the end is below the start); write the smaller value first")
        }
        let count = Int(((end.value - start.value) / step.value * (1 + 1e-12)).rounded(.down)) + 1
        guard count <= maxValues else {
            throw SweepError("\(option): \"\(spec)\" has \(count) values; at most \(maxValues) per axis")
        }
        let integral = [start.value, step.value].allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
        return (0..<count).map { k in
            let value = start.value + Double(k) * step.value
            return (integral ? String(Int(value)) : shortest(value)) + start.unit
        }
    }

    /// The shortest decimal of `x` that reads back as `x` after rounding off binary noise
    /// (0.1 + 0.2 gives "0.3").
    public static func shortest(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        for digits in 1...17 {
            let text = String(format: "%.\(digits)g", x)
            if let back = Double(text), abs(back - x) <= abs(x) * 1e-12 { return text }
        }
        return "\(x)"
    }

    /// Every combination of `axes`' values, the last axis changing fastest.
    public static func points(_ axes: [SweepAxis]) -> [[String]] {
        var points: [[String]] = [[]]
        for axis in axes {
            points = points.flatMap { point in axis.values.map { point + [$0] } }
        }
        return points
    }
}

/// A sweep argument that cannot be read.
public struct SweepError: Error, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
