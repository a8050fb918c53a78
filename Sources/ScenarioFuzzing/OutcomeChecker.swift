/// The properties of one `mqlab run --format json` invocation as a process: exit codes 0–3
/// only, no signal, no timeout; exit 2 with an `error:` line and nothing on standard output;
/// a report (exit 0, or exit 3 when one was printed) that passes `ReportChecker`.
public enum OutcomeChecker {
    /// The kinds of failure, short and stable: they name a finding's file.
    public enum Failure: String, Sendable {
        case signal, timeout, exitCode, unclearError, report, nondeterministic
        /// A generated scenario (valid by construction) was rejected: the generator or the
        /// reader is wrong.
        case rejectedGenerated
    }

    /// The failure of `outcome` and its detail, or nil when it is sound.
    public static func failure(of outcome: InputRunner.Outcome) -> (Failure, String)? {
        if outcome.timedOut { return (.timeout, "no answer within the time limit (killed)") }
        if outcome.signalled { return (.signal, "killed by signal \(outcome.status)") }
        switch outcome.status {
        case 0, 1, 3:
            if outcome.status == 3 && outcome.stdout.isEmpty { return nil }
            let problems = ReportChecker.violations(inReport: outcome.stdout)
            return problems.isEmpty ? nil : (.report, problems.prefix(20).joined(separator: "\n"))
        case 2:
            let hasError = outcome.stderr.split(separator: "\n").contains { $0.hasPrefix("error: ") }
            if !hasError { return (.unclearError, "exit 2 without an \"error: \" line on stderr") }
            if !outcome.stdout.isEmpty { return (.unclearError, "exit 2 with output on stdout") }
            return nil
        default:
            return (.exitCode, "exit code \(outcome.status)")
        }
    }
}
