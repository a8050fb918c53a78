/// Equal time buckets from time zero, at most `capacity` of them: when the run outgrows them,
/// neighbours are merged and the bucket width doubles, so memory stays fixed however long the
/// run and nothing recorded is lost. Times only move forward, so a value lands in the current
/// bucket: the hot path is one comparison and an update of `current`.
///
/// The storage shared by `CountSeries` (a count per bucket) and `WindowedHistogram` (a
/// histogram per bucket); each says what an empty bucket is and how two merge.
@usableFromInline struct TimeBuckets<Bucket: Sendable & Equatable>: Sendable, Equatable {
    @usableFromInline var bucketWidth: Int64
    /// The buckets before the current one.
    @usableFromInline var finished: [Bucket] = []
    @usableFromInline var current: Bucket
    /// End of the current bucket [ns].
    @usableFromInline var currentEnd: Int64
    @usableFromInline let capacity: Int
    @usableFromInline let empty: Bucket

    /// - Parameters:
    ///   - bucket: starting bucket width (> 0).
    ///   - capacity: most buckets kept (even, ≥ 2).
    ///   - empty: a bucket with nothing in it.
    @usableFromInline init(bucket: SimDuration, capacity: Int, empty: Bucket) {
        bucketWidth = max(1, bucket.nanoseconds)
        currentEnd = bucketWidth
        self.capacity = max(2, capacity - capacity % 2)
        self.empty = empty
        current = empty
    }

    /// Every bucket from time zero; the last is the current one.
    @usableFromInline var all: [Bucket] { finished + [current] }

    /// Makes the current bucket the one holding `time`, merging neighbours (with `merge`) and
    /// doubling the width while the buckets would outgrow `capacity`.
    @usableFromInline mutating func extend(to time: SimTime, merge: (Bucket, Bucket) -> Bucket) {
        let t = max(0, time.nanoseconds)
        while t >= currentEnd {
            let target = Int(t / bucketWidth)
            if target >= capacity {
                var buckets = all
                var merged: [Bucket] = []
                merged.reserveCapacity(capacity)
                var k = 0
                while k < buckets.count {
                    merged.append(k + 1 < buckets.count ? merge(buckets[k], buckets[k + 1]) : buckets[k])
                    k += 2
                }
                buckets = merged
                current = buckets.removeLast()
                finished = buckets
                bucketWidth = bucketWidth.multipliedReportingOverflow(by: 2).overflow ? .max : bucketWidth * 2
            } else {
                finished.append(current)
                current = empty
                while finished.count < target { finished.append(empty) }
            }
            let end = Int64(finished.count + 1).multipliedReportingOverflow(by: bucketWidth)
            currentEnd = end.overflow ? .max : end.partialValue
        }
    }
}
