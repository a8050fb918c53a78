import Foundation

/// The expectations section shared by the text and Markdown reports: one line per
/// expectation, ✓ or ✗, the requirement as written and the measured value with its unit.
enum ExpectationLines {
    /// "2 of 3 met", or nil when the scenario has none.
    static func summary(_ r: Report) -> String? {
        guard let results = r.expectations else { return nil }
        let met = results.filter(\.passed).count
        return "\(met) of \(results.count) met"
    }

    /// `✓ latency.endToEnd.p99 < 2s: measured 1.234 s`, then the reason on a failure.
    static func lines(_ r: Report) -> [String] {
        (r.expectations ?? []).map { result in
            var line = "\(result.passed ? "✓" : "✗") \(result.metric) \(result.op) \(expected(result)): measured "
            if let measured = result.measured {
                line += value(measured, kind: result.kind)
            } else {
                line += "none (\(result.note ?? "no value in this run"))"
            }
            if !result.passed, let because = result.because { line += " — \(because)" }
            return line
        }
    }

    /// The bound as written, with its value in the field's unit when the two differ ("5% = 0.05"
    /// is not shown; "2s" is).
    static func expected(_ result: ExpectationResult) -> String {
        result.expectedText
    }

    /// A measured value with its unit, to six significant digits (enough to tell a failure at
    /// the bound from a pass): "1.23457 s", "81.2%", "80/s", "42".
    static func value(_ x: Double, kind: String) -> String {
        switch kind {
        case "seconds":
            let magnitude = abs(x)
            if magnitude == 0 { return "0 s" }
            if magnitude < 1e-3 { return precise(x * 1e6) + " µs" }
            if magnitude < 1 { return precise(x * 1e3) + " ms" }
            return precise(x) + " s"
        case "perSecond": return precise(x) + "/s"
        case "fraction": return precise(x * 100) + "%"
        default: return precise(x)
        }
    }

    /// Up to six significant digits, no exponent below 1e15, no trailing zeros.
    static func precise(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.6g", x)
    }
}
