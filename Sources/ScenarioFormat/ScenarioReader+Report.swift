import MessagingModels
import SimulationKernel

extension ScenarioReader {
    /// Reads the optional `report` object: how the run's report is sampled.
    ///
    /// ```json
    /// "report": {"sampleEvery": "1s"}
    /// ```
    /// - `sampleEvery` [duration]: spacing of the time series of the report (queue depth,
    ///   publishes and acks per interval) from time 0. Optional; default: about 500 points
    ///   over `duration` for throughput and 120 doubling buckets from 1 s for depth. From 1 ms;
    ///   a series keeps at most 100,000 points (beyond, neighbours merge and the spacing
    ///   doubles). Streams sample their lag by their own `lagSampleInterval`.
    /// - Returns: `sampleEvery`, or nil when absent or invalid (the problem is reported).
    func readReportOptions(_ top: ObjectReader) -> SimDuration? {
        guard let report = top.object("report") else { return nil }
        var every: SimDuration?
        if let seconds = report.duration("sampleEvery", positive: true) {
            if seconds < 0.001 {
                report.report("sampleEvery", "expected a duration ≥ 1ms, found \(JSONValue.format(seconds)) s; use \"1ms\" or more")
            } else {
                every = SimDuration(seconds: seconds)
            }
        }
        report.finish()
        return every
    }
}
