/// Events counted into equal time buckets from time zero, at most `capacity` of them: when
/// the run outgrows the buckets, neighbours are summed and the bucket width doubles. Memory
/// stays fixed however long the run; no count is lost.
///
/// Used for throughput over time (publishes and acks per bucket). Times only move forward, so
/// an event lands in the current bucket: the hot path is one comparison and one addition.
public struct CountSeries: Sendable, Equatable {
    @usableFromInline var bucketWidth: Int64
    /// The buckets before the current one.
    @usableFromInline var finished: [Int] = []
    @usableFromInline var current = 0
    /// End of the current bucket [ns].
    @usableFromInline var currentEnd: Int64
    @usableFromInline let capacity: Int

    /// - Parameters:
    ///   - bucket: starting bucket width (> 0).
    ///   - capacity: most buckets kept (even, ≥ 2).
    public init(bucket: SimDuration, capacity: Int) {
        bucketWidth = max(1, bucket.nanoseconds)
        currentEnd = bucketWidth
        self.capacity = max(2, capacity - capacity % 2)
    }

    /// Width of one bucket [ns]; doubles as the run grows.
    public var bucketNanoseconds: Int64 { bucketWidth }
    /// Width of one bucket [s].
    public var bucketSeconds: Double { Double(bucketWidth) / 1e9 }
    /// Events in each bucket, from time zero; the last bucket is the current one.
    public var counts: [Int] { finished + [current] }

    /// Counts `n` events at `time` (times non-decreasing).
    /// - Complexity: O(1) amortized.
    @inlinable public mutating func add(_ n: Int = 1, at time: SimTime) {
        if time.nanoseconds >= currentEnd { extend(to: time) }
        current &+= n
    }

    /// Makes the current bucket the one holding `time` (call with the run's end).
    public mutating func extend(to time: SimTime) {
        let t = max(0, time.nanoseconds)
        while t >= currentEnd {
            let target = Int(t / bucketWidth)
            if target >= capacity {
                var all = finished + [current]
                var merged: [Int] = []
                merged.reserveCapacity(capacity)
                var k = 0
                while k < all.count {
                    merged.append(k + 1 < all.count ? all[k] &+ all[k + 1] : all[k])
                    k += 2
                }
                all = merged
                current = all.removeLast()
                finished = all
                bucketWidth = bucketWidth.multipliedReportingOverflow(by: 2).overflow ? .max : bucketWidth * 2
            } else {
                finished.append(current)
                current = 0
                while finished.count < target { finished.append(0) }
            }
            let end = Int64(finished.count + 1).multipliedReportingOverflow(by: bucketWidth)
            currentEnd = end.overflow ? .max : end.partialValue
        }
    }
}
