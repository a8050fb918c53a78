import Expectations
import Experiments
import Foundation
import Reporting
import ScenarioFormat

/// `mqlab exercise list|show|hint|solution|start|check`: interview-practice exercises from
/// `Scenarios/exercises/<id>/` (found as `list` finds the bundled folder).
enum ExerciseCommand {
    static let usage = "mqlab exercise list | show ID | hint ID [--level N] | solution ID | start ID DIR | check ID FILE [--runs N] [--format text|json]"

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--level", "--runs", "--format"], usage: usage, help: Help.exercise, console: console)
        guard let args = parsed else { return exit }
        guard let action = args.positional.first else {
            console.err("error: no exercise command given\nusage: \(usage)\n")
            return .usage
        }
        guard let scenarios = BundledScenarios.locate() else {
            console.err("error: \(BundledScenarios.notFound)\n")
            return .usage
        }
        let root = URL(fileURLWithPath: scenarios).appendingPathComponent("exercises")
        let operands = Array(args.positional.dropFirst())
        let expected = ["list": 0, "show": 1, "hint": 1, "solution": 1, "start": 2, "check": 2]
        guard let count = expected[action] else {
            let hint = expected.keys.sorted().first { MQLab.isNear(action, $0) }
            console.err("error: unknown exercise command \"\(action)\"" + (hint.map { " (did you mean \"\($0)\"?)" } ?? "") + "\nusage: \(usage)\n")
            return .usage
        }
        guard operands.count == count else {
            console.err("error: exercise \(action) takes \(count == 0 ? "no operands" : count == 1 ? "an exercise id" : "an exercise id and a \(action == "start" ? "folder" : "scenario file")"), found \(operands.count)\nusage: \(usage)\n")
            return .usage
        }
        let allowed: [String: Set<String>] = ["hint": ["--level"], "check": ["--runs", "--format"]]
        if let given = args.options.keys.sorted().first(where: { !(allowed[action] ?? []).contains($0) }) {
            console.err("error: exercise \(action) takes no \(given) option\nusage: \(usage)\n")
            return .usage
        }
        if action == "list" { return list(root, console: console) }
        let ids = Exercise.ids(in: root)
        guard ids.contains(operands[0]) else {
            let near = ids.first { MQLab.isNear(operands[0], $0) }.map { " (did you mean \"\($0)\"?)" } ?? ""
            console.err("error: no exercise \"\(operands[0])\"\(near); exercises: \(ids.joined(separator: ", "))\n")
            return .usage
        }
        let exercise: Exercise
        do {
            exercise = try Exercise.load(folder: root.appendingPathComponent(operands[0]))
        } catch {
            console.err(error.description + "\n")
            return .usage
        }
        switch action {
        case "show":
            console.out(show(exercise))
            return .success
        case "hint":
            return hint(exercise, level: args.options["--level"], console: console)
        case "solution":
            return solution(exercise, console: console)
        case "start":
            return start(exercise, into: operands[1], scenarios: scenarios, console: console)
        default:
            return check(exercise, file: operands[1], args: args, console: console)
        }
    }

    static func list(_ root: URL, console: Console) -> MQLab.ExitCode {
        var exercises: [Exercise] = []
        for id in Exercise.ids(in: root) {
            do {
                exercises.append(try Exercise.load(folder: root.appendingPathComponent(id)))
            } catch {
                console.err(error.description + "\n")
                return .usage
            }
        }
        let width = (exercises.map(\.id.count).max() ?? 0) + 2
        var text = ""
        for exercise in exercises {
            text += exercise.id.padding(toLength: width, withPad: " ", startingAt: 0) + exercise.title
                + " (\(exercise.objectives.count) objectives)\n"
        }
        text += "\nmqlab exercise show ID prints the question; mqlab exercise start ID DIR copies its starter to edit.\n"
        console.out(text)
        return .success
    }

    static func show(_ exercise: Exercise) -> String {
        var text = "\(exercise.title) (\(exercise.id))\n\n"
        text += TextWrap.wrap(exercise.question, width: 92, firstIndent: "  ", indent: "  ") + "\n\nRequirements\n"
        for requirement in exercise.requirements { text += TextWrap.wrap("- " + requirement, width: 92, firstIndent: "  ", indent: "    ") + "\n" }
        text += "\nObjectives (checked on \(exercise.seeds.count) seeds)\n"
        for objective in exercise.objectives {
            text += "  \(objective.text)\n" + TextWrap.wrap("because " + objective.because, width: 92, firstIndent: "      ", indent: "      ") + "\n"
        }
        text += "\nConcepts: \(exercise.concepts.joined(separator: ", "))\n"
        text += "Hints: \(exercise.hints.count) levels (mqlab exercise hint \(exercise.id) --level N)\n"
        text += "Start: mqlab exercise start \(exercise.id) DIR, then mqlab exercise check \(exercise.id) DIR/\(exercise.id).json\n"
        return text
    }

    static func hint(_ exercise: Exercise, level text: String?, console: Console) -> MQLab.ExitCode {
        let levels = exercise.hints.map(\.level)
        let level = text.flatMap { Int($0) } ?? levels.first ?? 1
        guard text == nil || (Int(text ?? "") != nil && levels.contains(level)) else {
            console.err("error: --level: expected one of \(levels.map(String.init).joined(separator: ", ")), found \"\(text ?? "")\"\n")
            return .usage
        }
        var out = ""
        for hint in exercise.hints where hint.level <= level {
            out += TextWrap.wrap("Hint \(hint.level): " + hint.text, width: 92, firstIndent: "", indent: "  ") + "\n"
        }
        if let next = levels.first(where: { $0 > level }) {
            out += "(more: mqlab exercise hint \(exercise.id) --level \(next))\n"
        }
        console.out(out)
        return .success
    }

    static func solution(_ exercise: Exercise, console: Console) -> MQLab.ExitCode {
        var out = "Model solutions of \(exercise.id):\n"
        for url in exercise.solutions {
            let description = (try? Scenario.load(path: url.path))?.description ?? ""
            out += "\n\(relative(url))\n" + TextWrap.wrap(description, width: 92, firstIndent: "  ", indent: "  ") + "\n"
        }
        if let notes = exercise.notes { out += "\nNotes\n" + TextWrap.wrap(notes, width: 92, firstIndent: "  ", indent: "  ") + "\n" }
        out += "\nCheck one: mqlab exercise check \(exercise.id) \(exercise.solutions.first.map(relative) ?? "FILE")\n"
        console.out(out)
        return .success
    }

    /// Copies the starter to `DIR/<id>.json` (never over an existing file) and the schema
    /// beside it, pointing the copy's `$schema` at it.
    static func start(_ exercise: Exercise, into directory: String, scenarios: String, console: Console) -> MQLab.ExitCode {
        let folder = URL(fileURLWithPath: directory)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), !isFolder.boolValue {
            console.err("error: \(directory) is a file; expected a folder to copy the starter into (it becomes FOLDER/\(exercise.id).json)\n")
            return .usage
        }
        let target = folder.appendingPathComponent("\(exercise.id).json")
        guard !FileManager.default.fileExists(atPath: target.path) else {
            console.err("error: \(target.path) exists; not overwriting it (check it with: mqlab exercise check \(exercise.id) \(target.path))\n")
            return .usage
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var text = try String(contentsOf: exercise.starter, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"../../scenario.schema.json\"", with: "\"./scenario.schema.json\"")
            try Data(text.utf8).write(to: target, options: .atomic)
            let schema = folder.appendingPathComponent(SchemaCommand.fileName)
            if !FileManager.default.fileExists(atPath: schema.path) {
                try FileManager.default.copyItem(atPath: (scenarios as NSString).appendingPathComponent(SchemaCommand.fileName), toPath: schema.path)
            }
        } catch {
            console.err("error: cannot write \(target.path): \(FileErrorText.reason(error))\n")
            return .usage
        }
        console.out("wrote \(target.path) (the starter: a plausible first design with a flaw)\n"
            + "edit it, then: mqlab exercise check \(exercise.id) \(target.path)\n")
        return .success
    }

    static func check(_ exercise: Exercise, file: String, args: Arguments, console: Console) -> MQLab.ExitCode {
        let runs: Int?
        do {
            runs = try args.integer("--runs", in: 1...1000)
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        let format = args.options["--format"] ?? "text"
        guard ["text", "json"].contains(format) else {
            console.err("error: unknown format \"\(format)\"; expected text or json\n")
            return .usage
        }
        let verdict: ExerciseCheck
        do {
            let scenario = try ScenarioLoader.load(path: file)
            for warning in scenario.warnings { console.err(warning.description + "\n") }
            verdict = ExerciseCheck.run(exercise, scenario: scenario, runs: runs)
        } catch {
            console.err(error.description + "\n")
            return .usage
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(verdict) else {
                console.err("error: could not encode the verdict\n")
                return .usage
            }
            console.out(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            console.out(render(verdict, exercise: exercise))
        }
        return verdict.passed ? .success : .expectationsFailed
    }

    static func render(_ verdict: ExerciseCheck, exercise: Exercise) -> String {
        var text = "\(exercise.title): \(verdict.passed ? "PASSED" : "NOT YET") — \(verdict.file)\n"
        let shown = verdict.seeds.prefix(10).map(String.init).joined(separator: ", ")
        text += "seeds \(shown)\(verdict.seeds.count > 10 ? ", … (\(verdict.seeds.count) in all)" : "")\n"
        for stopped in verdict.stopped {
            text += TextWrap.wrap("run on seed \(stopped.seed) stopped by a limit, so it counts as failed: \(stopped.reason)", width: 92, firstIndent: "  ! ", indent: "    ") + "\n"
        }
        text += "\n"
        for outcome in verdict.objectives {
            let kind = MetricKind(rawValue: outcome.kind) ?? .count
            // The first ten seeds' values, then the range of all of them.
            var values = outcome.measured.prefix(10).map { value in value.map { Self.format($0, kind: kind) } ?? "none" }
            let numbers = outcome.measured.compactMap { $0 }
            if outcome.measured.count > 10, let low = numbers.min(), let high = numbers.max() {
                values.append("… (\(outcome.measured.count) runs: \(Self.format(low, kind: kind)) to \(Self.format(high, kind: kind)))")
            }
            if let reason = outcome.notMeasured {
                text += "  ✗ \(outcome.expect)  not measured\n"
                text += TextWrap.wrap(reason, width: 92, firstIndent: "      ", indent: "      ") + "\n"
            } else {
                text += "  \(outcome.passed ? "✓" : "✗") \(outcome.expect)  measured \(values.joined(separator: " · "))\n"
            }
            if !outcome.passed {
                text += TextWrap.wrap("because " + outcome.because, width: 92, firstIndent: "      ", indent: "      ") + "\n"
            }
        }
        text += "\n" + TextWrap.wrap(verdict.confidence, width: 92, firstIndent: "", indent: "") + "\n"
        if let witness = verdict.witness {
            text += "\nWitness of \(witness.metric) (seed \(verdict.witnessSeed.map(String.init) ?? "?"))\n"
            text += TextWrap.wrap(witness.summary, width: 92, firstIndent: "  ", indent: "  ") + "\n"
            for (index, step) in witness.journey.enumerated() {
                if index == witness.journey.count - 4, witness.omittedSteps > 0 {
                    text += "  … \(Formatting.count(witness.omittedSteps)) steps …\n"
                }
                text += String(format: "  %10.3f s  ", step.time) + step.event + "  " + step.entity + "\n"
            }
            text += "  (every step: mqlab trace \(verdict.file) --seed \(verdict.witnessSeed.map(String.init) ?? "N") --message \(witness.message))\n"
        }
        if !verdict.passed {
            text += "\nConcepts: \((verdict.concepts ?? []).joined(separator: ", "))\n"
            if let level = verdict.nextHint { text += "Next: mqlab exercise hint \(exercise.id) --level \(level) (each level says more)\n" }
        }
        return text
    }

    static func format(_ value: Double, kind: MetricKind) -> String {
        switch kind {
        case .seconds: Formatting.duration(value)
        case .perSecond: String(format: "%.3g/s", value)
        case .fraction: String(format: "%.3g%%", value * 100)
        case .count: value == value.rounded() && abs(value) < 1e15 ? Formatting.count(Int(value)) : String(format: "%.3g", value)
        }
    }

    /// `url` relative to the working directory when inside it.
    static func relative(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }
}
