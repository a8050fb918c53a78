/// When a source emits its next item: the arrival process of one producer instance.
///
/// Rates are per second. The first arrival comes one gap after the start (time zero), so a
/// constant source at 10/s emits at 0.1 s, 0.2 s, …
public enum ArrivalProcess: Sendable, Equatable {
    /// Poisson arrivals: exponential gaps with mean 1 / rate. Rate > 0.
    case poisson(ratePerSecond: Double)
    /// Evenly spaced arrivals, exactly 1 / rate apart. Rate > 0.
    case constant(ratePerSecond: Double)
    /// Gaps drawn from any distribution (a renewal process).
    case interarrival(Distribution)
    /// A Poisson process whose rate is piecewise constant: each segment starts at its `at`
    /// [s] and lasts until the next; the rate before the first segment is zero. Rates ≥ 0.
    case schedule([RateSegment])

    /// One piece of a piecewise-constant arrival rate.
    public struct RateSegment: Sendable, Equatable {
        /// Start of the segment [s since run start].
        public var at: SimTime
        /// Arrival rate within the segment [messages/s], ≥ 0.
        public var ratePerSecond: Double
        public init(at: SimTime, ratePerSecond: Double) {
            self.at = at
            self.ratePerSecond = ratePerSecond
        }
    }

    /// The long-run mean rate [1/s] of a stationary process; for a schedule, the rate of its
    /// last segment.
    public var meanRatePerSecond: Double {
        switch self {
        case .poisson(let r), .constant(let r): return r
        case .interarrival(let d): return d.mean > 0 ? 1 / d.mean : .infinity
        case .schedule(let segments): return segments.last?.ratePerSecond ?? 0
        }
    }

    /// The time of the arrival after one at `time`, or nil if none ever comes (a schedule
    /// that ends at rate zero).
    ///
    /// For schedules this uses the memorylessness of the exponential: a gap that would cross
    /// a segment boundary is discarded and redrawn at the boundary with the new rate, which
    /// samples the non-homogeneous Poisson process exactly.
    /// - Note: Source: Ross, Simulation (5th ed.), §5.5 (non-homogeneous Poisson process).
    @inlinable @inline(__always) public func next(after time: SimTime, stream: inout RandomStream) -> SimTime? {
        // Poisson arrivals (every M/M/c model) inline at the call site; the rest stay out of line.
        if case .poisson(let rate) = self {
            return time + SimDuration(seconds: Distribution.exponentialSeconds(mean: 1 / rate, &stream))
        }
        return nextGeneral(after: time, stream: &stream)
    }

    /// `next(after:stream:)` for every case (kept out of line).
    @usableFromInline func nextGeneral(after time: SimTime, stream: inout RandomStream) -> SimTime? {
        switch self {
        case .poisson(let rate):
            return time + SimDuration(seconds: Distribution.exponentialSeconds(mean: 1 / rate, &stream))
        case .constant(let rate):
            return time + SimDuration(seconds: 1 / rate)
        case .interarrival(let gaps):
            return time + gaps.sample(&stream)
        case .schedule(let segments):
            return ArrivalProcess.nextScheduled(after: time, segments: segments, stream: &stream)
        }
    }

    @usableFromInline
    static func nextScheduled(after time: SimTime, segments: [RateSegment], stream: inout RandomStream) -> SimTime? {
        var now = time
        // Index of the segment containing `now` (or −1 before the first).
        var index = -1
        for (i, segment) in segments.enumerated() where segment.at <= now { index = i }
        while true {
            let boundary = index + 1 < segments.count ? segments[index + 1].at : SimTime.distantFuture
            let rate = index >= 0 ? segments[index].ratePerSecond : 0
            if rate > 0 {
                let candidate = now + SimDuration(seconds: Distribution.exponential(mean: 1 / rate).sampleSeconds(&stream))
                if candidate < boundary { return candidate }
            }
            if boundary == .distantFuture { return nil }
            now = boundary
            index += 1
        }
    }
}
