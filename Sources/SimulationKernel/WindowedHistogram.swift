/// Durations grouped by the time interval in which they were observed, each interval a coarse
/// log-linear histogram, for percentiles per interval (latency over time) in bounded memory.
///
/// Intervals are equal buckets of time from zero, at most `capacity` of them; when the run
/// outgrows them, neighbouring intervals are merged (their histograms added) and the width
/// doubles. Within an interval, values below 16 ns are exact; above, each power-of-two range
/// is split into 8 equal sub-buckets, so a percentile (the middle of its bucket) is within
/// 1/16 = 6.25% of the true value — coarse, but an interval holds 900 bytes at most for
/// latencies under a second, where a full `LatencyHistogram` would need tens of kilobytes.
/// Intervals without observations hold nothing.
///
/// Percentiles use the nearest-rank definition, like `LatencyHistogram`.
/// - Note: Source: bucket layout after G. Tene's HdrHistogram (http://hdrhistogram.org/);
///   nearest-rank percentile, NIST/SEMATECH e-Handbook §7.2.6.2.
public struct WindowedHistogram: Sendable, Equatable {
    @usableFromInline static let subBucketBits = 3
    @usableFromInline static let subBuckets = 1 << subBucketBits   // 8

    /// The intervals, each its counts by bucket index (grown on demand; empty when nothing
    /// was observed in it).
    @usableFromInline var intervals: TimeBuckets<[UInt32]>

    /// - Parameters:
    ///   - bucket: starting interval width (> 0).
    ///   - capacity: most intervals kept (even, ≥ 2).
    public init(bucket: SimDuration, capacity: Int) {
        intervals = TimeBuckets(bucket: bucket, capacity: capacity, empty: [])
    }

    /// Width of one interval [s].
    public var bucketSeconds: Double { Double(intervals.bucketWidth) / 1e9 }
    /// Number of intervals, from time zero (the last is the current one).
    public var count: Int { intervals.finished.count + 1 }

    /// Records `duration`, observed at `time` (times non-decreasing; negative durations count
    /// as zero).
    /// - Complexity: O(1) amortized. Inlined: it runs once per ack. An interval's counts grow
    ///   to the end of the power-of-two range of the largest index seen (8 buckets at a time,
    ///   not one), so a new interval reaches its size in a few steps.
    @inlinable @inline(__always) public mutating func record(_ duration: SimDuration, at time: SimTime) {
        if time.nanoseconds >= intervals.currentEnd { extend(to: time) }
        let index = Self.index(of: max(0, duration.nanoseconds))
        if index >= intervals.current.count {
            let length = (index / Self.subBuckets + 1) * Self.subBuckets
            intervals.current.append(contentsOf: repeatElement(0, count: length - intervals.current.count))
        }
        intervals.current[index] &+= 1
    }

    @inlinable static func index(of ns: Int64) -> Int {
        let v = UInt64(ns)
        if v < UInt64(subBuckets * 2) { return Int(v) }
        let exponent = 63 - v.leadingZeroBitCount
        let shift = exponent - subBucketBits
        return (shift + 1) * subBuckets + Int((v >> UInt64(shift)) & UInt64(subBuckets - 1))
    }

    /// The middle of bucket `index` [ns].
    static func middle(of index: Int) -> Double {
        if index < subBuckets * 2 { return Double(index) }
        let shift = index / subBuckets - 1
        let sub = index % subBuckets
        let low = Double((subBuckets + sub) << shift)
        return low + Double(1 << shift) / 2
    }

    /// Makes the current interval the one holding `time` (call with the run's end).
    public mutating func extend(to time: SimTime) {
        intervals.extend(to: time) { a, b in
            var sum = a.count >= b.count ? a : b
            for (i, n) in (a.count >= b.count ? b : a).enumerated() { sum[i] &+= n }
            return sum
        }
    }

    /// The counts of interval `window`.
    func counts(in window: Int) -> [UInt32] { window == intervals.finished.count ? intervals.current : intervals.finished[window] }

    /// Observations in interval `window`.
    public func observations(in window: Int) -> Int {
        counts(in: window).reduce(0) { $0 + Int($1) }
    }

    /// The `p`-quantile (0 … 1, nearest rank) of interval `window` [s]; nil when it has no
    /// observation. Within 6.25% of the exact value.
    public func percentile(_ p: Double, in window: Int) -> Double? {
        let counts = counts(in: window)
        let n = counts.reduce(0) { $0 + Int($1) }
        guard n > 0 else { return nil }
        let rank = max(1, Int((p * Double(n)).rounded(.up)))
        var seen = 0
        for (index, c) in counts.enumerated() where c > 0 {
            seen += Int(c)
            if seen >= rank { return Self.middle(of: index) * 1e-9 }
        }
        return nil
    }
}
