import Expectations
import Experiments
import Foundation
import ScenarioFormat

/// `mqlab run FILE --replications N [--shard i/n] [--threads T] …`: N independent runs of one
/// scenario, in parallel, summarized as mean ± 95% confidence half-width of every numeric
/// field (`RunCommand` hands over when it sees `--replications`).
enum ReplicationsCommand {
    static let usage = "mqlab run FILE --replications N [--seed N] [--set PATH=VALUE]… [--format text|json|markdown|csv] [--threads T] [--shard i/n] [--max-events N] [--max-messages N]"

    /// Whether `arguments` ask for replications.
    static func applies(to arguments: [String]) -> Bool {
        arguments.contains { argument in
            ["--replications", "--batch-means"].contains { argument == $0 || argument.hasPrefix($0 + "=") }
        }
    }

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ExperimentOptions.valued + ["--set", "--replications", "--batch-means", "--shard"],
                                            usage: usage, help: Help.run, console: console)
        guard let args = parsed else { return exit }
        guard args.positional.count == 1 else {
            console.err("error: --replications and --batch-means take exactly one scenario file, found \(args.positional.count)\nusage: \(usage)\n")
            return .usage
        }
        let options: ExperimentOptions
        let count: Int
        let batches: Int?
        let overrides: [ScenarioOverride]
        do throws(UsageError) {
            options = try ExperimentOptions(args, shardable: true)
            count = try args.integer("--replications", in: 2...SweepAxis.maxRuns) ?? 2
            batches = try args.integer("--batch-means", in: 2...100_000)
            if batches != nil, args.options["--replications"] != nil || args.options["--shard"] != nil {
                throw UsageError("--batch-means estimates from one run: it does not combine with --replications or --shard")
            }
            overrides = try args.overrides()
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: args.positional[0], overrides: overrides)
        } catch {
            console.err(error.description + "\n")
            return .usage
        }
        if let batches {
            return batchMeans(scenario, batches: batches, options: options, console: console)
        }
        let experiment = Experiment(points: [scenario], replications: count, options: options.runner)
        let seeds = (0..<count).map { experiment.seed(replication: $0) }
        let output = ReplicationOutput(scenario: scenario.name, seeds: seeds, format: options.format)
        let indices = options.shard?.items(of: count) ?? Array(0..<count)
        let results = experiment.run(indices, workers: options.threads)
        let labels = indices.map { "replication \($0) (seed \(seeds[$0]))" }
        if ExperimentOptions.reportProblems(results, labels: labels, file: scenario.file, console: console) {
            console.err("no summary: a replication was stopped by a limit\n")
            return .limitHit
        }
        do {
            if let shard = options.shard {
                let part = PartialResult(shard: shard, items: count, replications: output,
                                         results: zip(indices, results).map { ($0, $1.fields) })
                console.out(try part.encoded())
            } else {
                console.out(try output.render(results.map(\.fields)))
                if !expectationsMet(scenario, ReplicationSummary(results.map(\.fields)), console: console) { return .expectationsFailed }
            }
        } catch {
            console.err("error: could not render the summary: \(error)\n")
            return .usage
        }
        return .success
    }

    /// One traced run cut into `batches` batches (`--batch-means K`).
    static func batchMeans(_ scenario: Scenario, batches: Int, options: ExperimentOptions, console: Console) -> MQLab.ExitCode {
        let (outcome, estimates) = BatchMeans.run(scenario, batches: batches, options: options.runner)
        if ExperimentOptions.reportProblems([Experiment.ItemResult(outcome)], labels: ["run"], file: scenario.file, console: console) {
            console.err("no estimate: the run was stopped by a limit\n")
            return .limitHit
        }
        let fields = (try? NumericFields(outcome.report)) ?? NumericFields(values: [])
        do {
            console.out(try BatchMeansOutput(scenario: scenario.name, seed: outcome.model.seed, format: options.format,
                                             batchMeans: estimates, fields: fields).render())
        } catch {
            console.err("error: could not render the estimate: \(error)\n")
            return .usage
        }
        return .success
    }

    /// Judges the scenario's `expect` list on the replications' means; prints each one not
    /// met, and `FILE: N of M expectations not met`, on standard error.
    static func expectationsMet(_ scenario: Scenario, _ summary: ReplicationSummary, console: Console) -> Bool {
        let requirements = CapacityRequirements(scenario.expectations)
        let failed = scenario.expectations.filter { !requirements.holds($0, in: summary) }
        guard !failed.isEmpty else { return true }
        for expectation in failed {
            let measured = summary[expectation.path].map { IntervalText.text($0, path: expectation.metric) } ?? "no value"
            console.err("\(scenario.file): expectation not met by the mean of the replications: \(CapacityRequirements.text(expectation)) (measured \(measured))\n")
        }
        console.err("\(scenario.file): \(failed.count) of \(scenario.expectations.count) expectations not met (on the mean)\n")
        return false
    }
}
