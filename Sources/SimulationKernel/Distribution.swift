#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-negative random duration: service times, inter-arrival gaps, delays.
///
/// All parameters are in seconds. Samples are returned as `SimDuration` (nanoseconds, rounded).
///
/// Valid ranges (checked by the scenario format, assumed here): means > 0 (constant ≥ 0),
/// stddev ≥ 0, `min ≤ max`, `k ≥ 1`, a non-empty list of non-negative empirical values.
public enum Distribution: Sendable, Equatable {
    /// Always the same value [s].
    case constant(Double)
    /// Exponential with the given mean [s] (rate = 1 / mean).
    case exponential(mean: Double)
    /// Uniform on [min, max] [s].
    case uniform(min: Double, max: Double)
    /// Normal with mean and standard deviation [s], truncated at zero: negative draws are
    /// redrawn, so the result is the normal conditioned on being ≥ 0.
    case normal(mean: Double, stddev: Double)
    /// Lognormal whose own mean and standard deviation are given [s]
    /// (σ² = ln(1 + s²/m²), μ = ln m − σ²/2).
    case lognormal(mean: Double, stddev: Double)
    /// Erlang-k with the given overall mean [s]: the sum of `k` exponentials of mean `mean / k`.
    case erlang(k: Int, mean: Double)
    /// Draws uniformly (with replacement) from the listed values [s].
    case empirical([Double])

    /// The theoretical mean [s] (for the truncated normal: of the untruncated normal when
    /// truncation is negligible; see `truncatedNormalMoments`).
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .exponential(let m): return m
        case .uniform(let a, let b): return (a + b) / 2
        case .normal(let m, let s): return Distribution.truncatedNormalMoments(mean: m, stddev: s).mean
        case .lognormal(let m, _): return m
        case .erlang(_, let m): return m
        case .empirical(let values): return values.reduce(0, +) / Double(values.count)
        }
    }

    /// The theoretical variance [s²].
    public var variance: Double {
        switch self {
        case .constant: return 0
        case .exponential(let m): return m * m
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .normal(let m, let s): return Distribution.truncatedNormalMoments(mean: m, stddev: s).variance
        case .lognormal(_, let s): return s * s
        case .erlang(let k, let m): return m * m / Double(k)
        case .empirical(let values):
            let mu = values.reduce(0, +) / Double(values.count)
            return values.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(values.count)
        }
    }

    /// Squared coefficient of variation (variance / mean²); 0 for a zero mean.
    public var squaredCoefficientOfVariation: Double {
        let m = mean
        return m > 0 ? variance / (m * m) : 0
    }

    /// Mean and variance of a normal(m, s) truncated below at zero.
    /// - Note: Source: Johnson, Kotz, Balakrishnan, Continuous Univariate Distributions Vol. 1,
    ///   §10.1 (moments of the truncated normal).
    public static func truncatedNormalMoments(mean m: Double, stddev s: Double) -> (mean: Double, variance: Double) {
        guard s > 0 else { return (max(m, 0), 0) }
        let alpha = -m / s
        let pdf = exp(-alpha * alpha / 2) / (2 * Double.pi).squareRoot()
        let tail = 0.5 * erfc(alpha / 2.0.squareRoot())  // 1 − Φ(α)
        guard tail > 0 else { return (0, 0) }
        let lambda = pdf / tail
        return (m + s * lambda, s * s * (1 + alpha * lambda - lambda * lambda))
    }

    /// Draws one value from `stream`.
    @inlinable @inline(__always) public func sample(_ stream: inout RandomStream) -> SimDuration {
        SimDuration(seconds: sampleSeconds(&stream))
    }

    /// Draws one value [s] from `stream`.
    ///
    /// The exponential case, the one of every M/M/c model, is inlined at the call site (a
    /// call, a copy of the enum and a switch over all cases cost more than the draw's own
    /// arithmetic); the others go through `sampleSecondsGeneral`. Both give the same value:
    /// the exponential formula is written once, in `exponentialSeconds`.
    @inlinable @inline(__always) public func sampleSeconds(_ stream: inout RandomStream) -> Double {
        if case .exponential(let m) = self { return Distribution.exponentialSeconds(mean: m, &stream) }
        return sampleSecondsGeneral(&stream)
    }

    /// An exponential draw with mean `m` [s]: −m · ln U, U uniform on (0, 1].
    @inlinable @inline(__always) static func exponentialSeconds(mean m: Double, _ stream: inout RandomStream) -> Double {
        -m * log(stream.nextUnitOpenClosed())
    }

    /// `sampleSeconds` for every case (kept out of line).
    @usableFromInline func sampleSecondsGeneral(_ stream: inout RandomStream) -> Double {
        switch self {
        case .constant(let v):
            return v
        case .exponential(let m):
            return Distribution.exponentialSeconds(mean: m, &stream)
        case .uniform(let a, let b):
            return a + (b - a) * stream.nextUnit()
        case .normal(let m, let s):
            // Rejection keeps the exact conditional distribution; bounded so a pathological
            // mean far below zero cannot loop for ever (validation requires mean > 0).
            for _ in 0..<1000 {
                let x = m + s * Distribution.standardNormal(&stream)
                if x >= 0 { return x }
            }
            return 0
        case .lognormal(let m, let s):
            let sigma2 = log(1 + (s * s) / (m * m))
            let mu = log(m) - sigma2 / 2
            return exp(mu + sigma2.squareRoot() * Distribution.standardNormal(&stream))
        case .erlang(let k, let m):
            var product = 1.0
            var total = 0.0
            for i in 0..<k {
                product *= stream.nextUnitOpenClosed()
                // Take logs in chunks so the product never underflows for large k.
                if product < 1e-280 || i == k - 1 {
                    total -= log(product)
                    product = 1
                }
            }
            return total * m / Double(k)
        case .empirical(let values):
            return values[stream.nextInt(below: values.count)]
        }
    }

    /// A standard normal draw (Box–Muller, one of the pair; no hidden cached state so the
    /// stream stays a plain value).
    @inlinable static func standardNormal(_ stream: inout RandomStream) -> Double {
        let u1 = stream.nextUnitOpenClosed()
        let u2 = stream.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
