import ScenarioFormat

/// A minimal scanner for `--option value`, `--option=value` and positional arguments.
struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]
    /// Values of the options that may be given more than once (`--set`), in order.
    var repeated: [String: [String]] = [:]
    var flags: Set<String> = []

    /// Options that may be given several times, each adding a value.
    static let repeatable: Set<String> = ["--set", "--metric", "--until"]

    /// Scans `arguments`; `valued` names the options that take a value, `switches` those that
    /// do not. Throws a usage message for anything else.
    init(_ arguments: [String], valued: [String], switches: [String] = []) throws(UsageError) {
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if arg == "--" {
                positional += arguments[i...]
                break
            }
            guard arg.hasPrefix("-"), arg != "-" else {
                positional.append(arg)
                continue
            }
            var name = arg
            var inlineValue: String?
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            }
            if switches.contains(name) {
                flags.insert(name)
            } else if valued.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if i < arguments.count {
                    value = arguments[i]
                    i += 1
                } else {
                    throw UsageError("option \(name) needs a value")
                }
                if Self.repeatable.contains(name) {
                    repeated[name, default: []].append(value)
                } else {
                    if options[name] != nil { throw UsageError("option \(name) is given twice") }
                    options[name] = value
                }
            } else {
                let all = valued + switches
                let hint = all.first { MQLab.isNear(name, $0) }
                throw UsageError("unknown option \(name)" + (hint.map { " (did you mean \($0)?)" } ?? "")
                    + (all.isEmpty ? "" : "; options: " + all.joined(separator: ", ")))
            }
        }
    }
}

extension Arguments {
    /// Scans a subcommand's arguments, answering `--help`/`-h` and usage mistakes itself.
    /// - Returns: the arguments, or nil with the exit code the command should return.
    static func scan(_ arguments: [String], valued: [String] = [], usage: String, help: String,
                     console: Console) -> (Arguments?, MQLab.ExitCode) {
        do {
            let args = try Arguments(arguments, valued: valued, switches: ["--help", "-h"])
            if args.flags.contains("--help") || args.flags.contains("-h") {
                console.out(help)
                return (nil, .success)
            }
            return (args, .success)
        } catch {
            console.err("error: \(error.message)\nusage: \(usage)\n")
            return (nil, .usage)
        }
    }
}

extension Arguments {
    /// The value of option `name` as an integer in `range`; nil when the option is absent.
    /// - Throws: `UsageError` naming the option, the range and what was given.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = options[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            let expected = range.upperBound == Int.max ? "an integer ≥ \(range.lowerBound)"
                : "an integer from \(range.lowerBound) to \(range.upperBound)"
            throw UsageError("\(name) expects \(expected), found \"\(text)\"")
        }
        return value
    }
}

/// A command-line mistake: printed as `error: …` with exit code 2.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension Arguments {
    /// The `--set PATH=VALUE` changes, in order.
    /// - Throws: `UsageError` for one that is not `PATH=VALUE`.
    func overrides() throws(UsageError) -> [ScenarioOverride] {
        var result: [ScenarioOverride] = []
        for text in repeated["--set"] ?? [] {
            do {
                result.append(try ScenarioOverride(text))
            } catch {
                throw UsageError("--set \(text): \(error.message)")
            }
        }
        return result
    }
}
