import Experiments
import Foundation
import MessagingModels
import Reporting
import ScenarioFormat

/// `mqlab run FILE… [--seed N] [--format F] [--series csv] [--out DIR] [--max-events N]`
enum RunCommand {
    /// - Parameter writeFile: writes one report file for `--out` (tests pass one that fails).
    static func main(_ arguments: [String], console: Console,
                     writeFile: (Data, URL) throws -> Void = { try $0.write(to: $1) }) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--seed", "--format", "--out", "--max-events", "--max-messages", "--set", "--series"], usage: Help.runUsage, help: Help.run, console: console)
        guard let args = parsed else { return exit }
        guard !args.positional.isEmpty else {
            console.err("error: no scenario file given\nusage: \(Help.runUsage)\n")
            return .usage
        }
        let seed, maxEvents, maxMessages: Int?
        let overrides: [ScenarioOverride]
        do {
            seed = try args.integer("--seed", in: 0...Scenario.maxSeed)
            maxEvents = try args.integer("--max-events", in: 1...Int.max)
            maxMessages = try args.integer("--max-messages", in: 1...Int.max)
            overrides = try args.overrides()
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        let formatName = args.options["--format"] ?? "text"
        guard let format = ReportFormat(rawValue: formatName) else {
            console.err("error: unknown format \"\(formatName)\"; expected one of: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))\n")
            return .usage
        }
        // `--series csv` prints the time series instead of the report.
        if let series = args.options["--series"], series != "csv" {
            console.err("error: unknown series format \"\(series)\"; expected: csv\n")
            return .usage
        }
        let renderer: any ReportRenderer = args.options["--series"] == nil ? format.renderer : SeriesCSVRenderer()

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
                scenarios.append(try ScenarioLoader.load(path: file, overrides: overrides))
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
        let options = Runner.Options(seed: seed.map(UInt64.init), maxEvents: maxEvents, maxMessages: maxMessages)
        for scenario in scenarios {
            var progress: ProgressLine?
            let outcome = Runner.run(scenario, options: options) { simulation in
                progress = ProgressLine.attach(to: &simulation, console: console, label: scenario.name,
                                               horizon: scenario.model.duration?.seconds)
            }
            progress?.finish()
            if let message = outcome.limitMessage {
                limitHit = true
                console.err("error: \(scenario.file): \(message)\n")
            }
            let report = outcome.report
            if let expectations = report.expectations, !report.expectationsMet {
                let failed = expectations.filter { !$0.passed }.count
                console.err("\(scenario.file): \(failed) of \(expectations.count) expectation\(expectations.count == 1 ? "" : "s") not met\n")
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
            text = try renderer.render(reports)
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
            console.err("wrote \(folder)/report.{json,txt,md,csv,html} and series.csv\n")
        }
        // A limit stop (3) wins over failed expectations (1): the run is not a result.
        if limitHit { return .limitHit }
        return reports.allSatisfy(\.expectationsMet) ? .success : .expectationsFailed
    }
}
