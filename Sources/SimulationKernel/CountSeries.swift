/// Events counted into equal time buckets from time zero, at most `capacity` of them: when
/// the run outgrows the buckets, neighbours are summed and the bucket width doubles. Memory
/// stays fixed however long the run; no count is lost.
///
/// Used for throughput over time (publishes and acks per bucket). Times only move forward, so
/// an event lands in the current bucket: the hot path is one comparison and one addition.
public struct CountSeries: Sendable, Equatable {
    @usableFromInline var buckets: TimeBuckets<Int>

    /// - Parameters:
    ///   - bucket: starting bucket width (> 0).
    ///   - capacity: most buckets kept (even, ≥ 2).
    public init(bucket: SimDuration, capacity: Int) {
        buckets = TimeBuckets(bucket: bucket, capacity: capacity, empty: 0)
    }

    /// Width of one bucket [ns]; doubles as the run grows.
    public var bucketNanoseconds: Int64 { buckets.bucketWidth }
    /// Width of one bucket [s].
    public var bucketSeconds: Double { Double(buckets.bucketWidth) / 1e9 }
    /// Events in each bucket, from time zero; the last bucket is the current one.
    public var counts: [Int] { buckets.all }

    /// Counts `n` events at `time` (times non-decreasing).
    /// - Complexity: O(1) amortized.
    @inlinable @inline(__always) public mutating func add(_ n: Int = 1, at time: SimTime) {
        if time.nanoseconds >= buckets.currentEnd { extend(to: time) }
        buckets.current &+= n
    }

    /// Makes the current bucket the one holding `time` (call with the run's end).
    public mutating func extend(to time: SimTime) {
        buckets.extend(to: time) { $0 &+ $1 }
    }
}
