import MessagingModels
import SimulationKernel

extension Report {
    /// The run over time (`timeSeries`), per interval from time 0, warm-up included: publishes
    /// and acks (counts; divide by `intervalSeconds` for a rate [messages/s]) and end-to-end
    /// latency percentiles of the measured messages finished in the interval. The spacing is
    /// the scenario's `report.sampleEvery`, else about 500 points over its `duration`; it
    /// doubles when a run outgrows the points it keeps. The last interval may be cut short by
    /// the end of the run.
    public struct RunSeries: Codable, Sendable, Equatable {
        /// Width of each interval [s].
        public var intervalSeconds: Double
        /// Publishes in each interval (producers' and consumers' alike) [messages].
        public var published: [Int]
        /// Acks in each interval (for streams, records committed by a group) [messages].
        public var acked: [Int]
        /// Median and 99th percentile of the end-to-end latency of the measured messages acked
        /// (queues) or processed (stream groups) in each interval, within 6.25% (coarse
        /// buckets: `WindowedHistogram`) [s]; null for an interval without one.
        public var endToEndP50: [Double?]
        public var endToEndP99: [Double?]
    }
}

extension Report.RunSeries {
    /// The series of a run, over the same intervals.
    init(published: CountSeries, acked: CountSeries, endToEnd: WindowedHistogram) {
        // All three start alike and are extended to the run's end, so they share their width.
        let count = max(published.counts.count, acked.counts.count, endToEnd.count)
        func padded(_ values: [Int]) -> [Int] { values + Array(repeating: 0, count: count - values.count) }
        func percentiles(_ p: Double) -> [Double?] {
            (0..<count).map { $0 < endToEnd.count ? endToEnd.percentile(p, in: $0) : nil }
        }
        self.init(intervalSeconds: published.bucketSeconds, published: padded(published.counts), acked: padded(acked.counts),
                  endToEndP50: percentiles(0.5), endToEndP99: percentiles(0.99))
    }
}
