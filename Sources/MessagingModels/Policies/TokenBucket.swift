import SimulationKernel

/// A rate limit: at most `burst` calls at once, refilled at `ratePerSecond`.
///
/// JSON: `"rateLimit": {"rate": 10, "burst": 5, "perInstance": false}` on a consumer (every
/// processing attempt takes a token) or a producer (every publish takes a token).
/// - `rate`: tokens added per second (> 0, ≤ 10⁹).
/// - `burst`: the bucket's capacity (1 … 10⁹; default 1: calls evenly spaced).
/// - `perInstance`: one bucket per instance instead of one shared by all instances of the
///   consumer or producer (default false: a third-party API's limit is shared by every caller).
/// - `algorithm`: `tokenBucket` (default: bursts of up to `burst` calls, then `rate`) or
///   `leakyBucket` (the leaky bucket as a queue: calls leave evenly spaced at `rate`, no bursts;
///   `burst` does not apply). A leaky bucket may have a `queue`: the most calls that may wait
///   in it; one more is refused — a consumer's attempt then fails at once (the API's
///   "429 Too Many Requests", handled by the retry policy), a producer's publish is dropped
///   (reason `rateLimited`). Without `queue` nothing is refused.
///
/// On a producer the two differ in who waits: under a token bucket the producer blocks and
/// falls behind its schedule (it keeps the schedule and publishes what is due as tokens come;
/// the report's `latency.fromIntendedSend` and publish delay measure how far behind, see
/// Simulation+Omission.swift); under a leaky bucket it keeps publishing on
/// its schedule and each message waits in the bucket (traffic shaping), so a burst of
/// arrivals leaves the producer evenly spaced. A leaky bucket on a producer needs a producer
/// that publishes straight to a queue.
/// - Note: Source: the "leaky bucket as a queue" of Tanenbaum's *Computer Networks* (traffic
///   shaping: a finite queue emptied at a constant rate, arrivals that find it full discarded),
///   as distinguished from the "leaky bucket as a meter" (equivalent to a token bucket) in
///   https://en.wikipedia.org/wiki/Leaky_bucket.
public struct RateLimit: Sendable, Equatable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case tokenBucket, leakyBucket
    }

    public var ratePerSecond: Double
    public var burst: Int
    public var perInstance: Bool
    public var algorithm: Algorithm
    /// Leaky bucket only: the most calls that may wait (0 … 10⁹); nil = no limit.
    public var queue: Int?

    public init(ratePerSecond: Double, burst: Int = 1, perInstance: Bool = false,
                algorithm: Algorithm = .tokenBucket, queue: Int? = nil) {
        self.ratePerSecond = ratePerSecond
        self.burst = algorithm == .leakyBucket ? 1 : burst
        self.perInstance = perInstance
        self.algorithm = algorithm
        self.queue = queue
    }
}

/// A token bucket that hands out tokens by reservation: a caller asks at time `t` and is told
/// when its token is there; callers are served in the order they ask.
///
/// The bucket starts full (`burst` tokens). Implemented as the virtual-scheduling form of the
/// generic cell rate algorithm, which is equivalent to a token bucket: with emission interval
/// T = 1/rate and tolerance τ = (burst − 1)·T, a request at t is served at
/// g = max(t, TAT − τ) and moves the theoretical arrival time to TAT = max(TAT, g) + T.
/// TAT is kept as an anchor time plus a whole number of intervals, so grants are exact to the
/// nanosecond and do not drift: over any interval [0, t] starting with a full bucket it grants
/// exactly burst + ⌊rate·t⌋ tokens to callers that keep asking.
/// - Note: Source: ITU-T Recommendation I.371, "Traffic control and congestion control in
///   B-ISDN", Annex A (generic cell rate algorithm: virtual scheduling and continuous-state
///   leaky bucket are equivalent).
/// - Complexity: O(1) per reservation.
public struct TokenBucket: Sendable {
    /// Emission interval [ns].
    let intervalNanoseconds: Double
    let ratePerSecond: Double
    let burst: Int
    /// TAT = anchor + ⌈intervals · T⌉.
    var anchor: SimTime = .zero
    var intervals = 0
    /// Tokens that would have been added while the bucket was already full.
    public private(set) var tokensWasted = 0.0
    /// Tokens handed out.
    public private(set) var tokensGranted = 0
    /// Reservations that had to wait, and their total wait [s].
    public private(set) var throttled = 0
    public private(set) var throttledSeconds = 0.0
    /// Leaky bucket: most calls that may wait (nil = no limit), and calls refused.
    let maxWaiting: Int?
    public private(set) var refused = 0

    public init(_ limit: RateLimit) {
        ratePerSecond = limit.ratePerSecond
        burst = limit.burst
        intervalNanoseconds = 1e9 / limit.ratePerSecond
        maxWaiting = limit.queue
    }

    /// anchor + ⌈k · T⌉, saturating at `distantFuture` (a rate far below one per run).
    func time(afterIntervals k: Int) -> SimTime {
        let offset = (Double(k) * intervalNanoseconds).rounded(.up)
        guard offset < 9e18 else { return .distantFuture }
        return anchor + SimDuration(nanoseconds: Int64(offset))
    }

    /// The theoretical arrival time: when the bucket is full again.
    var fullAt: SimTime { time(afterIntervals: intervals) }

    /// When a token asked for at `now` would be available, without taking it: what
    /// `reserve(at:)` would return.
    public func nextGrant(at now: SimTime) -> SimTime {
        if fullAt <= now { return now }
        let earliest = intervals - burst + 1
        return earliest > 0 ? max(now, time(afterIntervals: earliest)) : now
    }

    /// Takes one token for a caller asking at `now`: returns when the token is available (now,
    /// or later if the bucket is empty). The token is reserved at once.
    public mutating func reserve(at now: SimTime) -> SimTime {
        let full = fullAt
        tokensGranted += 1
        if full <= now {
            // The bucket has been full since `full`: what it could not hold was wasted.
            tokensWasted += Double((now - full).nanoseconds) / intervalNanoseconds
            anchor = now
            intervals = 1
            return now
        }
        // g = max(now, TAT − τ), TAT − τ = anchor + (intervals − burst + 1)·T.
        let earliest = intervals - burst + 1
        let grant = earliest > 0 ? max(now, time(afterIntervals: earliest)) : now
        intervals += 1
        if grant > now {
            throttled += 1
            throttledSeconds += (grant - now).seconds
        }
        return grant
    }

    /// `reserve(at:)`, unless `maxWaiting` calls already wait: then the call is refused
    /// (counted) and nil returned. With burst 1, the calls waiting at `now` are those granted
    /// after it: ⌈(TAT − now) / T⌉ − 1 of them, so a new call is refused when TAT − now > queue · T.
    public mutating func reserveUnlessFull(at now: SimTime) -> SimTime? {
        if let maxWaiting {
            let full = fullAt
            if full > now, Double((full - now).nanoseconds) > Double(maxWaiting) * intervalNanoseconds {
                refused += 1
                return nil
            }
        }
        return reserve(at: now)
    }

    /// Adds the tokens wasted from the last time the bucket became full until `end`.
    public mutating func close(at end: SimTime) {
        let full = fullAt
        if full < end { tokensWasted += Double((end - full).nanoseconds) / intervalNanoseconds }
        anchor = end
        intervals = 0
    }
}
