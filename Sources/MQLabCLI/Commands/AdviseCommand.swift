import Experiments
import Foundation
import Reporting
import ScenarioFormat
import Technologies

/// `mqlab advise [--cloud aws|azure|none] [--peak-rate N] [--replay] [--complex-routing]
/// [--have-redis] [--simplest] [--format text|json|markdown] [--write FILE] [--service-mean D]`:
/// walks the technology decision tree and prints the pick with the branch that led there.
///
/// With no answer flags and a terminal on standard input it asks the questions (prompts on
/// standard error); otherwise missing answers take their defaults and the branch says so.
enum AdviseCommand {
    static let usage = "mqlab advise [--cloud aws|azure|none] [--peak-rate N] [--replay] [--complex-routing] [--have-redis] [--simplest] [--format text|json|markdown] [--write FILE [--service-mean D]] [--scenario FILE]"

    static let answerOptions = ["--cloud", "--peak-rate"]
    static let answerSwitches = ["--replay", "--complex-routing", "--have-redis", "--simplest"]

    /// Runs the command. `input` reads one line of a person's answer, or is nil when standard
    /// input is not a terminal (nothing is asked then).
    static func main(_ arguments: [String], console: Console, input: (() -> String?)? = nil) -> MQLab.ExitCode {
        let args: Arguments
        do {
            args = try Arguments(arguments, valued: answerOptions + ["--format", "--write", "--service-mean", "--scenario"],
                                 switches: answerSwitches + ["--help", "-h"])
        } catch {
            console.err("error: \(error.message)\nusage: \(usage)\n")
            return .usage
        }
        if args.flags.contains("--help") || args.flags.contains("-h") {
            console.out(Help.advise)
            return .success
        }
        do throws(UsageError) {
            let request = try Request(args)
            let interactive = input != nil && !request.hasAnswerFlags && request.scenarioPath == nil
            var answers = request.answers
            let advice: Advice
            if interactive, let input {
                advice = ask(&answers, console: console, input: input)
            } else {
                advice = DecisionTree.advise(answers)
            }
            var written: String?
            var starterNote: String?
            if let path = request.writePath {
                let starter = StarterScenario(ratePerSecond: answers.peakRatePerSecond ?? Request.defaultRatePerSecond,
                                              serviceMeanSeconds: request.serviceMeanSeconds,
                                              replay: answers.replay ?? false, pick: advice.pick)
                try starter.check()
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                    throw UsageError(isFolder.boolValue
                        ? "--write: \(path) is a folder; give a file name such as \(path)/starter.json"
                        : "--write: \(path) exists; not overwriting it (remove it or choose another name)")
                }
                do {
                    try Data(starter.json.utf8).write(to: URL(fileURLWithPath: path))
                } catch {
                    throw UsageError("--write: cannot write \(path): \(FileErrorText.reason(error))")
                }
                written = path
                let rate = AdviceAnswers.format(starter.ratePerSecond)
                let mean = StarterScenario.durationText(starter.serviceMeanSeconds)
                let percent = String(format: "%.0f", starter.utilization * 100)
                var note = "starter scenario written to \(path): \(rate)/s"
                if answers.peakRatePerSecond == nil { note += " (no peak rate given: \(rate)/s assumed)" }
                note += ", \(starter.workers) workers of \(mean) mean"
                if !request.serviceMeanGiven { note += " (no --service-mean given: \(mean) assumed)" }
                note += ", \(percent)% utilization; run it with: mqlab run \(path)"
                starterNote = note
            }
            if let path = request.scenarioPath {
                let comparison: Comparison
                do {
                    comparison = try Comparison.run(path: path, technologies: Technology.allCases)
                } catch {
                    console.err(error.description + "\n")
                    return .usage
                }
                switch request.format {
                case "json": console.out(try json(advice, written: written, ranking: comparison))
                default: console.out(text(advice, starterNote: starterNote, interactive: false) + "\n" + ranking(comparison, tree: advice))
                }
                return .success
            }
            switch request.format {
            case "json": console.out(try json(advice, written: written))
            case "markdown": console.out(markdown(advice, starterNote: starterNote))
            default: console.out(text(advice, starterNote: starterNote, interactive: interactive))
            }
            return .success
        } catch {
            console.err("error: \(error.message)\nusage: \(usage)\n")
            return .usage
        }
    }

    /// The command line's answers and options.
    struct Request {
        static let defaultRatePerSecond = 100.0
        static let defaultServiceMeanSeconds = 0.05

        var answers = AdviceAnswers()
        var hasAnswerFlags: Bool
        var format: String
        var writePath: String?
        var serviceMeanSeconds: Double
        var serviceMeanGiven: Bool
        /// A workload to rank the technologies on by running `compare`.
        var scenarioPath: String?

        init(_ args: Arguments) throws(UsageError) {
            guard args.positional.isEmpty else { throw UsageError("unexpected argument \"\(args.positional[0])\"") }
            scenarioPath = args.options["--scenario"]
            if scenarioPath?.isEmpty == true { throw UsageError("--scenario expects a scenario file") }
            hasAnswerFlags = answerOptions.contains { args.options[$0] != nil } || answerSwitches.contains { args.flags.contains($0) }
            if let cloud = args.options["--cloud"] {
                guard let value = AdviceAnswers.Cloud(rawValue: cloud) else {
                    throw UsageError("--cloud expects aws, azure or none, found \"\(cloud)\"")
                }
                answers.cloud = value
            }
            if let text = args.options["--peak-rate"] {
                guard let rate = Double(text), rate.isFinite, rate > 0, rate <= 1e9 else {
                    throw UsageError("--peak-rate expects messages per second > 0 and ≤ 1e9, found \"\(text)\"")
                }
                answers.peakRatePerSecond = rate
            }
            if args.flags.contains("--replay") { answers.replay = true }
            if args.flags.contains("--complex-routing") { answers.complexRouting = true }
            if args.flags.contains("--have-redis") { answers.haveRedis = true }
            if args.flags.contains("--simplest") { answers.simplest = true }
            format = args.options["--format"] ?? "text"
            guard ["text", "json", "markdown"].contains(format) else {
                throw UsageError("--format expects text, json or markdown, found \"\(format)\"")
            }
            writePath = args.options["--write"]
            if writePath?.isEmpty == true { throw UsageError("--write expects a file path") }
            serviceMeanGiven = args.options["--service-mean"] != nil
            if let text = args.options["--service-mean"] {
                guard writePath != nil else { throw UsageError("--service-mean sizes the starter scenario: give it with --write FILE") }
                guard let mean = DurationSyntax.seconds(text), mean > 0, mean <= 86_400 else {
                    throw UsageError("--service-mean expects a duration > 0 and ≤ 1 day such as \"50ms\", found \"\(text)\"")
                }
                serviceMeanSeconds = mean
            } else {
                serviceMeanSeconds = Self.defaultServiceMeanSeconds
            }
        }
    }

    // MARK: - Ranking a workload

    /// The technologies ranked on `comparison` (requirements met, then cost, then p99), the
    /// ones that could not run it, and whether the tree's pick agrees with the best row.
    static func ranking(_ comparison: Comparison, tree: Advice) -> String {
        let ranked = comparison.ranking
        let requirements = ranked.first?.expectations?.count ?? 0
        var out = "Simulated on every technology (mqlab compare \(comparison.scenario), seed \(comparison.seed)); ranked by "
            + (requirements > 0 ? "the workload's \(requirements) expect requirements met, then " : "")
            + "keeping up with the load, then list-price cost per month, then end-to-end p99:\n"
        for (index, row) in ranked.enumerated() {
            var line = "  \(index + 1). \(row.technology.padding(toLength: 20, withPad: " ", startingAt: 0))"
            if let judged = row.expectations { line += " \(judged.filter(\.passed).count) of \(judged.count) met ·" }
            line += " p99 \(Formatting.duration(row.summary?.p99))"
            line += " · " + (row.cost.map { "$\(Comparison.money($0.perMonth))/month" } ?? "not priced")
            if !row.keepsUp { line += " · cannot keep up: its backlog grows with the run" }
            out += line + "\n"
        }
        let unsupported = comparison.results.filter { !$0.supported }
        if !unsupported.isEmpty {
            out += "  cannot run it: " + unsupported.map(\.technology).joined(separator: ", ") + " (mqlab compare says why)\n"
        }
        guard let best = ranked.first else { return out + "No technology could run this workload.\n" }
        let pickRow = ranked.firstIndex { $0.technology == tree.pick.rawValue }
        if best.technology == tree.pick.rawValue {
            out += "The decision tree and the simulation agree: \(tree.pick.rawValue).\n"
        } else if let pickRow {
            out += "The decision tree picks \(tree.pick.rawValue) (ranked \(pickRow + 1) here); the simulation's best is \(best.technology). The tree weighs what the workload does not show (operations, existing skills, ecosystem); the ranking weighs only this workload's requirements, cost and latency.\n"
        } else {
            out += "The decision tree picks \(tree.pick.rawValue), which cannot run this workload as written; the simulation's best is \(best.technology).\n"
        }
        return out
    }

    // MARK: - Asking on a terminal

    /// Asks the tree's questions in order until one is answered yes, filling `answers`.
    /// Prompts go to standard error; an empty line takes the default shown in brackets; the
    /// end of input takes the defaults of the remaining questions.
    static func ask(_ answers: inout AdviceAnswers, console: Console, input: () -> String?) -> Advice {
        var ended = false
        func line(_ prompt: String) -> String? {
            guard !ended else { return nil }
            console.err(prompt)
            guard let reply = input() else {
                ended = true
                console.err("\n")
                return nil
            }
            return reply.trimmingCharacters(in: .whitespaces).lowercased()
        }
        func yesNo(_ prompt: String) -> Bool? {
            while let reply = line(prompt + " [y/N] ") {
                switch reply {
                case "", "n", "no": return false
                case "y", "yes": return true
                default: console.err("please answer y or n\n")
                }
            }
            return nil
        }
        var collected = answers
        let advice = DecisionTree.walk { question in
            switch question {
            case .onAWS, .onAzure:
                if collected.cloud == nil {
                    while let reply = line("Which cloud do you run on? [aws/azure/none] (none) ") {
                        if reply.isEmpty { collected.cloud = AdviceAnswers.Cloud.none; break }
                        if let cloud = AdviceAnswers.Cloud(rawValue: reply) { collected.cloud = cloud; break }
                        console.err("please answer aws, azure or none\n")
                    }
                }
            case .millionsPerSecond:
                while let reply = line("Peak messages per second? (\(AdviceAnswers.format(Request.defaultRatePerSecond))) ") {
                    if reply.isEmpty { collected.peakRatePerSecond = Request.defaultRatePerSecond; break }
                    if let rate = Double(reply), rate.isFinite, rate > 0, rate <= 1e9 { collected.peakRatePerSecond = rate; break }
                    console.err("please answer a number of messages per second > 0\n")
                }
            case .replay: collected.replay = yesNo(question.text)
            case .complexRouting: collected.complexRouting = yesNo(question.text)
            case .redisAlready: collected.haveRedis = yesNo(question.text)
            case .simplest: collected.simplest = yesNo(question.text)
            }
            return collected.answer(question)
        }
        answers = collected
        return advice
    }

    // MARK: - Output

    static func text(_ advice: Advice, starterNote: String?, interactive: Bool) -> String {
        var out = "pick: \(advice.pick.rawValue)"
        if !advice.alternatives.isEmpty { out += " (also consider: \(advice.alternatives.map(\.rawValue).joined(separator: ", ")))" }
        out += "\nwhy: \(advice.why)\n\nbranch of the decision tree:\n"
        for (index, step) in advice.branch.enumerated() {
            out += "  \(index + 1). \(step.text) \(step.answer ? "yes" : "no") (\(step.given))\n"
        }
        out += "  → \(advice.pick.rawValue)" + (advice.isDefault ? " (the default after every no)" : "") + "\n"
        let defaulted = advice.branch.filter(\.defaulted).count
        if defaulted > 0 && !interactive {
            out += "\n\(defaulted) of \(advice.branch.count) answers were not given and took their defaults; give the flags (mqlab advise --help), or run on a terminal without flags to be asked.\n"
        }
        for note in advice.notes { out += "\nnote: \(note)\n" }
        if let starterNote { out += "\n\(starterNote)\n" }
        return out
    }

    static func markdown(_ advice: Advice, starterNote: String?) -> String {
        var out = "## mqlab advise: `\(advice.pick.rawValue)`\n\n\(advice.why)\n\n"
        if !advice.alternatives.isEmpty {
            out += "Also consider: " + advice.alternatives.map { "`\($0.rawValue)`" }.joined(separator: ", ") + ".\n\n"
        }
        out += "| # | Question | Answer | From |\n|---|---|---|---|\n"
        for (index, step) in advice.branch.enumerated() {
            out += "| \(index + 1) | \(step.text) | \(step.answer ? "yes" : "no") | \(step.given) |\n"
        }
        out += "\nResult: `\(advice.pick.rawValue)`" + (advice.isDefault ? " (the default after every no)" : "") + ".\n"
        for note in advice.notes { out += "\n- \(note)" }
        if !advice.notes.isEmpty { out += "\n" }
        if let starterNote { out += "\n\(starterNote)\n" }
        return out
    }

    /// The advice as one JSON object with sorted keys, plus `starterScenario` (the file
    /// written, or null); with a ranking, `ranking: [{technology, expectationsMet,
    /// expectations, keepsUp, costPerMonth, p99}]` best first and `unsupported: [{technology, reason}]`.
    static func json(_ advice: Advice, written: String?, ranking comparison: Comparison? = nil) throws(UsageError) -> String {
        struct Ranked: Encodable {
            var technology: String
            var expectationsMet: Int?
            var expectations: Int?
            var keepsUp: Bool
            var costPerMonth: Double?
            var p99: Double?
        }
        struct Unsupported: Encodable {
            var technology: String
            var reason: String
        }
        struct Output: Encodable {
            var advice: Advice
            var starterScenario: String?
            var ranking: [Ranked]?
            var unsupported: [Unsupported]?
            enum Key: String, CodingKey { case starterScenario, ranking, unsupported }
            func encode(to encoder: Encoder) throws {
                try advice.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(starterScenario, forKey: .starterScenario)
                try container.encodeIfPresent(ranking, forKey: .ranking)
                try container.encodeIfPresent(unsupported, forKey: .unsupported)
            }
        }
        let ranking = comparison.map { comparison in
            comparison.ranking.map { row in
                Ranked(technology: row.technology, expectationsMet: row.expectations?.filter(\.passed).count,
                       expectations: row.expectations?.count, keepsUp: row.keepsUp, costPerMonth: row.cost?.perMonth, p99: row.summary?.p99)
            }
        }
        let unsupported = comparison.map { $0.results.filter { !$0.supported }.map { Unsupported(technology: $0.technology, reason: $0.reason ?? "") } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            let output = Output(advice: advice, starterScenario: written, ranking: ranking, unsupported: unsupported)
            return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
        } catch {
            throw UsageError("cannot encode the advice as JSON: \(error)")
        }
    }
}
