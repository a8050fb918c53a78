/// A streaming histogram of non-negative durations with bounded relative error, for
/// percentiles over any number of observations in fixed memory.
///
/// Buckets are log-linear over integer nanoseconds (as in HdrHistogram): values below 2⁸ ns
/// are exact; above, each power-of-two range is split into 128 equal sub-buckets, so a bucket
/// is at most 1/128 of its lower edge wide. A percentile reports the middle of its bucket,
/// clamped to the observed minimum and maximum, so its relative error is at most 1/256 ≈ 0.39%
/// (the report contract allows 0.5%).
///
/// Percentiles use the nearest-rank definition: the p-th percentile of n sorted observations
/// is the ⌈p·n⌉-th smallest (the smallest for p = 0).
/// - Note: Source: nearest-rank percentile, NIST/SEMATECH e-Handbook §7.2.6.2; bucket layout
///   after G. Tene's HdrHistogram.
public struct LatencyHistogram: Sendable {
    @usableFromInline static let subBucketBits = 7
    @usableFromInline static let subBuckets = 1 << subBucketBits          // 128
    @usableFromInline static let bucketCount = (64 - subBucketBits + 1) * subBuckets

    /// Counts by bucket index, grown on demand up to the largest index recorded (an unused
    /// histogram holds no buckets: memory follows use).
    @usableFromInline var counts: [UInt64] = []
    @usableFromInline var n = 0
    // Sums of (value − shift) and its square, in ns; the shift (first value) keeps the
    // variance free of cancellation (Chan, Golub, LeVeque 1983).
    @usableFromInline var shift: Double = 0
    @usableFromInline var shiftedSum: Double = 0
    @usableFromInline var shiftedSquares: Double = 0
    @usableFromInline var minimumNanoseconds: Int64 = .max
    @usableFromInline var maximumNanoseconds: Int64 = 0

    public init() {}

    /// Number of observations.
    public var count: Int { n }

    /// Records one duration (negative durations are recorded as zero).
    @inlinable @inline(__always) public mutating func record(_ duration: SimDuration) {
        let ns = duration.nanoseconds > 0 ? duration.nanoseconds : 0
        let index = LatencyHistogram.index(of: ns)
        if index >= counts.count { grow(toInclude: index) }
        counts[index] &+= 1
        if n == 0 { shift = Double(ns) }
        n &+= 1
        let d = Double(ns) - shift
        shiftedSum += d
        shiftedSquares += d * d
        if ns < minimumNanoseconds { minimumNanoseconds = ns }
        if ns > maximumNanoseconds { maximumNanoseconds = ns }
    }

    @inlinable @inline(__always) static func index(of ns: Int64) -> Int {
        let v = UInt64(ns)
        if v < UInt64(subBuckets * 2) { return Int(v) }
        let exponent = 63 - v.leadingZeroBitCount                  // ≥ subBucketBits + 1
        let shift = exponent - subBucketBits
        let sub = Int((v >> UInt64(shift)) & UInt64(subBuckets - 1))
        return (shift + 1) * subBuckets + sub
    }

    /// Makes `counts` long enough to hold bucket `index`: to the end of its power-of-two
    /// range (128 buckets) at least, so growth happens a few times per histogram.
    @usableFromInline mutating func grow(toInclude index: Int) {
        let length = Swift.min(LatencyHistogram.bucketCount, (index / LatencyHistogram.subBuckets + 1) * LatencyHistogram.subBuckets)
        counts.append(contentsOf: repeatElement(0, count: length - counts.count))
    }

    /// Records `n` observations of zero at once (cheaper than `n` calls of `record`).
    public mutating func recordZeros(_ n: Int) {
        guard n > 0 else { return }
        if counts.isEmpty { grow(toInclude: 0) }
        counts[0] &+= UInt64(n)
        if self.n == 0 { shift = 0 }
        self.n &+= n
        let d = -shift
        shiftedSum += Double(n) * d
        shiftedSquares += Double(n) * d * d
        minimumNanoseconds = 0
    }

    /// Adds every observation of `other` to this histogram.
    public mutating func merge(_ other: LatencyHistogram) {
        guard other.n > 0 else { return }
        if n == 0 {
            self = other
            return
        }
        if other.counts.count > counts.count { grow(toInclude: other.counts.count - 1) }
        for index in other.counts.indices where other.counts[index] > 0 { counts[index] &+= other.counts[index] }
        // Re-express the other's sums relative to this shift.
        let delta = other.shift - shift
        shiftedSquares += other.shiftedSquares + 2 * delta * other.shiftedSum + Double(other.n) * delta * delta
        shiftedSum += other.shiftedSum + Double(other.n) * delta
        n &+= other.n
        minimumNanoseconds = Swift.min(minimumNanoseconds, other.minimumNanoseconds)
        maximumNanoseconds = Swift.max(maximumNanoseconds, other.maximumNanoseconds)
    }

    /// Lower edge and width [ns] of bucket `index`.
    static func bounds(of index: Int) -> (lower: Int64, width: Int64) {
        if index < subBuckets * 2 { return (Int64(index), 1) }
        let shift = index / subBuckets - 1
        let sub = index % subBuckets
        return (Int64(subBuckets + sub) << Int64(shift), Int64(1) << Int64(shift))
    }

    /// The nearest-rank `p`-th percentile [s], `p` in 0 … 1; nil when empty.
    public func percentile(_ p: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = Swift.max(1, Int((p * Double(count)).rounded(.up)))
        var cumulative: UInt64 = 0
        for (index, n) in counts.enumerated() where n > 0 {
            cumulative += n
            if cumulative >= UInt64(rank) {
                let (lower, width) = LatencyHistogram.bounds(of: index)
                let middle = width == 1 ? lower : lower + width / 2
                let clamped = Swift.min(Swift.max(middle, minimumNanoseconds), maximumNanoseconds)
                return Double(clamped) * 1e-9
            }
        }
        return Double(maximumNanoseconds) * 1e-9
    }

    /// Minimum and maximum observed [s]; nil when empty.
    public var minimum: Double? { count > 0 ? Double(minimumNanoseconds) * 1e-9 : nil }
    public var maximum: Double? { count > 0 ? Double(maximumNanoseconds) * 1e-9 : nil }
    /// Mean [s]; nil when empty.
    public var mean: Double? { n > 0 ? (shift + shiftedSum / Double(n)) * 1e-9 : nil }

    /// Sample standard deviation [s] (n − 1 denominator); nil when empty, 0 for one value.
    public var standardDeviation: Double? {
        guard n > 0 else { return nil }
        guard n > 1 else { return 0 }
        let centred = shiftedSquares - shiftedSum * shiftedSum / Double(n)
        return (Swift.max(0, centred) / Double(n - 1)).squareRoot() * 1e-9
    }
}
