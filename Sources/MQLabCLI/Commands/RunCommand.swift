import Foundation
import MessagingModels
import Reporting
import ScenarioFormat

/// `mqlab run FILE… [--seed N] [--format F] [--out DIR] [--max-events N]`
enum RunCommand {
    /// - Parameter writeFile: writes one report file for `--out` (tests pass one that fails).
    static func main(_ arguments: [String], console: Console,
                     writeFile: (Data, URL) throws -> Void = { try $0.write(to: $1) }) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--seed", "--format", "--out", "--max-events", "--max-messages"], usage: Help.runUsage, help: Help.run, console: console)
        guard let args = parsed else { return exit }
        guard !args.positional.isEmpty else {
            console.err("error: no scenario file given\nusage: \(Help.runUsage)\n")
            return .usage
        }
        let seed, maxEvents, maxMessages: Int?
        do {
            seed = try args.integer("--seed", in: 0...Scenario.maxSeed)
            maxEvents = try args.integer("--max-events", in: 1...Int.max)
            maxMessages = try args.integer("--max-messages", in: 1...Int.max)
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        let formatName = args.options["--format"] ?? "text"
        guard let format = ReportFormat(rawValue: formatName) else {
            console.err("error: unknown format \"\(formatName)\"; expected one of: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))\n")
            return .usage
        }

        // Load every file first: a bad one stops the run before anything is printed.
        var scenarios: [Scenario] = []
        var failed = false
        let files = expandScenarioPaths(args.positional)
        guard !files.isEmpty else {
            console.err("error: no scenario files in \(args.positional.joined(separator: ", ")) (*.json, JSON Schemas excluded)\n")
            return .usage
        }
        for file in files {
            do {
                scenarios.append(try ScenarioLoader.load(path: file))
            } catch {
                console.err(error.description + "\n")
                failed = true
            }
        }
        if failed { return .usage }
        if let directory = args.options["--out"] {
            // Check the destination before spending time on the runs.
            var folders: [String: String] = [:]
            for scenario in scenarios {
                let folder = ReportWriter.safeName(scenario.name)
                if let other = folders[folder] {
                    console.err("error: \(other) and \(scenario.file) are both named \"\(scenario.name)\": their reports would overwrite each other in \(directory)/\(folder)\n")
                    return .usage
                }
                folders[folder] = scenario.file
            }
            do {
                try ReportWriter.prepare(directory, folders: scenarios.map { ReportWriter.safeName($0.name) })
            } catch let error as ReportWriter.WriteError {
                console.err("error: \(error.message)\n")
                return .usage
            } catch {
                console.err("error: \(error)\n")
                return .usage
            }
        }

        var reports: [Report] = []
        var limitHit = false
        for var scenario in scenarios {
            if let seed { scenario.model.seed = UInt64(seed) }
            if let maxEvents { scenario.model.maxEvents = maxEvents }
            if let maxMessages { scenario.model.maxMessagesInSystem = maxMessages }
            var simulation = Simulation(model: scenario.model)
            let progress = ProgressLine.attach(to: &simulation, console: console, label: scenario.name,
                                               horizon: scenario.model.duration?.seconds)
            let result = simulation.run()
            progress?.finish()
            switch result.stopReason {
            case .eventLimit:
                limitHit = true
                console.err("error: \(scenario.file): run stopped after \(result.events) events (--max-events); the report covers the run so far\n")
            case .stalled:
                limitHit = true
                console.err("error: \(scenario.file): run stopped at \(result.end.seconds) s: a million events happened within 0.1 s of simulated time with almost no message published or settled, or ten million at one instant (a loop that takes (almost) no time, such as requeueing a failing message with zero processing time); the report covers the run so far\n")
            case .messageLimit:
                limitHit = true
                let cause = result.retainedStreamRecords > 0
                    ? "\(result.retainedStreamRecords) of them were records retained in streams, which count while a consumer group may still read them, until the stream's retention deletes them: shorten the stream's retention, let the groups keep up, or raise the limit with --max-messages"
                    : "an initial backlog that large, or arrivals the consumers cannot keep up with; raise the limit with --max-messages"
                console.err("error: \(scenario.file): run stopped at \(result.end.seconds) s: more than \(scenario.model.maxMessagesInSystem) messages were in the system at once (\(cause)); the report covers the run so far\n")
            case .clockOverflow:
                limitHit = true
                console.err("error: \(scenario.file): run stopped at \(result.end.seconds) s: an event would happen after the simulation clock's last instant (2^63 ns, about 292 years), from a sampled time or a sum of durations that large; the report covers the run so far\n")
            case .completed, .drainTimeout, .idle:
                break
            }
            let readerWarnings = scenario.warnings.map { ReportWarning(code: $0.code, path: $0.path, message: $0.message) }
            var report = Report(result: result, description: scenario.description, inputWarnings: readerWarnings)
            if !scenario.expectations.isEmpty {
                report.expectations = report.evaluate(scenario.expectations)
                if !report.expectationsMet {
                    let failed = report.expectations?.filter { !$0.passed }.count ?? 0
                    console.err("\(scenario.file): \(failed) of \(scenario.expectations.count) expectation\(scenario.expectations.count == 1 ? "" : "s") not met\n")
                }
            }
            // Warnings never change the exit code: the run succeeded, the figures may mislead.
            for warning in report.warnings {
                console.err("warning: \(scenario.file): " + (warning.path.map { $0 + ": " } ?? "") + warning.message + "\n")
            }
            reports.append(report)
        }

        // Decide the outcome (write the files) before printing anything: a failed write exits
        // 2 with nothing on standard output, never after a complete-looking report.
        let text: String
        do {
            text = try format.renderer.render(reports)
        } catch {
            console.err("error: could not render the report: \(error)\n")
            return .usage
        }
        var written: [String] = []
        if let directory = args.options["--out"] {
            if limitHit {
                // A run cut short by a limit is not a result: keep whatever report was there.
                console.err("not writing \(directory): a run was stopped by a limit\n")
            } else {
                do {
                    written = try ReportWriter.write(reports, into: directory, writeFile: writeFile)
                } catch let error as ReportWriter.WriteError {
                    console.err("error: \(error.message)\n")
                    return .usage
                } catch {
                    console.err("error: could not render the report: \(error)\n")
                    return .usage
                }
            }
        }
        console.out(text)
        for folder in written {
            console.err("wrote \(folder)/report.{json,txt,md,csv}\n")
        }
        // A limit stop (3) wins over failed expectations (1): the run is not a result.
        if limitHit { return .limitHit }
        return reports.allSatisfy(\.expectationsMet) ? .success : .expectationsFailed
    }
}
