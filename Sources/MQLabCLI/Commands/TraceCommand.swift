import MessagingModels
import ScenarioFormat

/// `mqlab trace FILE [--seed N] [--limit N]`: prints every step of a run (time, what
/// happened, message id, entity), for following one message through retries, timeouts and
/// crashes.
enum TraceCommand {
    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--seed", "--limit"], usage: Help.traceUsage, help: Help.trace, console: console)
        guard let args = parsed else { return exit }
        guard args.positional.count == 1, let file = args.positional.first else {
            console.err("error: trace takes exactly one scenario file\nusage: \(Help.traceUsage)\n")
            return .usage
        }
        let limit: Int
        let seed: Int?
        do {
            limit = try args.integer("--limit", in: 1...Int.max) ?? 1_000
            seed = try args.integer("--seed", in: 0...Scenario.maxSeed)
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        var scenario: Scenario
        do {
            scenario = try Scenario.load(path: file)
        } catch {
            console.err(error.description + "\n")
            return .usage
        }
        if let seed { scenario.model.seed = UInt64(seed) }
        final class Lines: @unchecked Sendable { var text: [String] = []; var total = 0 }
        let lines = Lines()
        var simulation = Simulation(model: scenario.model)
        simulation.trace = { entry in
            lines.total += 1
            if lines.text.count < limit {
                lines.text.append("\(seconds(entry.time.seconds))  \(entry.kind)  \(entry.messageID == 0 ? "-" : "m\(entry.messageID)")  \(entry.entity)")
            }
        }
        _ = simulation.run()
        console.out("time [s]  event  message  entity\n" + lines.text.joined(separator: "\n") + "\n")
        if lines.total > limit {
            console.err("trace cut at \(limit) of \(lines.total) steps (--limit N shows more)\n")
        }
        return .success
    }
}

extension TraceCommand {
    /// Seconds with nanosecond precision, trailing zeros removed ("1.5", "0.000001").
    static func seconds(_ s: Double) -> String {
        var text = String(format: "%.9f", s)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
