import Expectations
import Foundation
import Reporting
import ScenarioFormat

/// The verdict on a user's design for an exercise: every objective evaluated on every seed of
/// the check, the seeds a failure happened on, and a witness message for the first failure.
public struct ExerciseCheck: Sendable, Codable {
    public var exercise: String
    public var file: String
    /// The seeds the design ran on, one full run each.
    public var seeds: [UInt64]
    /// Whether every objective held on every seed.
    public var passed: Bool
    public var objectives: [ObjectiveOutcome]
    /// Runs a limit stopped (`--max-events`-like guards: a loop with no progress, too many
    /// messages at once): their figures cover the run so far, so they count as failures.
    public var stopped: [StoppedRun]
    /// What a pass on these seeds tells, in words.
    public var confidence: String
    /// A message whose journey shows the first failure, when one message can.
    public var witness: Witness?
    /// The seed of the run the witness comes from (`mqlab trace FILE --seed N --message ID`).
    public var witnessSeed: UInt64?
    /// On failure: the exercise's concepts, and the hint level to read next.
    public var concepts: [String]?
    public var nextHint: Int?

    /// A run that a limit stopped, and why.
    public struct StoppedRun: Sendable, Codable, Equatable {
        public var seed: UInt64
        public var reason: String
    }

    /// One objective over all seeds.
    public struct ObjectiveOutcome: Sendable, Codable {
        /// As written in `exercise.json` (`"latency.queueWait.p99 < 1s"`).
        public var expect: String
        public var because: String
        public var passed: Bool
        /// `count`, `seconds`, `perSecond` or `fraction`: the unit of `measured`.
        public var kind: String
        /// The measured value on each seed, in the report's unit (null when the run had none).
        public var measured: [Double?]
        /// The seeds on which it failed.
        public var failedOn: [UInt64]
        /// Why the objective could not be measured on this design (it names a queue, group or
        /// figure the design does not have): the objective fails on every seed. Nil otherwise.
        public var notMeasured: String?
    }

    /// Checks `scenario` (already read from the user's file) against `exercise`.
    ///
    /// Runs the scenario once per seed (the exercise's seeds, then derived ones up to `runs`)
    /// in parallel, evaluates every objective on every run, and looks for a witness of the
    /// first failed objective on the first seed it failed on.
    /// An objective naming a report figure this design does not have (a queue of another
    /// name, a stream group on a design without streams) is not an invalid file: it fails on
    /// every seed, with `notMeasured` saying what is missing and the names the design offers.
    public static func run(_ exercise: Exercise, scenario: Scenario, runs: Int? = nil,
                           workers: Int = Runner.defaultWorkers) -> ExerciseCheck {
        var scenario = scenario
        // Each objective is checked on its own against this design's report fields; the ones
        // it cannot measure are left out of the runs and fail.
        let catalog = Report.metricCatalog(for: scenario.model, technologies: scenario.technologies)
        var notMeasured: [String?] = []
        var measurable: [MetricExpectation] = []
        for objective in exercise.objectives {
            var probe = scenario
            probe.expectations = [objective.expectation]
            do {
                try probe.checkExpectations(against: catalog)
                measurable.append(probe.expectations[0])
                notMeasured.append(nil)
            } catch {
                notMeasured.append(error.errors.map(\.message).joined(separator: "; ")
                                   + " (so this design cannot meet it: the objectives name the brokers, groups and consumers of the exercise's question; keep those names)")
            }
        }
        scenario.expectations = measurable
        let seeds = Self.seeds(of: exercise, runs: runs ?? exercise.seeds.count)
        let checked = scenario
        let outcomesBySeed = Runner.parallel(seeds.count, workers: workers) { index in
            Runner.run(checked, options: Runner.Options(seed: seeds[index]))
        }
        let reports = outcomesBySeed.map(\.report)
        // A run a limit stopped is not a result: every objective fails on its seed.
        let cutShort = zip(seeds, outcomesBySeed).compactMap { seed, outcome in
            outcome.limitMessage.map { StoppedRun(seed: seed, reason: $0) }
        }
        let stoppedSeeds = Set(cutShort.map(\.seed))
        var outcomes: [ObjectiveOutcome] = []
        var measuredIndex = 0
        for (index, objective) in exercise.objectives.enumerated() {
            if let reason = notMeasured[index] {
                outcomes.append(ObjectiveOutcome(expect: objective.text, because: objective.because, passed: false, kind: "count",
                                                 measured: seeds.map { _ in nil }, failedOn: seeds, notMeasured: reason))
                continue
            }
            let position = measuredIndex
            measuredIndex += 1
            let results = reports.map { report in report.expectations.flatMap { position < $0.count ? $0[position] : nil } }
            let failedOn = zip(seeds, results).filter { $0.1?.passed != true || stoppedSeeds.contains($0.0) }.map(\.0)
            outcomes.append(ObjectiveOutcome(expect: objective.text, because: objective.because, passed: failedOn.isEmpty,
                                             kind: results.compactMap { $0?.kind }.first ?? "count", measured: results.map { $0?.measured },
                                             failedOn: failedOn, notMeasured: nil))
        }
        let passed = outcomes.allSatisfy(\.passed)
        // The witness comes from the first seed with a failure, for the first failed
        // objective that one message can show.
        var witness: Witness?
        var witnessSeed: UInt64?
        if let seedIndex = reports.indices.first(where: { !reports[$0].expectationsMet && !stoppedSeeds.contains(seeds[$0]) }) {
            let failed = (reports[seedIndex].expectations ?? []).filter { !$0.passed }
            witness = Witness.find(forFirstOf: failed, in: checked, seed: seeds[seedIndex])
            witnessSeed = witness == nil ? nil : seeds[seedIndex]
        }
        return ExerciseCheck(exercise: exercise.id, file: scenario.file, seeds: seeds, passed: passed, objectives: outcomes,
                             stopped: cutShort,
                             confidence: confidence(passed: passed, runs: seeds.count, failedRuns: Set(outcomes.flatMap(\.failedOn)).count),
                             witness: witness, witnessSeed: witnessSeed, concepts: passed ? nil : exercise.concepts, nextHint: passed ? nil : exercise.hints.first?.level)
    }

    /// The exercise's seeds, then seeds derived from the first (as replications are) up to
    /// `runs`; at least one.
    static func seeds(of exercise: Exercise, runs: Int) -> [UInt64] {
        let base = exercise.seeds.first ?? 1
        var seeds = Array(exercise.seeds.prefix(max(1, runs)))
        var index = 1
        while seeds.count < max(1, runs) {
            let seed = Runner.replicationSeed(base, index: index)
            if !seeds.contains(seed) { seeds.append(seed) }
            index += 1
        }
        return seeds
    }

    /// With n independent runs all passing, the chance of a run passing is at least
    /// 0.05^(1/n) with 95% confidence (the one-sided Clopper–Pearson bound for n successes in
    /// n trials); a failure on any seed is a failure, whatever the others say.
    static func confidence(passed: Bool, runs: Int, failedRuns: Int) -> String {
        guard passed else {
            return "failed on \(failedRuns) of \(runs) runs: a design must meet every objective on every seed"
        }
        let bound = pow(0.05, 1 / Double(runs))
        return "met on all \(runs) runs (independent seeds): with 95% confidence this design meets every objective in at least \(String(format: "%.1f", (bound * 1000).rounded(.down) / 10))% of runs; --runs N checks more seeds"
    }
}
