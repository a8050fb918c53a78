import Foundation

/// The `mqlab` command line: parses arguments, dispatches to a subcommand, returns the exit
/// code. The executable only calls `MQLab.main` and exits with its result.
///
/// Exit codes: 0 success; 1 the scenario's expectations failed; 2 usage error or invalid
/// scenario; 3 a run limit was hit (`--max-events`).
public enum MQLab {
    public static let version = "0.1.0"

    /// Exit codes of every command (design §4): 1 means a scenario's `expect` requirements
    /// were not all met.
    public enum ExitCode: Int32 {
        case success = 0
        /// A scenario's `expect` requirements were not all met (the reports are complete).
        case expectationsFailed = 1
        case usage = 2
        case limitHit = 3
    }

    /// The subcommands, in the order `mqlab --help` lists them.
    static let commands = ["run", "validate", "list", "trace", "bench", "theory", "schema", "exercise", "compare",
                           "presets", "advise", "sweep", "capacity", "merge"]

    /// Runs the command line `arguments` (without the program name), writing to `console`.
    public static func main(_ arguments: [String], console: Console = .standard) -> Int32 {
        var args = arguments[...]
        guard let first = args.popFirst() else {
            // No command is a usage mistake: the overview goes where errors go.
            console.err("error: no command given\n" + Help.overview)
            return ExitCode.usage.rawValue
        }
        switch first {
        case "-h", "--help", "help":
            guard let topic = args.first, !["-h", "--help", "help"].contains(topic) else {
                console.out(Help.overview)
                return ExitCode.success.rawValue
            }
            guard let text = Help.command(topic) else {
                console.err("error: no help for \"\(topic)\"; commands: \(commands.joined(separator: ", "))\n")
                return ExitCode.usage.rawValue
            }
            console.out(text)
            return ExitCode.success.rawValue
        case "--version", "version":
            console.out("mqlab \(version)\n")
            return ExitCode.success.rawValue
        case "run" where ReplicationsCommand.applies(to: Array(args)):
            return ReplicationsCommand.main(Array(args), console: console).rawValue
        case "sweep":
            return SweepCommand.main(Array(args), console: console).rawValue
        case "capacity":
            return CapacityCommand.main(Array(args), console: console).rawValue
        case "merge":
            return MergeCommand.main(Array(args), console: console).rawValue
        case "run":
            return RunCommand.main(Array(args), console: console).rawValue
        case "validate":
            return ValidateCommand.main(Array(args), console: console).rawValue
        case "list":
            return ListCommand.main(Array(args), console: console).rawValue
        case "trace":
            return TraceCommand.main(Array(args), console: console).rawValue
        case "bench":
            return BenchCommand.main(Array(args), console: console).rawValue
        case "theory":
            return TheoryCommand.main(Array(args), console: console).rawValue
        case "schema":
            return SchemaCommand.main(Array(args), console: console).rawValue
        case "presets":
            return PresetsCommand.main(Array(args), console: console).rawValue
        case "exercise":
            return ExerciseCommand.main(Array(args), console: console).rawValue
        case "compare":
            return CompareCommand.main(Array(args), console: console).rawValue
        case "advise":
            // Questions are asked only of a person at a terminal.
            let input: (() -> String?)? = isatty(STDIN_FILENO) != 0 ? { readLine() } : nil
            return AdviseCommand.main(Array(args), console: console, input: input).rawValue
        default:
            let hint = (commands + ["help"]).first { Self.isNear(first, $0) }
            console.err("error: unknown command \"\(first)\"" + (hint.map { " (did you mean \"\($0)\"?)" } ?? "")
                + "\nrun \"mqlab --help\" for the list of commands\n")
            return ExitCode.usage.rawValue
        }
    }

    static func isNear(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if abs(x.count - y.count) > 2 { return false }
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count] <= 2
    }
}

/// Where a command writes: standard output for results, standard error for errors and
/// progress. Tests pass closures that capture the text.
public struct Console: Sendable {
    public let out: @Sendable (String) -> Void
    public let err: @Sendable (String) -> Void
    /// Whether standard error is a terminal a person watches: long runs show their progress there.
    public let showsProgress: Bool
    /// Columns of the terminal standard output is, or nil when it is not a terminal (a pipe,
    /// a file): text for people is wrapped to it, or to 80 columns.
    public let outputWidth: Int?

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, showsProgress: Bool = false,
                outputWidth: Int? = nil) {
        self.out = out
        self.err = err
        self.showsProgress = showsProgress
        self.outputWidth = outputWidth
    }

    /// Width to wrap text for people at [columns]: the terminal's, at least 40, else 80.
    var wrapWidth: Int { max(40, outputWidth ?? 80) }

    /// Columns of the terminal on standard output, if it is one.
    static func terminalColumns() -> Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        #if os(Linux)
        let request = UInt(TIOCGWINSZ)
        #else
        let request = TIOCGWINSZ
        #endif
        guard ioctl(STDOUT_FILENO, request, &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The process's standard output and standard error. A report that cannot be written to
    /// standard output (a full disk, a closed pipe) ends the process with exit code 2 and a
    /// message on standard error, rather than a crash.
    public static let standard = Console(
        out: { text in
            do {
                try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
            } catch {
                try? FileHandle.standardError.write(contentsOf: Data("error: cannot write to standard output: \(FileErrorText.reason(error))\n".utf8))
                exit(MQLab.ExitCode.usage.rawValue)
            }
        },
        err: { try? FileHandle.standardError.write(contentsOf: Data($0.utf8)) },
        showsProgress: isatty(STDERR_FILENO) != 0,
        outputWidth: terminalColumns())
}
