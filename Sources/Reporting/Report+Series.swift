import MessagingModels
import SimulationKernel

extension Report {
    /// Publishes and acks over time (`throughputSeries`): counts per interval from time 0,
    /// warm-up included; divide by `intervalSeconds` for a rate [messages/s]. The spacing is
    /// the scenario's `report.sampleEvery`, else about 500 points over its `duration`; it
    /// doubles when a run outgrows the points it keeps. The last interval may be cut short by
    /// the end of the run.
    public struct ThroughputSeries: Codable, Sendable, Equatable {
        /// Width of each interval [s].
        public var intervalSeconds: Double
        /// Publishes in each interval (producers' and consumers' alike) [messages].
        public var published: [Int]
        /// Acks in each interval (for streams, records committed by a group) [messages].
        public var acked: [Int]
    }
}

extension Report.ThroughputSeries {
    /// The two series of a run, over the same intervals.
    init(published: CountSeries, acked: CountSeries) {
        var published = published, acked = acked
        // Both cover the run's end; align them to the wider buckets if one compressed more.
        while published.bucketNanoseconds < acked.bucketNanoseconds { published = published.doubled() }
        while acked.bucketNanoseconds < published.bucketNanoseconds { acked = acked.doubled() }
        let count = max(published.counts.count, acked.counts.count)
        func padded(_ values: [Int]) -> [Int] { values + Array(repeating: 0, count: count - values.count) }
        self.init(intervalSeconds: published.bucketSeconds, published: padded(published.counts), acked: padded(acked.counts))
    }
}
