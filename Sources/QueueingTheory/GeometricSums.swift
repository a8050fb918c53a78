import Foundation

/// Σ xⁱ and Σ i·xⁱ for i = 0 … n, used by the truncated (capacity-limited) queue.
enum GeometricSums {
    /// Sums up to this many terms are added one by one (exact to rounding for any x); longer
    /// ones use the closed forms.
    static let directLimit = 1_000_000

    /// (Σ_{i=0}^{n} xⁱ, Σ_{i=0}^{n} i·xⁱ) for 0 ≤ x ≤ 1 (callers rescale when x > 1).
    static func sums(ratio x: Double, upTo n: Int) -> (plain: Double, weighted: Double) {
        if n <= directLimit {
            var term = 1.0, plain = 0.0, weighted = 0.0
            for i in 0...n {
                plain += term
                weighted += Double(i) * term
                term *= x
                if term == 0 { break }
            }
            return (plain, weighted)
        }
        if x == 1 {
            let m = Double(n)
            return (m + 1, m * (m + 1) / 2)
        }
        let xn = pow(x, Double(n))
        let plain = -expm1(Double(n + 1) * log(x)) / (1 - x)
        let m = Double(n)
        let weighted = x * (1 - (m + 1) * xn + m * xn * x) / ((1 - x) * (1 - x))
        return (plain, weighted)
    }
}
