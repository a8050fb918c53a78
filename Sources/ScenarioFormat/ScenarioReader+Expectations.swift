import Expectations
import Foundation

/// The `expect` list: requirements on report figures.
///
/// ```json
/// "expect": [
///   { "metric": "latency.endToEnd.p99", "op": "<", "value": "2s", "because": "the SLO" },
///   "brokers.jobs.depth.max <= 500"
/// ]
/// ```
/// Each item is an object (`metric`, `op`, `value` required; `because` optional) or the
/// string `"METRIC OP VALUE"`. Values: a number, a duration (`"250ms"`, `"2s"`, same syntax
/// as scenario durations), a rate (`"100/s"`) or a percentage (`"5%"`). Only the syntax is
/// checked here; `Scenario.checkExpectations(against:)` checks metrics and units against the
/// report's shape.
extension ScenarioReader {
    /// The operators, longest first, so `<=` is found before `<`.
    static let operatorTokens = ["<=", ">=", "==", "!=", "<", ">"]

    func readExpectations(_ list: [(value: JSONValue, path: String)]) -> [MetricExpectation] {
        var result: [MetricExpectation] = []
        for (value, path) in list {
            switch value {
            case .string(let text):
                if let expectation = readExpectation(text: text, path: path) { result.append(expectation) }
            case .object:
                guard let item = ObjectReader(value, path: path, diagnostics: diagnostics) else { continue }
                let metric = item.string("metric", required: true)
                var op: MetricExpectation.Comparison?
                if let text = item.string("op") {
                    op = MetricExpectation.Comparison(rawValue: text.trimmingCharacters(in: .whitespaces))
                    if op == nil {
                        let hint = Self.operatorSuggestion(text).isEmpty ? Suggestion.didYouMean(text, in: MetricExpectation.Comparison.allCases.map(\.rawValue)) : Self.operatorSuggestion(text)
                        item.report("op", "unknown operator \"\(text)\"\(hint); expected one of: \(Self.operatorList)")
                    }
                } else if item.value("op") == nil {
                    item.report("op", "missing required key \"op\" (expected one of: \(Self.operatorList))")
                }
                var quantity: Quantity?
                if let raw = item.value("value") {
                    quantity = readQuantity(raw, path: item.path("value"))
                } else {
                    item.report("value", "missing required key \"value\" (expected a number, a duration such as \"2s\", a rate such as \"100/s\" or a percentage such as \"5%\")")
                }
                let because = item.string("because")
                item.finish()
                if let metric, !metric.isEmpty, let op, let quantity {
                    result.append(MetricExpectation(metric: metric, comparison: op, value: quantity, because: because,
                                              metricPath: item.path("metric"), valuePath: item.path("value")))
                }
            default:
                diagnostics.report(path, "expected an expectation: an object {\"metric\", \"op\", \"value\"} or a string such as \"latency.endToEnd.p99 < 2s\", found \(value.brief)")
            }
        }
        return result
    }

    /// " (did you mean "<="?)" for an operator written the other way round.
    static func operatorSuggestion(_ written: String) -> String {
        let fixes = ["=<": "<=", "=>": ">=", "=": "==", "<>": "!=", "===": "==", "=!": "!="]
        return fixes[written].map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    static var operatorList: String { MetricExpectation.Comparison.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses the string form `"METRIC OP VALUE"`.
    func readExpectation(text: String, path: String) -> MetricExpectation? {
        let example = "such as \"latency.endToEnd.p99 < 2s\""
        var found: (token: String, range: Range<String.Index>)?
        for token in Self.operatorTokens {
            if let range = text.range(of: token), range.lowerBound < (found?.range.lowerBound ?? text.endIndex) {
                found = (token, range)
            }
        }
        guard let (token, range) = found else {
            let hint = text.contains("=") ? " (\"=\" alone is not an operator: write \"==\")" : ""
            diagnostics.report(path, "expected \"METRIC OP VALUE\" \(example), with an operator (\(Self.operatorList))\(hint), found \"\(text)\"")
            return nil
        }
        let metric = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let rest = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
        let after = rest.first ?? " "
        if "<>=!".contains(before) || "<>=!".contains(after) {
            let written = ("<>=!".contains(before) ? String(before) : "") + token + ("<>=!".contains(after) ? String(after) : "")
            diagnostics.report(path, "unknown operator \"\(written)\"\(Self.operatorSuggestion(written)) in \"\(text)\"; expected one of: \(Self.operatorList)")
            return nil
        }
        guard !metric.isEmpty else {
            diagnostics.report(path, "expected a metric before \"\(token)\" \(example), found \"\(text)\"")
            return nil
        }
        guard !rest.isEmpty else {
            diagnostics.report(path, "expected a value after \"\(token)\" \(example), found \"\(text)\"")
            return nil
        }
        guard let quantity = quantity(rest, path: path, quoted: text) else { return nil }
        return MetricExpectation(metric: metric, comparison: MetricExpectation.Comparison(rawValue: token) ?? .equal,
                           value: quantity, metricPath: path, valuePath: path)
    }

    /// A value: a JSON number, or a string with a unit.
    func readQuantity(_ value: JSONValue, path: String) -> Quantity? {
        switch value {
        case .number(let n):
            return Quantity(number: n, unit: .plain, text: JSONValue.format(n))
        case .string(let s):
            return quantity(s.trimmingCharacters(in: .whitespaces), path: path, quoted: nil)
        default:
            diagnostics.report(path, "expected a number, a duration such as \"2s\", a rate such as \"100/s\" or a percentage such as \"5%\", found \(value.brief)")
            return nil
        }
    }

    /// Parses `"12"`, `"2s"`, `"250ms"`, `"100/s"`, `"5%"`; reports a problem at `path`.
    /// - Parameter quoted: the whole string-form expectation, to quote in messages.
    func quantity(_ text: String, path: String, quoted: String?) -> Quantity? {
        let context = quoted.map { " in \"\($0)\"" } ?? ""
        func number(_ s: Substring) -> Double? {
            let t = s.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
                  let n = Double(t), n.isFinite else { return nil }
            return n
        }
        if let n = number(Substring(text)) { return Quantity(number: n, unit: .plain, text: text) }
        if text.hasSuffix("%") {
            if let n = number(text.dropLast()) { return Quantity(number: n / 100, unit: .percent, text: text) }
        } else if text.hasSuffix("/s") {
            if let n = number(text.dropLast(2)) { return Quantity(number: n, unit: .rate, text: text) }
        } else if let slash = text.firstIndex(of: "/") {
            diagnostics.report(path, "rates are per second: expected a value such as \"100/s\"\(context), found \"\(text)\" (per \"\(text[text.index(after: slash)...])\")")
            return nil
        } else if text.contains(where: \.isLetter), let seconds = DurationSyntax.seconds(text), seconds.isFinite {
            return Quantity(number: seconds, unit: .duration, text: text)
        } else if text.contains(where: \.isLetter) {
            let words = text.split { !$0.isLetter }.map(String.init)
            if let unknown = words.first(where: { word in !DurationSyntax.units.contains { $0.suffix == word } }) {
                diagnostics.report(path, "unknown unit \"\(unknown)\"\(DurationSyntax.unitSuggestion(unknown))\(context); expected a number, a duration such as \"2s\" (units: ns, us, ms, s, m, h, d), a rate such as \"100/s\" or a percentage such as \"5%\", found \"\(text)\"")
                return nil
            }
        }
        diagnostics.report(path, "expected a number, a duration such as \"2s\", a rate such as \"100/s\" or a percentage such as \"5%\"\(context), found \"\(text)\"")
        return nil
    }
}
