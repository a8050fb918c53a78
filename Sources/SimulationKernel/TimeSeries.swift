/// A piecewise-constant quantity sampled into at most `capacity` equal time buckets, each
/// keeping the largest value seen in it; when the run outgrows the buckets, neighbours merge
/// and the bucket width doubles. Memory stays fixed however long the run.
///
/// Used for "depth over time" plots: the maximum per bucket never hides a spike.
public struct TimeSeries: Sendable, Equatable {
    /// Width of one bucket [ns]; doubles as the run grows.
    public private(set) var bucketNanoseconds: Int64
    /// Largest value in each bucket, from time zero; the last bucket is the current one.
    public private(set) var maxima: [Double] = []
    @usableFromInline let capacity: Int
    @usableFromInline var current: Double = 0

    /// - Parameters:
    ///   - initialBucket: starting bucket width (> 0).
    ///   - capacity: most buckets kept (even, ≥ 2).
    public init(initialBucket: SimDuration = SimDuration(seconds: 1), capacity: Int = 120) {
        bucketNanoseconds = max(1, initialBucket.nanoseconds)
        self.capacity = max(2, capacity - capacity % 2)
    }

    /// Bucket width [s].
    public var bucketSeconds: Double { Double(bucketNanoseconds) * 1e-9 }

    /// The quantity takes `value` from `time` on (times non-decreasing).
    public mutating func record(_ value: Double, at time: SimTime) {
        extend(to: time)
        current = value
        let last = maxima.count - 1
        if value > maxima[last] { maxima[last] = value }
    }

    /// Makes the series cover `time` (call with the run's end).
    public mutating func extend(to time: SimTime) {
        let index = Int(max(0, time.nanoseconds) / bucketNanoseconds)
        if index >= maxima.count {
            if index >= capacity {
                compress(toCover: index)
                return extend(to: time)
            }
            while maxima.count <= index { maxima.append(current) }
        }
    }

    private mutating func compress(toCover index: Int) {
        var merged: [Double] = []
        merged.reserveCapacity(capacity)
        var k = 0
        while k < maxima.count {
            merged.append(k + 1 < maxima.count ? max(maxima[k], maxima[k + 1]) : maxima[k])
            k += 2
        }
        maxima = merged
        bucketNanoseconds *= 2
    }
}
