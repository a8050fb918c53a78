import Foundation
import Testing

/// Warnings reach stderr as `warning: FILE: PATH: message` and the report's `warnings` list,
/// and never change the exit code.
@Suite struct WarningCommandLineTests {
    static let scenario = #"""
    {"name": "bare", "brokers": [{"name": "jobs"}],
     "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"constant": {"rate": 10}}, "count": 20}],
     "consumers": [{"name": "workers", "consumeFrom": "jobs", "service": {"constant": 0.05}}]}
    """#

    @Test func bareNumberDurationWarnsOnStderrAndInTheReport() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try TemporaryFiles.write(Self.scenario, to: "bare.json", in: folder)
        let expected = #"warning: \#(file.path): $.consumers[0].service.constant: a bare number is read as seconds: 0.05 means 0.05 s; write "0.05s" to say so (or "0.05ms" if milliseconds were meant)"# + "\n"

        let run = try CLIRunner.run(["run", file.path, "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.stderr == expected)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let warnings = try #require(report["warnings"] as? [[String: String]])
        #expect(warnings.map { $0["code"] } == ["bareNumberDuration"])
        #expect(warnings.map { $0["path"] } == ["$.consumers[0].service.constant"])

        let validate = try CLIRunner.run(["validate", file.path])
        #expect(validate.exitCode == 0)
        #expect(validate.stderr == expected)
    }
}
