import Experiments
import Foundation
import ScenarioFormat
import Technologies

/// `mqlab compare FILE [--technologies a,b,…]`: one workload on several technologies, side by
/// side, on common random numbers.
enum CompareCommand {
    static let usage = "mqlab compare FILE [--technologies a,b,…] [--seed N] [--set PATH=VALUE]… [--broker-instances N] [--format text|json|markdown|csv|html]"

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--technologies", "--seed", "--set", "--broker-instances", "--format"],
                                            usage: usage, help: Help.compare, console: console)
        guard let args = parsed else { return exit }
        guard args.positional.count == 1, let file = args.positional.first else {
            console.err("error: compare takes one scenario file, found \(args.positional.count)\nusage: \(usage)\n")
            return .usage
        }
        let seed, instances: Int?
        let overrides: [ScenarioOverride]
        do {
            seed = try args.integer("--seed", in: 0...Scenario.maxSeed)
            instances = try args.integer("--broker-instances", in: 1...10_000)
            overrides = try args.overrides()
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        var technologies = Technology.allCases
        if let list = args.options["--technologies"] {
            technologies = []
            for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let technology = Technology(rawValue: name) else {
                    let names = Technology.allCases.map(\.rawValue)
                    let near = names.first { MQLab.isNear(name, $0) } ?? names.first { !name.isEmpty && $0.hasPrefix(name.lowercased()) }
                    console.err("error: --technologies: unknown technology \"\(name)\"" + (near.map { " (did you mean \"\($0)\"?)" } ?? "")
                        + "; expected some of: \(Technology.allCases.map(\.rawValue).joined(separator: ", "))\n")
                    return .usage
                }
                if !technologies.contains(technology) { technologies.append(technology) }
            }
            guard !technologies.isEmpty else {
                console.err("error: --technologies: expected one or more names separated by commas, found \"\(list)\"\n")
                return .usage
            }
        }
        let format = args.options["--format"] ?? "text"
        guard ["text", "json", "markdown", "csv", "html"].contains(format) else {
            console.err("error: unknown format \"\(format)\"; expected one of: text, json, markdown, csv, html\n")
            return .usage
        }
        let comparison: Comparison
        do {
            comparison = try Comparison.run(path: file, technologies: technologies, overrides: overrides,
                                            seed: seed.map(UInt64.init), brokerInstances: instances)
        } catch {
            console.err(error.description + "\n")
            return .usage
        }
        switch format {
        case "json":
            guard let text = try? comparison.json() else {
                console.err("error: could not encode the comparison\n")
                return .usage
            }
            console.out(text)
        case "markdown": console.out(comparison.markdown())
        case "html": console.out(comparison.html())
        case "csv": console.out(comparison.csv())
        default: console.out(comparison.text())
        }
        return .success
    }
}
