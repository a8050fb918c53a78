/// Count, mean, variance, minimum and maximum of a stream of observations, in O(1) memory.
///
/// Keeps sums of the observations shifted by the first one (no division per observation, and
/// the shift avoids the cancellation of the textbook sum-of-squares formula).
/// - Note: Source: T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms for computing the
///   sample variance", The American Statistician 37(3), 1983 (shifted data).
public struct RunningStatistics: Sendable, Equatable {
    @usableFromInline var n: Int = 0
    @usableFromInline var shift: Double = 0
    @usableFromInline var shiftedSum: Double = 0
    @usableFromInline var shiftedSquares: Double = 0
    @usableFromInline var smallest: Double = .infinity
    @usableFromInline var largest: Double = -.infinity

    /// Number of observations.
    public var count: Int { n }
    /// Mean of the observations (0 when empty).
    public var mean: Double { n > 0 ? shift + shiftedSum / Double(n) : 0 }
    /// Smallest observation (+∞ when empty).
    public var min: Double { smallest }
    /// Largest observation (−∞ when empty).
    public var max: Double { largest }

    public init() {}

    /// Adds one observation.
    @inlinable public mutating func add(_ x: Double) {
        if n == 0 { shift = x }
        n &+= 1
        let d = x - shift
        shiftedSum += d
        shiftedSquares += d * d
        if x < smallest { smallest = x }
        if x > largest { largest = x }
    }

    /// Sample variance (n − 1 denominator); 0 with fewer than two observations.
    public var variance: Double {
        guard n > 1 else { return 0 }
        let centred = shiftedSquares - shiftedSum * shiftedSum / Double(n)
        return Swift.max(0, centred / Double(n - 1))
    }
    /// Sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }
    /// Sum of the observations.
    public var sum: Double { shift * Double(n) + shiftedSum }
}
