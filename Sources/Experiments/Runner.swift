import Dispatch
import Foundation
import MessagingModels
import Reporting
import ScenarioFormat
import SimulationKernel

/// Runs scenarios: one run, independent replications in parallel, or variants of a workload
/// on common random numbers. Every command (`run`, `trace`, `bench`, and comparisons and
/// sweeps) simulates through it; it knows nothing of arguments or consoles.
///
/// Results never depend on the number of worker threads or their scheduling: each run is a
/// pure function of its model, and a set of runs comes back in index order.
public enum Runner {
    /// Changes applied to a scenario's model before it runs (the command line's `--seed`,
    /// `--max-events`, `--max-messages`).
    public struct Options: Sendable {
        public var seed: UInt64?
        public var maxEvents: Int?
        public var maxMessages: Int?

        public init(seed: UInt64? = nil, maxEvents: Int? = nil, maxMessages: Int? = nil) {
            self.seed = seed
            self.maxEvents = maxEvents
            self.maxMessages = maxMessages
        }

        /// `model` with these options applied.
        public func apply(to model: SystemModel) -> SystemModel {
            var model = model
            if let seed { model.seed = seed }
            if let maxEvents { model.maxEvents = maxEvents }
            if let maxMessages { model.maxMessagesInSystem = maxMessages }
            return model
        }
    }

    /// Hooks into one run: `prepare` may attach a progress callback or a trace to the
    /// simulation before it starts.
    public typealias Prepare = (inout Simulation) -> Void

    /// Runs `scenario` once and builds its report.
    public static func run(_ scenario: Scenario, options: Options = Options(), prepare: Prepare? = nil) -> RunOutcome {
        let inputWarnings = scenario.warnings.map { ReportWarning(code: $0.code, path: $0.path, message: $0.message) }
        var outcome = run(model: options.apply(to: scenario.model), description: scenario.description,
                          inputWarnings: inputWarnings, prepare: prepare)
        if !scenario.overrides.isEmpty { outcome.report.overrides = scenario.overrides }
        if !scenario.technologies.isEmpty { outcome.report.addTechnologies(scenario.technologies) }
        if !scenario.expectations.isEmpty {
            outcome.report.expectations = outcome.report.evaluate(scenario.expectations)
        }
        return outcome
    }

    /// Runs `model` once and builds its report (for models built in code, such as the
    /// benchmark's).
    public static func run(model: SystemModel, description: String = "",
                           inputWarnings: [ReportWarning] = [], prepare: Prepare? = nil) -> RunOutcome {
        var simulation = Simulation(model: model)
        prepare?(&simulation)
        let result = simulation.run()
        var report = Report(result: result, description: description, inputWarnings: inputWarnings)
        report.addTheory(for: model, result: result)
        return RunOutcome(model: model, result: result, report: report)
    }

    /// The seed of replication `index` of a run seeded with `seed`: replication 0 keeps the
    /// seed itself (so one replication is the plain run); the others get independent seeds
    /// derived from it by name, the same whatever the number of replications. Derived seeds
    /// keep 53 bits, so each is a valid scenario `seed` and `--seed` (exact in JSON):
    /// any replication can be rerun, and traced, on its own.
    public static func replicationSeed(_ seed: UInt64, index: Int) -> UInt64 {
        index == 0 ? seed : RandomStream.seed(seed, name: "replication/\(index)") & UInt64(Scenario.maxSeed)
    }

    /// Runs `count` independent replications of `scenario` (seeds from `replicationSeed`) on
    /// up to `workers` threads; returns them in replication order.
    public static func replications(_ scenario: Scenario, count: Int, options: Options = Options(),
                                    workers: Int = defaultWorkers) -> [RunOutcome] {
        let base = options.seed ?? scenario.model.seed
        return parallel(count, workers: workers) { index in
            var replication = options
            replication.seed = replicationSeed(base, index: index)
            return run(scenario, options: replication)
        }
    }

    /// Runs each variant (a label and its scenario) with `options` on up to `workers` threads,
    /// in the given order. Variants of one workload keep the same seed, so every draw a
    /// variant does not change — arrival times, service times, keys — is the same in all of
    /// them (common random numbers: each purpose draws from its own stream).
    public static func variants(_ variants: [(label: String, scenario: Scenario)], options: Options = Options(),
                                workers: Int = defaultWorkers) -> [(label: String, outcome: RunOutcome)] {
        let outcomes = parallel(variants.count, workers: workers) { run(variants[$0].scenario, options: options) }
        return zip(variants, outcomes).map { ($0.label, $1) }
    }

    /// The number of active processors.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `body(i)` for i in 0..<count on up to `workers` threads, results in index order.
    static func parallel<T>(_ count: Int, workers: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = ResultSlots<T>(count)
        let threads = max(1, min(workers, count))
        if threads == 1 {
            for index in 0..<count { slots.set(index, body(index)) }
        } else {
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while let index = next.take(below: count) { slots.set(index, body(index)) }
            }
        }
        return slots.values()
    }
}

/// What one run gave: its model as run, the simulation's result and the report.
public struct RunOutcome {
    public var model: SystemModel
    public var result: SimulationResult
    public var report: Report

    /// Whether a limit stopped the run (its report covers the run so far).
    public var hitLimit: Bool { limitMessage != nil }

    /// Why a limit stopped the run, in plain words ("error: FILE: …" is the caller's), or nil
    /// when it ended normally.
    public var limitMessage: String? {
        switch result.stopReason {
        case .completed, .drainTimeout, .idle:
            return nil
        case .eventLimit:
            return "run stopped after \(result.events) events (--max-events); the report covers the run so far"
        case .stalled:
            return "run stopped at \(result.end.seconds) s: a million events happened within 0.1 s of simulated time with almost no message published or settled, or ten million at one instant (a loop that takes (almost) no time, such as requeueing a failing message with zero processing time); the report covers the run so far"
        case .messageLimit:
            let cause: String
            if result.incomingStreamRecords > result.retainedStreamRecords {
                cause = "\(result.incomingStreamRecords) of them were stream records sent but not yet appended, waiting for their partition's or broker's ingress (profile) or in a producer's batch: the publishes exceed the stream's capacity; lower the load, add partitions or brokers, or raise the limit with --max-messages"
            } else if result.retainedStreamRecords > 0 {
                cause = "\(result.retainedStreamRecords) of them were records retained in streams, which count while a consumer group may still read them, until the stream's retention deletes them: shorten the stream's retention, let the groups keep up, or raise the limit with --max-messages"
            } else {
                cause = "an initial backlog that large, or arrivals the consumers cannot keep up with; raise the limit with --max-messages"
            }
            return "run stopped at \(result.end.seconds) s: more than \(model.maxMessagesInSystem) messages were in the system at once (\(cause)); the report covers the run so far"
        case .clockOverflow:
            return "run stopped at \(result.end.seconds) s: an event would happen after the simulation clock's last instant (2^63 ns, about 292 years), from a sampled time or a sum of durations that large; the report covers the run so far"
        }
    }
}

/// Results written by index from several threads.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = DispatchSemaphore(value: 1)
    init(_ count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) {
        lock.wait()
        slots[index] = value
        lock.signal()
    }
    func values() -> [T] { slots.map { $0! } }
}

/// Hands out indices 0, 1, 2, … to worker threads.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = DispatchSemaphore(value: 1)
    func take(below limit: Int) -> Int? {
        lock.wait()
        defer { lock.signal() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
