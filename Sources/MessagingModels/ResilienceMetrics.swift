import SimulationKernel

/// What consumer pauses, downstreams, circuit breakers and autoscalers did in a run, for the
/// report (Simulation+Resilience.swift, Simulation+Autoscaling.swift).
public struct ResilienceMetrics: Sendable {
    /// A circuit breaker's state.
    public enum BreakerState: String, Sendable {
        case closed, open, halfOpen
    }

    /// Calls to a consumer's downstream.
    public struct Downstream: Sendable {
        /// Attempts that called it, and those it failed (outage or its failure rate).
        public var calls = 0
        public var failures = 0
        /// Time inside the run during which it was out [s].
        public var outageSeconds = 0.0
    }

    /// A circuit breaker's figures.
    public struct Breaker: Sendable {
        /// Transitions into open, half-open and closed.
        public var opened = 0
        public var halfOpened = 0
        public var closed = 0
        /// Time spent open (not half-open) [s].
        public var openSeconds = 0.0
        /// Attempts postponed because the breaker was not closed, and their total wait [s].
        public var heldBack = 0
        public var heldBackSeconds = 0.0
        /// The first `ResilienceMetrics.seriesLimit` state changes, in time order.
        public var transitions: [(at: SimTime, state: BreakerState)] = []
        /// All state changes, including those past the limit.
        public var transitionCount = 0
    }

    /// An autoscaled consumer's figures. "Instances" counts running instances (taking
    /// deliveries, or stopping and finishing what they hold); starting ones do not count.
    public struct Autoscaling: Sendable {
        public var policy: AutoscalePolicy
        /// At the end, and the most at once.
        public var final = 0
        public var peak = 0
        /// Time-weighted mean over the measured window, and its integral [instance-seconds].
        public var meanInstances = 0.0
        public var instanceSeconds = 0.0
        /// Scaling actions (an action may start or stop several instances).
        public var scaleOuts = 0
        public var scaleIns = 0
        /// The count after each change, from time 0 (the first `seriesLimit` changes).
        public var instances: [(at: SimTime, count: Int)] = []
        public var changeCount = 0
    }

    /// One consumer's figures; each part nil when the consumer does not use it.
    public struct Consumer: Sendable {
        /// Wall time paused within the run [s].
        public var pausedSeconds: Double?
        public var downstream: Downstream?
        public var breaker: Breaker?
        public var autoscaling: Autoscaling?
    }

    /// Most state changes and instance counts kept per series (memory stays bounded).
    public static let seriesLimit = 1_000

    /// By consumer index; nil for consumers without any of these controls.
    public var consumers: [Consumer?] = []

    public init() {}
}
