import Foundation
import MQLabCLI

/// Runs `mqlab` in this process through `MQLab.main`, capturing what it prints: faster than
/// ``CLIRunner`` (no process) and usable from any test target.
public enum InProcessCLI {
    /// The exit code `MQLab.main` returned and what it printed.
    public typealias Outcome = (code: Int32, out: String, err: String)

    /// Runs `mqlab arguments…` (the subcommand first, as on the command line).
    public static func run(_ arguments: [String]) -> Outcome {
        let captured = CapturedConsole()
        let code = MQLab.main(arguments, console: captured.console)
        return (code, captured.out, captured.err)
    }
}
