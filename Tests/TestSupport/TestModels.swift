import Foundation
import Testing
import MessagingModels
import Reporting
import ScenarioFormat
import SimulationKernel

/// Small helpers for building and running models in tests.
public enum TestModels {
    /// An autoscaler with the scenario defaults (`ScenarioDefaults`) for what is not given;
    /// times in seconds.
    public static func autoscale(min: Int, max: Int, initial: Int? = nil, targetDepthPerInstance: Double,
                                 cooldown: SimDuration = SimDuration(seconds: ScenarioDefaults.autoscaleCooldown.value),
                                 startupDelay: SimDuration = SimDuration(seconds: ScenarioDefaults.autoscaleStartupDelay.value),
                                 interval: SimDuration = SimDuration(seconds: ScenarioDefaults.autoscaleInterval.value)) -> AutoscalePolicy {
        AutoscalePolicy(min: min, max: max, initial: initial, targetDepthPerInstance: targetDepthPerInstance,
                        cooldown: cooldown, startupDelay: startupDelay, interval: interval)
    }

    /// A circuit breaker with the scenario defaults (`ScenarioDefaults`) for what is not given.
    public static func circuitBreaker(failureThreshold: Double = ScenarioDefaults.failureThreshold.value, window: SimDuration,
                                      openFor: SimDuration, halfOpenProbes: Int = ScenarioDefaults.halfOpenProbes.value,
                                      minimumCalls: Int = ScenarioDefaults.minimumCalls.value) -> CircuitBreakerPolicy {
        CircuitBreakerPolicy(failureThreshold: failureThreshold, window: window, openFor: openFor,
                             halfOpenProbes: halfOpenProbes, minimumCalls: minimumCalls)
    }

    /// One queue `q`, one Poisson producer `p` (rate [1/s]), one consumer `c` with `servers`
    /// instances; times in seconds.
    public static func singleQueue(
        name: String = "test", seed: UInt64 = 1, arrivalRate: Double, count: Int? = nil,
        producerDuration: Double? = nil, duration: Double? = nil, servers: Int, service: Distribution,
        warmup: Double = 0, drainTimeout: Double = 3600, prefetch: Int = 1
    ) -> SystemModel {
        SystemModel(
            name: name, seed: seed, duration: duration.map(SimDuration.init(seconds:)),
            warmup: SimDuration(seconds: warmup), drainTimeout: SimDuration(seconds: drainTimeout),
            queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(
                name: "p", target: QueueID(0), arrivals: .poisson(ratePerSecond: arrivalRate), count: count,
                duration: producerDuration.map(SimDuration.init(seconds:)))],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), instances: servers, service: service, prefetch: prefetch)])
    }

    /// Runs `model` to the end.
    public static func run(_ model: SystemModel) -> SimulationResult {
        var simulation = Simulation(model: model)
        return simulation.run()
    }

    /// Runs `model` and returns its result and every step of its trace, in order; `lag`, if
    /// given, observes each stream lag sample.
    public static func traced(_ model: SystemModel, lag: ((LagSample) -> Void)? = nil) -> (SimulationResult, [TraceEntry]) {
        final class Box: @unchecked Sendable { var entries: [TraceEntry] = [] }
        let box = Box()
        var simulation = Simulation(model: model)
        simulation.trace = { box.entries.append($0) }
        simulation.lagObserver = lag
        let result = simulation.run()
        return (result, box.entries)
    }

    /// Runs `model` and returns its trace as lines (`TraceEntry.description`).
    public static func trace(_ model: SystemModel) -> [String] {
        traced(model).1.map(\.description)
    }

    /// Runs `model` and returns its report.
    public static func report(_ model: SystemModel, description: String = "") -> Report {
        Report(result: run(model), description: description)
    }

    /// Expects every queue's ledger of `result` to balance (entered = settled + remaining).
    public static func expectBalanced(_ result: SimulationResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for queue in result.metrics.queues {
            #expect(queue.isBalanced, "ledger of \(queue.name): \(queue)", sourceLocation: sourceLocation)
        }
    }
}
