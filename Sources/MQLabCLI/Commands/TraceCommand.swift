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
        if let text = args.options["--limit"] {
            guard let value = Int(text), value > 0 else {
                console.err("error: --limit expects an integer ≥ 1, found \"\(text)\"\n")
                return .usage
            }
            limit = value
        } else {
            limit = 1_000
        }
        var scenario: Scenario
        do {
            scenario = try Scenario.load(path: file)
        } catch {
            console.err(error.description + "\n")
            return .usage
        }
        switch args.seed() {
        case .success(let seed): if let seed { scenario.model.seed = seed }
        case .failure(let error):
            console.err("error: \(error.message)\n")
            return .usage
        }
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
