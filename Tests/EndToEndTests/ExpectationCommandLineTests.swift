import Foundation
import Testing

/// `expect` through the built binary: exit 0 when every expectation holds, 1 when one fails
/// (reports still printed and written), 2 for an invalid expectation (validate too, before
/// any run), 3 when a run limit is hit whatever the expectations say.
@Suite(.serialized) struct ExpectationCommandLineTests {
    /// Ten messages 1 s apart, 0.5 s of constant service: end-to-end latency is exactly 0.5 s.
    static func scenario(_ expect: String, name: String = "small") -> String {
        Snippet.tenMessages(expect: expect, name: name)
    }

    /// Writes `files` (name → contents) into a fresh folder; returns it.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = try TemporaryFiles.folder()
        for (name, text) in files { try TemporaryFiles.write(text, to: name, in: folder) }
        return folder
    }

    @Test func allMetExitsZero() throws {
        let dir = try Self.folder(["ok.json": Self.scenario(#"["latency.endToEnd.p99 <= 500ms", "messages.acked == 10"]"#)])
        let outcome = try CLIRunner.run(["run", dir.appendingPathComponent("ok.json").path])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.contains("Expectations: 2 of 2 met\n  ✓ latency.endToEnd.p99 <= 500ms: measured 500 ms\n  ✓ messages.acked == 10: measured 10\n"))
        #expect(outcome.stderr.isEmpty)
    }

    @Test func oneFailedExitsOneAndStillWritesTheReports() throws {
        let dir = try Self.folder(["bad.json": Self.scenario(#"[{"metric": "latency.endToEnd.p99", "op": "<", "value": "400ms", "because": "the SLO"}]"#)])
        let out = dir.appendingPathComponent("out")
        let outcome = try CLIRunner.run(["run", dir.appendingPathComponent("bad.json").path, "--format", "json", "--out", out.path])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stderr.contains("bad.json: 1 of 1 expectation not met\n"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let result = try #require((report["expectations"] as? [[String: Any]])?.first)
        #expect(result["passed"] as? Bool == false && result["measured"] as? Double == 0.5 && result["expected"] as? Double == 0.4)
        let text = try String(contentsOf: out.appendingPathComponent("small/report.txt"), encoding: .utf8)
        #expect(text.contains("✗ latency.endToEnd.p99 < 400ms: measured 500 ms — the SLO"))
    }

    @Test func anyFailedScenarioOfSeveralExitsOne() throws {
        let dir = try Self.folder([
            "a.json": Self.scenario(#"["messages.acked == 10"]"#, name: "a"),
            "b.json": Self.scenario(#"["messages.acked > 10"]"#, name: "b"),
        ])
        let outcome = try CLIRunner.run(["run", dir.appendingPathComponent("a.json").path, dir.appendingPathComponent("b.json").path])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.contains("Expectations: 1 of 1 met") && outcome.stdout.contains("Expectations: 0 of 1 met"))
    }

    @Test func aLimitStopWinsOverFailedExpectations() throws {
        let dir = try Self.folder(["bad.json": Self.scenario(#"["messages.acked > 10"]"#)])
        let outcome = try CLIRunner.run(["run", dir.appendingPathComponent("bad.json").path, "--max-events", "5"])
        #expect(outcome.exitCode == 3)
    }

    @Test func invalidExpectationExitsTwoBeforeAnyRun() throws {
        let dir = try Self.folder(["bad.json": Self.scenario(#"["messages.acked > 10", "brokers.jobz.depth.max < 3", "brokers.jobs.depth.max < 2s"]"#)])
        let file = dir.appendingPathComponent("bad.json").path
        let expected = """
            error: \(file): $.expect[1]: unknown metric "brokers.jobz.depth.max": no queue named "jobz" in this scenario (did you mean "jobs"?); queues: dlq, jobs
            error: \(file): $.expect[2]: "2s" is a duration, but "brokers.jobs.depth.max" is a count; expected a plain number

            """
        let run = try CLIRunner.run(["run", file])
        #expect(run.exitCode == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == expected)
        let validate = try CLIRunner.run(["validate", file])
        #expect(validate.exitCode == 2)
        #expect(validate.stderr == expected)
    }

    @Test func syntaxErrorExitsTwo() throws {
        let dir = try Self.folder(["bad.json": Self.scenario(#"["messages.acked 10"]"#)])
        let outcome = try CLIRunner.run(["validate", dir.appendingPathComponent("bad.json").path])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains(#"$.expect[0]: expected "METRIC OP VALUE""#))
    }

    @Test func bundledExpectationsAreMet() throws {
        let outcome = try CLIRunner.run(["run", "Scenarios/task-queue.json", "Scenarios/poison-pills.json", "Scenarios/rate-limited-task-queue.json", "--format", "json"])
        #expect(outcome.exitCode == 0)
        let reports = try #require((try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])?["reports"] as? [[String: Any]])
        let counts = reports.map { ($0["expectations"] as? [[String: Any]])?.count ?? 0 }
        #expect(counts == [3, 2, 2])
    }
}
