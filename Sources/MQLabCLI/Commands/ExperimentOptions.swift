import Experiments
import Foundation
import Reporting
import ScenarioFormat

/// The options experiments share (`run --replications`, `sweep`, `capacity`): seed, limits,
/// threads, output format and shard.
struct ExperimentOptions {
    var runner: Runner.Options
    var threads: Int
    var format: ExperimentFormat
    var shard: Shard?

    /// Options every experiment command accepts.
    static let valued = ["--seed", "--format", "--max-events", "--max-messages", "--threads"]

    /// Reads the shared options from `args`; `shardable` says whether `--shard` is allowed,
    /// `html` whether `--format html` is (a sweep's page of charts).
    /// - Throws: `UsageError` for a value out of range or an unknown or unavailable format.
    init(_ args: Arguments, shardable: Bool, html: Bool = false) throws(UsageError) {
        let seed = try args.integer("--seed", in: 0...Scenario.maxSeed)
        runner = Runner.Options(seed: seed.map(UInt64.init),
                                maxEvents: try args.integer("--max-events", in: 1...Int.max),
                                maxMessages: try args.integer("--max-messages", in: 1...Int.max))
        threads = try args.integer("--threads", in: 1...1024) ?? Runner.defaultWorkers
        let name = args.options["--format"] ?? "text"
        let formats = ExperimentFormat.allCases.filter { html || $0 != .html }
        guard let format = ExperimentFormat(rawValue: name), formats.contains(format) else {
            let why = name == "html" ? " (html is for single runs and sweeps)" : ""
            throw UsageError("unknown format \"\(name)\"\(why); expected one of: \(formats.map(\.rawValue).joined(separator: ", "))")
        }
        self.format = format
        if let text = args.options["--shard"] {
            guard shardable else { throw UsageError("--shard is not available here") }
            do {
                shard = try Shard(text)
            } catch {
                throw UsageError(error.message)
            }
        }
    }

    /// Reports the runs' limits (as errors) and warnings (each distinct one once, with how
    /// many runs gave it) on standard error; returns whether a limit stopped any run.
    static func reportProblems(_ results: [Experiment.ItemResult], labels: [String], file: String, console: Console) -> Bool {
        var limitHit = false
        for (result, label) in zip(results, labels) {
            if let message = result.limitMessage {
                limitHit = true
                console.err("error: \(file): \(label): \(message)\n")
            }
        }
        // Runs warn alike with different figures: one line per kind of warning and place, the
        // first run's words, and how many runs gave it.
        var order: [String] = []
        var first: [String: String] = [:]
        var counts: [String: Int] = [:]
        for result in results {
            for warning in result.warnings {
                let key = warning.code + "\u{0}" + (warning.path ?? "") + "\u{0}" + String(warning.message.prefix(24))
                if counts[key] == nil {
                    order.append(key)
                    first[key] = (warning.path.map { $0 + ": " } ?? "") + warning.message
                }
                counts[key, default: 0] += 1
            }
        }
        for key in order.prefix(20) {
            let count = counts[key] ?? 0
            let shown = count > 1 ? " (\(count) of \(results.count) runs; figures from the first)" : results.count > 1 ? " (1 of \(results.count) runs)" : ""
            console.err("warning: \(file): \(first[key] ?? "")" + shown + "\n")
        }
        if order.count > 20 { console.err("warning: \(file): … and \(order.count - 20) more distinct warnings\n") }
        return limitHit
    }
}
