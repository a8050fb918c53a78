import Expectations
import Foundation

/// Locale-free text for estimates: `70.4 ± 0.5 ms`, `80.02 ± 0.11/s`, `80.5% ± 0.2%`.
///
/// The unit is the field's `MetricKind(path:)`: durations in s, ms or µs, rates per second,
/// fractions as percentages, anything else a plain number. The mean is printed to the
/// precision of its half-width (two significant digits of it), never more than 4 decimals.
public enum IntervalText {
    /// `estimate` of the field at `path` as `mean ± halfWidth unit` (just the mean without a
    /// half-width).
    public static func text(_ estimate: Estimate, path: String) -> String {
        text(mean: estimate.mean, halfWidth: estimate.halfWidth, path: path)
    }

    /// A single value of the field at `path` with its unit.
    public static func value(_ value: Double, path: String) -> String {
        text(mean: value, halfWidth: nil, path: path)
    }

    static func text(mean: Double, halfWidth: Double?, path: String) -> String {
        switch MetricKind(path: ReportPath(path)) {
        case .seconds:
            let magnitude = abs(mean) > 0 ? abs(mean) : (halfWidth ?? 0)
            let (scale, name) = magnitude == 0 ? (1.0, "s") : magnitude < 1e-3 ? (1e6, "µs") : magnitude < 1 ? (1e3, "ms") : (1.0, "s")
            return pair(mean * scale, halfWidth.map { $0 * scale }, suffix: " " + name)
        case .perSecond:
            return pair(mean, halfWidth, suffix: "/s")
        case .fraction:
            let decimals = halfWidth.map { self.decimals(for: $0 * 100) } ?? 1
            let m = fixed(mean * 100, decimals) + "%"
            return halfWidth.map { m + " ± " + fixed($0 * 100, decimals) + "%" } ?? m
        case .count:
            return pair(mean, halfWidth, suffix: "")
        }
    }

    private static func pair(_ mean: Double, _ halfWidth: Double?, suffix: String) -> String {
        guard let halfWidth else { return plain(mean) + suffix }
        let decimals = self.decimals(for: halfWidth)
        return fixed(mean, decimals) + " ± " + fixed(halfWidth, decimals) + suffix
    }

    /// Decimals that show two significant digits of `halfWidth` (0 to 4).
    static func decimals(for halfWidth: Double) -> Int {
        guard halfWidth > 0, halfWidth.isFinite else { return 0 }
        let exponent = Int(floor(log10(halfWidth)))
        return min(4, max(0, 1 - exponent))
    }

    /// A number alone: integers as integers, others with up to 4 significant digits.
    static func plain(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        let magnitude = abs(x)
        let decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4
        return fixed(x, decimals)
    }

    static func fixed(_ x: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", x)
    }
}
