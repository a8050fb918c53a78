import SimulationKernel

/// A scheduled interval of simulated time: from `at` for `length`.
///
/// JSON: `{"at": "2m", "for": "30s"}` — `at` ≥ 0, `for` > 0 (durations). Used by a consumer's
/// `pauses` and its downstream's `outages`; lists are sorted by `at` and may not overlap.
public struct ScheduledWindow: Sendable, Equatable {
    /// Start [s from the start of the run].
    public var at: SimDuration
    /// Length [s], > 0.
    public var length: SimDuration

    public init(at: SimDuration, length: SimDuration) {
        self.at = at
        self.length = length
    }

    /// First instant after the window.
    public var end: SimTime { SimTime.zero + at + length }
    public var start: SimTime { SimTime.zero + at }

    /// Seconds of the window that fall inside [0, `runEnd`].
    public func seconds(until runEnd: SimTime) -> Double {
        let from = min(start, runEnd), to = min(end, runEnd)
        return to > from ? (to - from).seconds : 0
    }
}

/// The dependency every processing attempt of a consumer calls (a payment API, a database).
///
/// JSON: `"downstream": {"failureRate": 0.01, "outages": [{"at": "5m", "for": "2m"}]}`.
/// - `failureRate`: probability that a call fails outside outages (0 … 1; default 0). It is
///   drawn from the instance's random stream after the consumer's own `failureRate`; an
///   attempt fails if either says so.
/// - `outages`: intervals during which the dependency is unreachable: every attempt that
///   starts inside one fails. It still takes its drawn processing time, capped by the
///   consumer's `processingTimeout` (a call to an unreachable service hangs until the
///   client's timeout), and then goes through the consumer's retry policy.
public struct Downstream: Sendable, Equatable {
    public var failureRate: Double
    public var outages: [ScheduledWindow]

    public init(failureRate: Double = 0, outages: [ScheduledWindow] = []) {
        self.failureRate = failureRate
        self.outages = outages
    }
}

/// A circuit breaker around a consumer's downstream, shared by all its instances (as a
/// client library keeps one breaker per remote service).
///
/// JSON: `"circuitBreaker": {"failureThreshold": 0.5, "window": "10s", "openFor": "30s",
/// "halfOpenProbes": 1, "minimumCalls": 10}`; needs `downstream`.
/// - *closed*: the outcomes of attempts that end within the last `window` [s, > 0] are kept
///   (a time-based sliding window); once at least `minimumCalls` (≥ 1, default 10) are in it
///   and failed / calls ≥ `failureThreshold` (0 < x ≤ 1, default 0.5), the breaker opens.
///   Failed and timed-out attempts count as failures, whatever the cause.
/// - *open*: for `openFor` [s, > 0] every instance is gated: it takes no deliveries and
///   starts no attempt (attempts already running finish); postponed attempts are "held back".
/// - *half-open*: at most `halfOpenProbes` (≥ 1, default 1) attempts may start; when all of
///   them succeed the breaker closes (its window cleared); when one fails it opens again.
/// - Note: Source: Resilience4j documentation, "CircuitBreaker"
///   (https://resilience4j.readme.io/docs/circuitbreaker: failureRateThreshold,
///   minimumNumberOfCalls, TIME_BASED slidingWindowSize, waitDurationInOpenState,
///   permittedNumberOfCallsInHalfOpenState; options as listed on
///   https://camel.apache.org/components/eips/resilience4jConfiguration-eip.html);
///   Martin Fowler, "CircuitBreaker" (https://martinfowler.com/bliki/CircuitBreaker.html).
public struct CircuitBreakerPolicy: Sendable, Equatable {
    public var failureThreshold: Double
    public var window: SimDuration
    public var openFor: SimDuration
    public var halfOpenProbes: Int
    public var minimumCalls: Int

    /// A breaker with every setting given: a scenario's defaults are `ScenarioDefaults`' (the
    /// reader passes them), so the model declares none.
    public init(failureThreshold: Double, window: SimDuration, openFor: SimDuration, halfOpenProbes: Int, minimumCalls: Int) {
        self.failureThreshold = failureThreshold
        self.window = window
        self.openFor = openFor
        self.halfOpenProbes = halfOpenProbes
        self.minimumCalls = minimumCalls
    }
}

/// Autoscaling of a queue consumer's instances on the depth of its queue.
///
/// JSON: `"autoscale": {"min": 1, "max": 20, "targetDepthPerInstance": 100, "cooldown": "5m",
/// "startupDelay": "30s", "interval": "30s"}`. The model creates `max` instances (named as for
/// a fixed count, so their random streams do not depend on autoscaling); `initial` of them
/// (the consumer's `instances`, default `min`) run at first, the others are stopped.
/// Every `interval` the autoscaler computes desired = clamp(⌈ready depth /
/// targetDepthPerInstance⌉, min, max). More than running + starting: the difference starts
/// (stopping instances first, which resume at once; then stopped ones, lowest-numbered
/// first, each taking deliveries after `startupDelay`). Fewer than running, and `cooldown`
/// passed since the last scaling action (or the start of the run): the highest-numbered
/// running instances stop — each takes no new deliveries, finishes what it holds, then stops.
/// - `min` 1 … `max`; `max` ≤ 100,000; `targetDepthPerInstance` > 0 [messages];
///   `interval` > 0 (default 30 s), `cooldown` ≥ 0 (default 300 s), `startupDelay` ≥ 0
///   (default 0) [s].
/// - Note: Source: KEDA documentation, "ScaledObject specification"
///   (https://keda.sh/docs/latest/reference/scaledobject-spec: pollingInterval default 30 s,
///   cooldownPeriod default 300 s); Kubernetes documentation, "Horizontal Pod Autoscaling"
///   (desiredReplicas = ⌈currentMetricValue / desiredMetricValue⌉ per replica target;
///   downscale stabilization window default 5 minutes).
public struct AutoscalePolicy: Sendable, Equatable {
    public var min: Int
    public var max: Int
    public var initial: Int
    public var targetDepthPerInstance: Double
    public var cooldown: SimDuration
    public var startupDelay: SimDuration
    public var interval: SimDuration

    /// An autoscaler with every setting given (`initial` nil starts at `min`): a scenario's
    /// defaults are `ScenarioDefaults`' (the reader passes them), so the model declares none.
    public init(min: Int, max: Int, initial: Int?, targetDepthPerInstance: Double, cooldown: SimDuration,
                startupDelay: SimDuration, interval: SimDuration) {
        self.min = min
        self.max = max
        self.initial = initial ?? min
        self.targetDepthPerInstance = targetDepthPerInstance
        self.cooldown = cooldown
        self.startupDelay = startupDelay
        self.interval = interval
    }

    /// The instance count the autoscaler wants for `depth` ready messages.
    public func desired(forDepth depth: Double) -> Int {
        guard depth > 0 else { return min }
        let wanted = (depth / targetDepthPerInstance).rounded(.up)
        return Swift.max(min, Swift.min(max, wanted >= Double(max) ? max : Int(wanted)))
    }
}
