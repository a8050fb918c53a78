/// Events counted into equal time buckets from time zero, at most `capacity` of them: when
/// the run outgrows the buckets, neighbours are summed and the bucket width doubles. Memory
/// stays fixed however long the run; no count is lost.
///
/// Used for throughput over time (publishes and acks per bucket).
public struct CountSeries: Sendable, Equatable {
    @usableFromInline var bucketWidth: Int64
    @usableFromInline var buckets: [Int] = []
    @usableFromInline let capacity: Int

    /// - Parameters:
    ///   - bucket: starting bucket width (> 0).
    ///   - capacity: most buckets kept (even, ≥ 2).
    public init(bucket: SimDuration, capacity: Int) {
        bucketWidth = max(1, bucket.nanoseconds)
        self.capacity = max(2, capacity - capacity % 2)
    }

    /// Width of one bucket [ns]; doubles as the run grows.
    public var bucketNanoseconds: Int64 { bucketWidth }
    /// Width of one bucket [s].
    public var bucketSeconds: Double { Double(bucketWidth) * 1e-9 }
    /// Events in each bucket, from time zero; the last bucket is the current one.
    public var counts: [Int] { buckets }

    /// Counts `n` events at `time` (times non-decreasing).
    /// - Complexity: O(1) amortized.
    @inlinable public mutating func add(_ n: Int = 1, at time: SimTime) {
        let index = Int(max(0, time.nanoseconds) / bucketWidth)
        if index < buckets.count {
            buckets[index] &+= n
        } else {
            extend(to: time)
            buckets[buckets.count - 1] &+= n
        }
    }

    /// Makes the series cover `time` (call with the run's end).
    public mutating func extend(to time: SimTime) {
        var index = Int(max(0, time.nanoseconds) / bucketWidth)
        while index >= capacity {
            var merged: [Int] = []
            merged.reserveCapacity(capacity)
            var k = 0
            while k < buckets.count {
                merged.append(k + 1 < buckets.count ? buckets[k] &+ buckets[k + 1] : buckets[k])
                k += 2
            }
            buckets = merged
            bucketWidth = bucketWidth.multipliedReportingOverflow(by: 2).overflow ? .max : bucketWidth * 2
            index = Int(max(0, time.nanoseconds) / bucketWidth)
        }
        while buckets.count <= index { buckets.append(0) }
    }
}
