/// Durations grouped by the time interval in which they were observed, each interval a coarse
/// log-linear histogram, for percentiles per interval (latency over time) in bounded memory.
///
/// Intervals are equal buckets of time from zero, at most `capacity` of them; when the run
/// outgrows them, neighbouring intervals are merged (their histograms added) and the width
/// doubles. Within an interval, values below 16 ns are exact; above, each power-of-two range
/// is split into 8 equal sub-buckets, so a percentile (the middle of its bucket) is within
/// 1/16 = 6.25% of the true value — coarse, but an interval holds 800 bytes at most for
/// latencies under a second, where a full `LatencyHistogram` would need tens of kilobytes.
/// Intervals without observations hold nothing.
///
/// Percentiles use the nearest-rank definition, like `LatencyHistogram`.
/// - Note: Source: bucket layout after G. Tene's HdrHistogram (http://hdrhistogram.org/);
///   nearest-rank percentile, NIST/SEMATECH e-Handbook §7.2.6.2.
public struct WindowedHistogram: Sendable, Equatable {
    @usableFromInline static let subBucketBits = 3
    @usableFromInline static let subBuckets = 1 << subBucketBits   // 8

    @usableFromInline var bucketWidth: Int64
    /// The intervals before the current one.
    @usableFromInline var finished: [[UInt32]] = []
    /// The current interval's counts by bucket index (grown on demand).
    @usableFromInline var current: [UInt32] = []
    /// End of the current interval [ns].
    @usableFromInline var currentEnd: Int64
    @usableFromInline let capacity: Int

    /// - Parameters:
    ///   - bucket: starting interval width (> 0).
    ///   - capacity: most intervals kept (even, ≥ 2).
    public init(bucket: SimDuration, capacity: Int) {
        bucketWidth = max(1, bucket.nanoseconds)
        currentEnd = bucketWidth
        self.capacity = max(2, capacity - capacity % 2)
    }

    /// Width of one interval [s].
    public var bucketSeconds: Double { Double(bucketWidth) / 1e9 }
    /// Number of intervals, from time zero (the last is the current one).
    public var count: Int { finished.count + 1 }

    /// Records `duration`, observed at `time` (times non-decreasing; negative durations count
    /// as zero).
    /// - Complexity: O(1) amortized.
    @inlinable public mutating func record(_ duration: SimDuration, at time: SimTime) {
        if time.nanoseconds >= currentEnd { extend(to: time) }
        let index = Self.index(of: max(0, duration.nanoseconds))
        if index >= current.count { current.append(contentsOf: repeatElement(0, count: index + 1 - current.count)) }
        current[index] &+= 1
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
        let t = max(0, time.nanoseconds)
        while t >= currentEnd {
            let target = Int(t / bucketWidth)
            if target >= capacity {
                var all = finished + [current]
                var merged: [[UInt32]] = []
                merged.reserveCapacity(capacity)
                var k = 0
                while k < all.count {
                    if k + 1 < all.count {
                        var sum = all[k].count >= all[k + 1].count ? all[k] : all[k + 1]
                        let other = all[k].count >= all[k + 1].count ? all[k + 1] : all[k]
                        for (i, n) in other.enumerated() { sum[i] &+= n }
                        merged.append(sum)
                    } else {
                        merged.append(all[k])
                    }
                    k += 2
                }
                all = merged
                current = all.removeLast()
                finished = all
                bucketWidth = bucketWidth.multipliedReportingOverflow(by: 2).overflow ? .max : bucketWidth * 2
            } else {
                finished.append(current)
                current = []
                while finished.count < target { finished.append([]) }
            }
            let end = Int64(finished.count + 1).multipliedReportingOverflow(by: bucketWidth)
            currentEnd = end.overflow ? .max : end.partialValue
        }
    }

    /// The counts of interval `window`.
    func counts(in window: Int) -> [UInt32] { window == finished.count ? current : finished[window] }

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
