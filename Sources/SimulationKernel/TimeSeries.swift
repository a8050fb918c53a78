/// A piecewise-constant quantity sampled into at most `capacity` equal time buckets, each
/// keeping the largest value seen in it; when the run outgrows the buckets, neighbours merge
/// and the bucket width doubles. Memory stays fixed however long the run.
///
/// Used for "depth over time" plots: the maximum per bucket never hides a spike.
public struct TimeSeries: Sendable, Equatable {
    @usableFromInline var bucketWidth: Int64
    @usableFromInline var buckets: [Double] = []
    /// Width of one bucket [ns]; doubles as the run grows.
    public var bucketNanoseconds: Int64 { bucketWidth }
    /// Largest value in each bucket, from time zero; the last bucket is the current one.
    public var maxima: [Double] { buckets }
    @usableFromInline let capacity: Int
    @usableFromInline var current: Double = 0
    /// End of the last bucket [ns]: records before it need no bucket arithmetic.
    @usableFromInline var lastBucketEnd: Int64 = 0

    /// - Parameters:
    ///   - initialBucket: starting bucket width (> 0).
    ///   - capacity: most buckets kept (even, ≥ 2).
    public init(initialBucket: SimDuration = SimDuration(seconds: 1), capacity: Int = 120) {
        bucketWidth = max(1, initialBucket.nanoseconds)
        self.capacity = max(2, capacity - capacity % 2)
    }

    /// Bucket width [s].
    public var bucketSeconds: Double { Double(bucketWidth) * 1e-9 }

    /// The quantity takes `value` from `time` on (times non-decreasing).
    @inlinable @inline(__always) public mutating func record(_ value: Double, at time: SimTime) {
        if time.nanoseconds >= lastBucketEnd { extend(to: time) }
        current = value
        let last = buckets.count - 1
        if value > buckets[last] { buckets[last] = value }
    }

    /// Makes the series cover `time` (call with the run's end).
    public mutating func extend(to time: SimTime) {
        let index = Int(max(0, time.nanoseconds) / bucketWidth)
        if index >= buckets.count {
            if index >= capacity {
                compress(toCover: index)
                return extend(to: time)
            }
            while buckets.count <= index { buckets.append(current) }
        }
        lastBucketEnd = Int64(buckets.count) &* bucketWidth
    }

    private mutating func compress(toCover index: Int) {
        var merged: [Double] = []
        merged.reserveCapacity(capacity)
        var k = 0
        while k < buckets.count {
            merged.append(k + 1 < buckets.count ? max(buckets[k], buckets[k + 1]) : buckets[k])
            k += 2
        }
        buckets = merged
        bucketWidth *= 2
    }
}
