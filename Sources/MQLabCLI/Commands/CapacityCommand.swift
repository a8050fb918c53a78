import Expectations
import Experiments
import Foundation
import Reporting
import ScenarioFormat

/// `mqlab capacity FILE --vary PATH [--until "EXPR"]… [--replications N]`: the largest (or
/// smallest) value of one scenario key that still meets requirements.
enum CapacityCommand {
    static let usage = "mqlab capacity FILE --vary PATH [--until \"METRIC OP VALUE\"]… [--replications N] [--from V] [--tolerance P] [--set PATH=VALUE]… [--seed N] [--format text|json|markdown|csv] [--threads T]"

    static let help = """
    usage: \(usage)

    Finds how far one scenario key can go while requirements hold: the largest value when
    growing it makes things worse (an arrival rate), the smallest when growing it helps
    (consumer instances) — the direction is found from the first two values tried. Each value
    is judged on the mean of N replicated runs (all on the same seeds, so neighbouring values
    see the same random numbers); the bracket is widened by doubling or halving, then
    bisected to one step (integers) or to --tolerance (real values).

      --vary PATH       the key to change, as for --set (producers.web.arrivals.poisson.rate,
                        consumers.workers.instances)
      --until EXPR      a requirement, written like a scenario's expect item:
                        "latency.endToEnd.p99 < 500ms", "messages.deadLettered <= 0",
                        "consumers.workers.utilization < 80%" (repeatable: all must hold);
                        default: every expect of the scenario
      --replications N  runs per value (default 5); the output gives each figure's 95%
                        interval at the answer and just beyond it, and says whether the answer
                        holds over the whole interval or by the mean only
      --from V          the first value (default: the scenario's own value at PATH)
      --tolerance P     resolution for real values, in percent of the value (default 1)
      --set PATH=VALUE  other changes to the scenario, as for run
      --format F        text (default), json, markdown, csv (one row per value tried)

    A run stopped by a limit (--max-messages, as an overloaded queue grows) counts as not
    meeting the requirements. Exit code 1 when no value tried meets them. The search is
    sequential (each step depends on the last), so it takes no --shard; its replications run
    in parallel. For a grid that shards, use mqlab sweep.

    example: mqlab capacity Scenarios/task-queue.json --vary producers.web.arrivals.poisson.rate --until "latency.endToEnd.p99 < 250ms"

    """

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ExperimentOptions.valued + ["--set", "--vary", "--until", "--replications", "--from", "--tolerance", "--shard"],
                                            usage: usage, help: help, console: console)
        guard let args = parsed else { return exit }
        guard args.positional.count == 1 else {
            console.err("error: capacity takes exactly one scenario file, found \(args.positional.count)\nusage: \(usage)\n")
            return .usage
        }
        guard args.options["--shard"] == nil else {
            console.err("error: capacity does not shard: each bisection step depends on the one before (its replications use every core); for a grid that shards, use mqlab sweep --shard\n")
            return .usage
        }
        guard let vary = args.options["--vary"] else {
            console.err("error: --vary PATH is required: the scenario key to change, such as producers.web.arrivals.poisson.rate\nusage: \(usage)\n")
            return .usage
        }
        let options: ExperimentOptions
        let replications: Int
        let overrides: [ScenarioOverride]
        var tolerance = 0.01
        var from: Double?
        do throws(UsageError) {
            options = try ExperimentOptions(args, shardable: false)
            replications = try args.integer("--replications", in: 1...100_000) ?? 5
            overrides = try args.overrides()
            if let text = args.options["--tolerance"] {
                guard let percent = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), percent > 0, percent < 100 else {
                    throw UsageError("--tolerance expects a percentage > 0 and < 100 (such as 1 or 0.5%), found \"\(text)\"")
                }
                tolerance = percent / 100
            }
            if let text = args.options["--from"] {
                guard let value = Double(text), value.isFinite else { throw UsageError("--from expects a number, found \"\(text)\"") }
                from = value
            }
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        let file = args.positional[0]
        let base: Scenario
        var requirements: [MetricExpectation]
        do {
            base = try ScenarioLoader.load(path: file, overrides: overrides)
            requirements = base.expectations
            let untils = args.repeated["--until"] ?? []
            if !untils.isEmpty {
                let list = try JSONSerialization.data(withJSONObject: untils)
                var probe = base
                probe.file = "--until"
                probe.expectations = try Scenario.readExpectations(list, file: "--until")
                try probe.checkExpectations(against: Report.metricCatalog(for: probe.model, technologies: probe.technologies))
                requirements = probe.expectations
            }
        } catch let error as ScenarioErrors {
            console.err(error.description + "\n")
            return .usage
        } catch {
            console.err("error: \(error)\n")
            return .usage
        }
        guard !requirements.isEmpty else {
            console.err("error: \(file) has no expect list: give the requirement with --until, such as --until \"latency.endToEnd.p99 < 500ms\"\n")
            return .usage
        }
        guard let start = from ?? currentValue(file: file, path: vary, overrides: overrides) else {
            // Setting the key says what is wrong with the path (no such consumer, …), if anything.
            do {
                let probe = try ScenarioOverride("\(vary)=1")
                _ = try ScenarioLoader.load(path: file, overrides: overrides + [probe])
                console.err("error: \(file): no number at \(vary) to start from (the scenario leaves it to its default); give the first value with --from V\n")
            } catch var errors as ScenarioErrors {
                // The probe is this tool's own --set: name the option the user gave.
                for index in errors.errors.indices where errors.errors[index].path == "--set \(vary)=1" {
                    errors.errors[index].path = "--vary \(vary)"
                }
                console.err("\(errors)\n")
            } catch {
                console.err("\(error)\n")
            }
            return .usage
        }
        // A key that refuses a fraction takes integers (instances, counts).
        let integer = start == start.rounded()
            && (try? ScenarioLoader.load(path: file, overrides: overrides + [ScenarioOverride("\(vary)=\(start + 0.5)")])) == nil
        let judge = CapacityRequirements(requirements)
        let seeds = (0..<replications).map { Runner.replicationSeed(options.runner.seed ?? base.model.seed, index: $0) }
        let search = CapacitySearch(start: start, integer: integer, tolerance: tolerance)
        let result: CapacitySearch.Result
        do {
            result = try search.run { value throws -> CapacitySearch.Evaluation in
                let text = CapacityOutput.text(value, integer: integer)
                let scenario: Scenario
                do {
                    scenario = try ScenarioLoader.load(path: file, overrides: overrides + [ScenarioOverride("\(vary)=\(text)")])
                } catch {
                    throw CapacitySearch.InvalidValue("--vary \(vary)=\(text): \(error)")
                }
                let experiment = Experiment(points: [scenario], replications: replications, options: options.runner)
                let runs = experiment.run(Array(0..<replications), workers: options.threads)
                let summary = ReplicationSummary(runs.map(\.fields))
                var (met, margin) = judge.judge(summary)
                if runs.contains(where: { $0.limitMessage != nil }) { met = false }
                if console.showsProgress { console.err("capacity: \(vary)=\(text) \(met ? "meets" : "does not meet") the requirements\n") }
                return CapacitySearch.Evaluation(value: value, met: met, margin: margin, summary: summary)
            }
        } catch let error as CapacitySearch.InvalidValue {
            console.err("error: \(error.message)\n")
            return .usage
        } catch {
            console.err("error: \(error)\n")
            return .usage
        }
        let output = CapacityOutput(scenario: base.name, vary: vary, requirements: judge, seeds: seeds,
                                    search: search, result: result, format: options.format)
        do {
            console.out(try output.render())
        } catch {
            console.err("error: could not render the result: \(error)\n")
            return .usage
        }
        return result.outcome == .neverMet ? .expectationsFailed : .success
    }

    /// The number at `path` in the scenario file (after `overrides` that set exactly that
    /// path), following array elements by name or index as `--set` does; nil if there is none.
    static func currentValue(file: String, path: String, overrides: [ScenarioOverride]) -> Double? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if let last = overrides.last(where: { $0.path == parts }), case .number(let value)? = last.value { return value }
        guard let data = FileManager.default.contents(atPath: file),
              let object = try? JSONSerialization.jsonObject(with: data) else { return nil }
        switch ScenarioOverride.value(at: parts, in: JSONValue(foundation: object)) {
        case .number(let value)?: return value
        case .string(let text)?: return Double(text)
        default: return nil
        }
    }
}
