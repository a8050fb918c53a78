import MessagingModels
import Reporting
import ScenarioFormat

/// A set of runs: every point of a sweep (a scenario with its `--set` changes; one point for
/// plain replications) times every replication, numbered point-major (item k is point
/// k / replications, replication k mod replications).
///
/// Replication r of every point runs with seed `Runner.replicationSeed(seed, index: r)`, so
/// the points of a sweep see the same random numbers wherever their change does not alter a
/// draw (common random numbers), and their differences are not noise.
public struct Experiment: Sendable {
    /// The scenario at each point, in order.
    public var points: [Scenario]
    /// Replications per point, ≥ 1.
    public var replications: Int
    /// `--seed`, `--max-events` and `--max-messages`.
    public var options: Runner.Options

    public init(points: [Scenario], replications: Int, options: Runner.Options = Runner.Options()) {
        precondition(!points.isEmpty && replications >= 1)
        self.points = points
        self.replications = replications
        self.options = options
    }

    /// Items in all: points × replications.
    public var itemCount: Int { points.count * replications }

    /// The seed of replication `r` (the same at every point unless a point's change sets the
    /// scenario's seed).
    public func seed(point: Int = 0, replication r: Int) -> UInt64 {
        Runner.replicationSeed(options.seed ?? points[point].model.seed, index: r)
    }

    /// What one run gave, reduced to what experiments keep.
    public struct ItemResult: Sendable {
        public var fields: NumericFields
        /// Why a limit stopped the run, or nil.
        public var limitMessage: String?
        public var warnings: [ReportWarning]

        /// What experiments keep of `outcome`.
        public init(_ outcome: RunOutcome) {
            // Encoding a report we just built cannot fail; an empty field set would show it.
            fields = (try? NumericFields(outcome.report)) ?? NumericFields(values: [])
            limitMessage = outcome.limitMessage
            warnings = outcome.report.warnings
        }
    }

    /// Runs the items `indices` (ascending) on up to `workers` threads; results in the order
    /// of `indices`, independent of `workers`.
    public func run(_ indices: [Int], workers: Int = Runner.defaultWorkers) -> [ItemResult] {
        let snapshot = self
        return Runner.parallel(indices.count, workers: workers) { position in
            let item = indices[position]
            let point = item / snapshot.replications, replication = item % snapshot.replications
            var options = snapshot.options
            options.seed = snapshot.seed(point: point, replication: replication)
            return ItemResult(Runner.run(snapshot.points[point], options: options))
        }
    }
}
