import MessagingModels
import SimulationKernel

extension Report {
    /// Calls to a consumer's dependency (`consumers.<name>.downstream`).
    public struct DownstreamFigures: Codable, Sendable, Equatable {
        /// Attempts that called it, and calls that failed (outage or its failure rate).
        public var calls: Int
        public var failures: Int
        /// Time it was out within the run [s].
        public var outageSeconds: Double
    }

    /// A circuit breaker's state change (`transitions[i]`).
    public struct BreakerTransition: Codable, Sendable, Equatable {
        /// When [s].
        public var at: Double
        /// `open`, `halfOpen` or `closed`.
        public var state: String
    }

    /// A circuit breaker's figures (`consumers.<name>.circuitBreaker`).
    public struct CircuitBreakerFigures: Codable, Sendable, Equatable {
        /// Transitions into open, half-open and closed.
        public var opened: Int
        public var halfOpened: Int
        public var closed: Int
        /// Time spent open, half-open excluded [s].
        public var openSeconds: Double
        /// Attempts postponed because the breaker was not closed, and their waits summed [s]
        /// (not a span of time). Deliveries not taken meanwhile show in the queue's depth.
        public var heldBack: Int
        public var heldBackSeconds: Double
        /// `heldBackSeconds / heldBack`: the mean wait of a held-back attempt [s]; 0 when none was.
        public var heldBackMeanSeconds: Double = 0
        /// State changes over time (the first 1,000), and how many there were in all.
        public var transitions: [BreakerTransition]
        public var transitionCount: Int
    }

    /// A point of the instance series (`autoscaling.instances[i]`).
    public struct InstanceCount: Codable, Sendable, Equatable {
        /// From when [s], and the running count.
        public var at: Double
        public var count: Int
    }

    /// An autoscaled consumer's figures (`consumers.<name>.autoscaling`). Running instances
    /// take deliveries or finish what they hold before stopping; starting ones do not count.
    public struct AutoscalingFigures: Codable, Sendable, Equatable {
        public var min: Int
        public var max: Int
        /// Running at the end, and the most at once.
        public var final: Int
        public var peak: Int
        /// Time-weighted mean over the measured window, and its integral [instance-seconds].
        public var meanInstances: Double
        public var instanceSeconds: Double
        /// Scaling actions.
        public var scaleOuts: Int
        public var scaleIns: Int
        /// The running count from each change on (the first 1,000 changes, from time 0), and
        /// how many changes there were in all.
        public var instances: [InstanceCount]
        public var instanceChanges: Int
    }

    /// Adds the figures of consumer pauses, downstreams, breakers and autoscalers; an
    /// autoscaled consumer's utilization becomes busy time / running-instance time.
    mutating func addResilience(_ resilience: ResilienceMetrics?, consumers metrics: [ConsumerMetrics]) {
        guard let resilience else { return }
        for (consumer, controls) in zip(metrics, resilience.consumers) {
            guard let controls, var figures = consumers[consumer.name] else { continue }
            figures.pausedSeconds = controls.pausedSeconds
            figures.downstream = controls.downstream.map {
                DownstreamFigures(calls: $0.calls, failures: $0.failures, outageSeconds: $0.outageSeconds)
            }
            figures.circuitBreaker = controls.breaker.map { b in
                CircuitBreakerFigures(
                    opened: b.opened, halfOpened: b.halfOpened, closed: b.closed, openSeconds: b.openSeconds,
                    heldBack: b.heldBack, heldBackSeconds: b.heldBackSeconds,
                    heldBackMeanSeconds: b.heldBack > 0 ? b.heldBackSeconds / Double(b.heldBack) : 0,
                    transitions: b.transitions.map { BreakerTransition(at: $0.at.seconds, state: $0.state.rawValue) },
                    transitionCount: b.transitionCount)
            }
            if let a = controls.autoscaling {
                figures.autoscaling = AutoscalingFigures(
                    min: a.policy.min, max: a.policy.max, final: a.final, peak: a.peak, meanInstances: a.meanInstances,
                    instanceSeconds: a.instanceSeconds, scaleOuts: a.scaleOuts, scaleIns: a.scaleIns,
                    instances: a.instances.map { InstanceCount(at: $0.at.seconds, count: $0.count) },
                    instanceChanges: a.changeCount)
                figures.utilization = a.instanceSeconds > 0 ? consumer.busySeconds / a.instanceSeconds : 0
            }
            consumers[consumer.name] = figures
        }
    }
}
