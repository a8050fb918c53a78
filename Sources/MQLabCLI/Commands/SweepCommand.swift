import Expectations
import Experiments
import Foundation
import MessagingModels
import Reporting
import ScenarioFormat

/// `mqlab sweep FILE --set PATH=VALUES… [--metric PATH]… [--replications N] [--shard i/n]`:
/// runs every combination of the values (in parallel) and prints a table of metrics.
enum SweepCommand {
    static let usage = "mqlab sweep FILE --set PATH=VALUES… [--metric PATH]… [--replications N] [--seed N] [--format text|json|markdown|csv|html] [--threads T] [--shard i/n] [--max-events N] [--max-messages N]"

    static let help = """
    usage: \(usage)

    Runs the scenario at every combination of the swept values (the cross product, the last
    --set changing fastest), in parallel, and prints one row per combination with the chosen
    metrics. Every replication r of every point uses the same seed (common random numbers), so
    differences between rows come from the change, not from the draws.

      --set PATH=VALUES  a scenario key (as for run --set) and its values: a list 50,100,200
                         (or 10ms,40ms, fanout,topic), a range 1..8 (integers), or a range with
                         a step 0.5..2:0.5 or 10ms..50ms:10ms (one unit on ends and step)
      --metric PATH      a numeric field of the JSON report (repeatable; checked before any
                         run, as a scenario's expect is); default: throughput
                         (throughput.ackedPerSecond), latency.endToEnd.p50 and p99, each queue's
                         brokers.Q.depth.max and each consumer's consumers.C.utilization;
                         a scenario with an expect list adds a column: met, or how many of its
                         items the point's means miss
      --replications N   runs per point (default 1); cells show mean ± 95% half-width
      --format F         text (default), json, markdown, csv (one row per point), or html:
                         a self-contained page with the table and a chart of each metric
                         against the first --set's values (one line per value of the
                         others, 95% error bars with --replications); redirect it to a file
      --threads T        parallel runs (default: the number of processors); never changes
                         the output
      --shard i/n        run only points × replications k with k mod n = i and print a
                         partial result (JSON) for mqlab merge

    example: mqlab sweep Scenarios/task-queue.json --set consumers.workers.instances=3..6 --replications 3

    """

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ExperimentOptions.valued + ["--set", "--metric", "--replications", "--shard"],
                                            usage: usage, help: help, console: console)
        guard let args = parsed else { return exit }
        guard args.positional.count == 1 else {
            console.err("error: sweep takes exactly one scenario file, found \(args.positional.count)\nusage: \(usage)\n")
            return .usage
        }
        let options: ExperimentOptions
        let replications: Int
        var axes: [SweepAxis] = []
        do {
            options = try ExperimentOptions(args, shardable: true, html: true)
            replications = try args.integer("--replications", in: 1...1_000_000) ?? 1
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        for text in args.repeated["--set"] ?? [] {
            do {
                axes.append(try SweepAxis(text))
            } catch {
                console.err("error: \(error.message)\n")
                return .usage
            }
        }
        guard !axes.isEmpty else {
            console.err("error: nothing to sweep: give at least one --set PATH=VALUES, such as --set consumers.workers.instances=1..8\nusage: \(usage)\n")
            return .usage
        }
        if let repeated = Dictionary(grouping: axes, by: \.path).first(where: { $0.value.count > 1 })?.key {
            console.err("error: --set \(repeated) is given twice; give its values once (a list such as 3,4,5,6)\n")
            return .usage
        }
        // Every run's figures are kept until the table is made: bound the runs before
        // building the points (the product of the axes, not each axis, is what grows).
        let runs = axes.reduce(Double(replications)) { $0 * Double($1.values.count) }
        guard runs <= Double(SweepAxis.maxRuns) else {
            console.err("error: \(axes.map { String($0.values.count) }.joined(separator: " × ")) points × \(replications) replication\(replications == 1 ? "" : "s") is more than \(SweepAxis.maxRuns) runs; sweep fewer values (or shard the sweep with --shard i/n and mqlab merge)\n")
            return .usage
        }
        let combinations = SweepAxis.points(axes)
        let file = args.positional[0]
        var points: [Scenario] = []
        for values in combinations {
            do {
                var overrides: [ScenarioOverride] = []
                for (axis, value) in zip(axes, values) {
                    do {
                        overrides.append(try ScenarioOverride(axis.path + "=" + value))
                    } catch {
                        console.err("error: --set \(axis.path)=\(value): \(error.message)\n")
                        return .usage
                    }
                }
                points.append(try ScenarioLoader.load(path: file, overrides: overrides))
            } catch {
                console.err(error.description + "\n")
                return .usage
            }
        }
        if let problem = unknownMetric(args.repeated["--metric"] ?? [], points: points, axes: axes) {
            console.err("error: --metric: \(problem)\n")
            return .usage
        }
        let metrics = args.repeated["--metric"] ?? SweepOutput.defaultMetrics(points[0])
        let experiment = Experiment(points: points, replications: replications, options: options.runner)
        let seeds = (0..<replications).map { experiment.seed(replication: $0) }
        let output = SweepOutput(scenario: points[0].name, axes: axes, metrics: metrics, seeds: seeds, format: options.format,
                                 expect: points[0].expectations.map(CapacityRequirements.text), names: entityNames(points[0].model))
        let total = experiment.itemCount
        let indices = options.shard?.items(of: total) ?? Array(0..<total)
        let results = experiment.run(indices, workers: options.threads)
        let labels = indices.map { item in
            let point = item / replications
            return zip(axes, combinations[point]).map { "\($0.path)=\($1)" }.joined(separator: " ")
                + (replications > 1 ? " replication \(item % replications)" : "")
        }
        if ExperimentOptions.reportProblems(results, labels: labels, file: points[0].file, console: console) {
            console.err("no table: a run was stopped by a limit\n")
            return .limitHit
        }
        // A metric no run has is most likely misspelt: say which fields exist.
        if let first = results.first?.fields {
            for metric in metrics where !results.contains(where: { $0.fields[ReportPath(metric)] != nil }) {
                let paths = first.values.map(\.path.text)
                let near = paths.filter { MQLab.isNear(metric, $0) }.first
                    ?? paths.first { $0.hasSuffix("." + ReportPath(metric).lastComponent) }
                console.err("warning: --metric \(metric): no run's report has this numeric field" + (near.map { " (did you mean \($0)?)" } ?? "") + "; mqlab run --format csv lists them\n")
            }
        }
        do {
            if let shard = options.shard {
                let part = PartialResult(shard: shard, items: total, sweep: output, results: zip(indices, results).map { ($0, $1.fields) })
                console.out(try part.encoded())
            } else {
                console.out(try output.render(results.map(\.fields)))
            }
        } catch {
            console.err("error: could not render the table: \(error)\n")
            return .usage
        }
        return .success
    }

    /// Why the first of `metrics` that no point's report can have is wrong (the message a
    /// scenario's `expect` gets, with "did you mean"), or nil when each is a numeric field of
    /// some point's report: checked before anything runs. A field a feature turns on (a queue's
    /// `capacity` with `maxLength`) may exist at some points only, so a metric the first point
    /// lacks is looked for at the points where each axis takes each of its values, the other
    /// axes at their first (at most 64 points: the check stays quick on a large sweep).
    static func unknownMetric(_ metrics: [String], points: [Scenario], axes: [SweepAxis]) -> String? {
        guard !metrics.isEmpty else { return nil }
        let wanted = metrics.map { ReportPath($0) }
        func catalog(_ index: Int) -> MetricCatalog {
            Report.metricCatalog(for: points[index].model, technologies: points[index].technologies, only: wanted)
        }
        // Points are the axes' cross product with the last axis fastest (SweepAxis.points).
        var others: [Int] = []
        var stride = 1
        for axis in axes.reversed() {
            others += (1..<max(1, axis.values.count)).map { $0 * stride }
            stride *= axis.values.count
        }
        others = Array(others.filter { $0 < points.count }.sorted().prefix(64))
        let first = catalog(0)
        var more: [MetricCatalog]? = nil
        for metric in metrics {
            guard let problem = Scenario.metricProblem(metric, in: first) else { continue }
            if more == nil { more = others.map(catalog) }
            if more?.contains(where: { Scenario.metricProblem(metric, in: $0) == nil }) == true { continue }
            return problem
        }
        return nil
    }

    /// The names of the model's brokers (queues, topics, exchanges, streams), producers and
    /// consumers, for column titles that keep a dotted name whole.
    static func entityNames(_ model: SystemModel) -> [String] {
        model.queues.map(\.name) + model.topics.map(\.name) + model.exchanges.map(\.name) + model.streams.map(\.name)
            + model.producers.map(\.name) + model.consumers.map(\.name)
    }
}
