import SimulationKernel

extension Simulation {
    /// Most points a series keeps when `sampleEvery` is given (beyond, buckets merge and their
    /// width doubles).
    static let maxSeriesPoints = 100_000

    /// Sizes the time series: with `sampleEvery`, every series (queue depth, throughput,
    /// latency per interval) starts
    /// with buckets of that width and room for the publishing window twice over (drain
    /// included); without it, throughput gets about 500 points over `duration` (1 s buckets
    /// when there is no duration) and the depth series keep their default (120 buckets from
    /// 1 s). Either way a bucket width doubles when the run outgrows its buckets.
    mutating func setUpSeries() {
        let capacity: Int
        let bucket: SimDuration
        if let every = model.sampleEvery {
            bucket = every
            let window = model.duration.map { Double($0.nanoseconds) / Double(max(1, every.nanoseconds)) } ?? 512
            capacity = Int(min(Double(Self.maxSeriesPoints), max(128, 2 * window.rounded(.up) + 2)))
            for q in 0..<queues.count {
                queues[q].metrics.depthSeries = TimeSeries(initialBucket: every, capacity: capacity)
            }
        } else {
            bucket = model.duration.map { SimDuration(nanoseconds: max(1_000_000, $0.nanoseconds / 500)) } ?? SimDuration(seconds: 1)
            capacity = 1024
        }
        metrics.publishedSeries = CountSeries(bucket: bucket, capacity: capacity)
        metrics.ackedSeries = CountSeries(bucket: bucket, capacity: capacity)
        metrics.endToEndSeries = WindowedHistogram(bucket: bucket, capacity: capacity)
    }
}
