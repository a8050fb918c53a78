import Foundation

/// Student's t distribution: its distribution function and quantiles, for confidence
/// intervals of a mean from a handful of replications.
///
/// The distribution function comes from the regularized incomplete beta function,
/// P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, evaluated by its continued fraction
/// (modified Lentz); quantiles invert it by bisection to the last bit, so they are exact to
/// about 1e-12 for any degrees of freedom ν > 0, not only the integers a printed table has.
///
/// - Note: Source: Abramowitz & Stegun, Handbook of Mathematical Functions (1964), 26.7.1
///   (t distribution through the incomplete beta) and 26.5.8 (its continued fraction);
///   NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.2 (table of t critical values,
///   https://www.itl.nist.gov/div898/handbook/eda/section3/eda3672.htm).
public enum StudentT {
    /// P(T ≤ t) for T with `degreesOfFreedom` ν.
    /// - Parameters:
    ///   - t: any real number.
    ///   - degreesOfFreedom: ν > 0 (not necessarily an integer).
    /// - Returns: a probability in [0, 1].
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be > 0")
        if t.isNaN { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let tail = 0.5 * regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p` quantile of T with `degreesOfFreedom` ν: the t with P(T ≤ t) = p.
    ///
    /// `quantile(0.975, degreesOfFreedom: n − 1)` is the factor of a two-sided 95% confidence
    /// interval of a mean from n observations (12.706 for n = 2, 1.960 as n grows).
    /// - Parameters:
    ///   - p: a probability in (0, 1).
    ///   - degreesOfFreedom: ν > 0.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1, "p must be in (0, 1)")
        precondition(nu > 0, "degrees of freedom must be > 0")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        // Bracket, then bisect until the interval cannot shrink any more.
        var low = 0.0, high = 1.0
        while cdf(high, degreesOfFreedom: nu) < p {
            low = high
            high *= 2
            if high > 1e300 { return .infinity }
        }
        for _ in 0..<2000 {
            let middle = low + (high - low) / 2
            if middle <= low || middle >= high { break }
            if cdf(middle, degreesOfFreedom: nu) < p { low = middle } else { high = middle }
        }
        return low + (high - low) / 2
    }

    /// The regularized incomplete beta function I_x(a, b) for x in [0, 1], a, b > 0.
    ///
    /// Uses the continued fraction directly where it converges fast (x < (a+1)/(a+b+2)) and
    /// the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) elsewhere.
    /// - Note: Source: Abramowitz & Stegun (1964), 26.5.8.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b))
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction 1/(1+ d1/(1+ d2/(1+ …))) of A&S 26.5.8, by the modified Lentz
    /// method, to a relative change below 1e-16 (at most 10,000 terms).
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            // Even step: d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
            var term = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd step: d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)).
            term = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let change = d * c
            result *= change
            if abs(change - 1) < 1e-16 { break }
        }
        return result
    }
}

/// The mean of some observations with a 95% confidence interval (Student t), and their range.
public struct Estimate: Sendable, Equatable, Codable {
    /// The arithmetic mean.
    public var mean: Double
    /// Half the width of the two-sided 95% confidence interval of the mean,
    /// t(0.975, n−1)·s/√n with s the sample standard deviation; nil with fewer than 2
    /// observations.
    public var halfWidth: Double?
    public var min: Double
    public var max: Double
    /// Observations the estimate is made of.
    public var count: Int

    /// The estimate from `values`, summed in the order given (so the same values in the same
    /// order give the same bits). `values` must not be empty.
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "an estimate needs at least one value")
        count = values.count
        var sum = 0.0
        for value in values { sum += value }
        mean = sum / Double(count)
        min = values.min() ?? mean
        max = values.max() ?? mean
        if count >= 2 {
            var squares = 0.0
            for value in values { squares += (value - mean) * (value - mean) }
            let standardDeviation = (squares / Double(count - 1)).squareRoot()
            halfWidth = StudentT.quantile(0.975, degreesOfFreedom: Double(count - 1)) * standardDeviation / Double(count).squareRoot()
        } else {
            halfWidth = nil
        }
    }

    /// Whether `value` lies within mean ± halfWidth (false without a half-width).
    public func covers(_ value: Double) -> Bool {
        guard let halfWidth else { return false }
        return abs(value - mean) <= halfWidth
    }
}
