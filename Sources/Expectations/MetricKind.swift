/// What a numeric report field measures: the one rule, read from the field's `ReportPath`, that
/// decides the units a scenario's `expect` bound may be written in, the unit an `mqlab run
/// --replications`, `sweep`, `capacity` or `exercise check` figure is printed with, and the
/// scale of a sweep chart.
///
/// The rule follows the report's naming (`init(path:)`); `MetricKindTests` holds a path of every
/// report section with its kind and checks every distribution summary of the bundled reports.
public enum MetricKind: String, Sendable, Equatable, CaseIterable {
    /// Messages, attempts, instances…: a plain number.
    case count
    /// A duration or a point in simulated time [s]: latency statistics and fields named
    /// `…Seconds`.
    case seconds
    /// A rate [1/s]: fields named `…PerSecond`, arrival rates and rate limits.
    case perSecond
    /// A fraction 0 … 1 (`utilization`, `errorRate`, probabilities).
    case fraction

    /// The kind of the report field at `path`, by the report's naming:
    /// - seconds: a field named `…Seconds` or `seconds` (`simulatedSeconds`, `delay.seconds`);
    ///   `min`, `mean`, `max` or `final` of an object or a map named `…Seconds`
    ///   (`groups.g.lagSeconds.max`, `partitions[0].lagSeconds.g.max`); a statistic other than
    ///   `count` of a latency summary (`latency.endToEnd.p99`, `latency.byPriority.0.mean`,
    ///   `requestReply.roundTrip.max`, `theory.queueWait.p95`; the summaries are named in
    ///   `durationSummaries`); `meanWait` (Little's law, a batching producer); `at` (a point
    ///   in simulated time: `autoscaling.instances[0].at`); the elements of
    ///   `timeSeries.endToEndP50` and `…P99`.
    /// - perSecond: a field named `…PerSecond`, `arrivalRate`, or a rate limit's `rate`.
    /// - fraction: `utilization`, `errorRate`, `probabilityOfWaiting`, `blockingProbability`.
    /// - count: everything else (`count` of a latency summary included).
    public init(path: ReportPath) {
        // Keys from the end, array positions dropped: `timeSeries.endToEndP99[3]` is
        // [endToEndP99, timeSeries].
        var keys: [String] = []
        for segment in path.segments.reversed() {
            if case .key(let key) = segment { keys.append(key) }
        }
        let key = keys.first ?? ""
        let parent = keys.count > 1 ? keys[1] : ""
        let grandparent = keys.count > 2 ? keys[2] : ""
        if key.hasSuffix("PerSecond") || key == "arrivalRate" || (key == "rate" && parent == "rateLimit") {
            self = .perSecond
        } else if MetricKind.fractions.contains(key) {
            self = .fraction
        } else if key.hasSuffix("Seconds") || key == "seconds" || key == "meanWait" || key == "at"
                    || MetricKind.durationSeries.contains(key) && parent == "timeSeries"
                    || MetricKind.extremes.contains(key) && (parent.hasSuffix("Seconds") || grandparent.hasSuffix("Seconds"))
                    || MetricKind.statistics.contains(key)
                        && (MetricKind.durationSummaries.contains(parent) || grandparent == "byPriority") {
            self = .seconds
        } else {
            self = .count
        }
    }

    /// Objects of the report that summarize a distribution of durations (`LatencyStatistics`,
    /// or the theory's times); `latency.byPriority.<level>` are too.
    public static let durationSummaries: Set<String> = [
        "endToEnd", "queueWait", "processing", "retryDelay", "fromIntendedSend", "publishDelay", "publishLatency",
        "addedLatency", "roundTrip", "completionTime",
    ]
    /// The statistics of a summary that are durations (`count` is not).
    static let statistics: Set<String> = ["min", "mean", "stddev", "p50", "p95", "p99", "p999", "max"]
    /// The figures of a `…Seconds` object or map (`lagSeconds`).
    static let extremes: Set<String> = ["min", "mean", "max", "final"]
    /// Series of `timeSeries` whose elements are durations.
    static let durationSeries: Set<String> = ["endToEndP50", "endToEndP99"]
    static let fractions: Set<String> = ["utilization", "errorRate", "probabilityOfWaiting", "blockingProbability"]

    /// "a count", "a duration in seconds", …
    public var description: String {
        switch self {
        case .count: return "a count"
        case .seconds: return "a duration in seconds"
        case .perSecond: return "a rate per second"
        case .fraction: return "a fraction from 0 to 1"
        }
    }
}
