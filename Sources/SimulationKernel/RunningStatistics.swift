/// Count, mean, variance, minimum and maximum of a stream of observations, in O(1) memory.
///
/// - Note: Source: B. P. Welford, "Note on a method for calculating corrected sums of squares
///   and products", Technometrics 4(3), 1962.
public struct RunningStatistics: Sendable, Equatable {
    @usableFromInline var n: Int = 0
    @usableFromInline var runningMean: Double = 0
    @usableFromInline var m2: Double = 0
    @usableFromInline var smallest: Double = .infinity
    @usableFromInline var largest: Double = -.infinity

    /// Number of observations.
    public var count: Int { n }
    /// Mean of the observations (0 when empty).
    public var mean: Double { runningMean }
    /// Smallest observation (+∞ when empty).
    public var min: Double { smallest }
    /// Largest observation (−∞ when empty).
    public var max: Double { largest }

    public init() {}

    /// Adds one observation.
    @inlinable public mutating func add(_ x: Double) {
        n &+= 1
        let delta = x - runningMean
        runningMean += delta / Double(n)
        m2 += delta * (x - runningMean)
        if x < smallest { smallest = x }
        if x > largest { largest = x }
    }

    /// Sample variance (n − 1 denominator); 0 with fewer than two observations.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    /// Sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }
    /// Sum of the observations.
    public var sum: Double { mean * Double(count) }
}
