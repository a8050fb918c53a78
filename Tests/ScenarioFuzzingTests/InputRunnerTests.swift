import Foundation
import Testing
import ScenarioFuzzing

/// The child-process runner against stand-in executables: a crash is observed as a signal, a
/// hang is killed at the limit, output and exit codes come back intact.
@Suite struct InputRunnerTests {
    static func script(_ body: String) throws -> String {
        let path = try InProcessRun.temporaryFile("#!/bin/sh\n" + body + "\n", name: "fake-mqlab")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func exitCodeArgumentsAndOutputComeBack() throws {
        let fake = try Self.script(#"echo "$@"; echo "error: bad" >&2; exit 2"#)
        let outcome = try InputRunner(mqlab: fake, extraArguments: ["--max-events", "7"]).run(file: "in.json")
        #expect(outcome == InputRunner.Outcome(status: 2, signalled: false, timedOut: false,
                                               stdout: "run in.json --format json --max-events 7\n", stderr: "error: bad\n"))
        #expect(OutcomeChecker.failure(of: outcome)?.0 == .unclearError)   // exit 2 with output on stdout
    }

    @Test func aCrashIsASignal() throws {
        let fake = try Self.script("kill -SEGV $$")
        let outcome = try InputRunner(mqlab: fake).run(file: "in.json")
        #expect(outcome.signalled && outcome.status == SIGSEGV && !outcome.timedOut)
        #expect(OutcomeChecker.failure(of: outcome)?.0 == .signal)
    }

    @Test func aHangIsKilledAtTheLimit() throws {
        let fake = try Self.script("exec sleep 60")
        let outcome = try InputRunner(mqlab: fake, timeoutSeconds: 0.3).run(file: "in.json")
        #expect(outcome.timedOut)
        #expect(OutcomeChecker.failure(of: outcome)?.0 == .timeout)
    }
}
