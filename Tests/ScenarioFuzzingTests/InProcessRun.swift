import Foundation
import MQLabCLI
import ScenarioFuzzing

/// Runs `mqlab run FILE --format json` in this process, in the form the fuzzer's checker reads.
enum InProcessRun {
    static let repositoryRoot = Repository.root

    /// The outcome of one in-process run, in the form the fuzzer's checker reads.
    static func run(file: String, extra: [String] = ["--max-events", "5000000", "--max-messages", "500000"]) -> InputRunner.Outcome {
        let (status, out, err) = InProcessCLI.run(["run", file, "--format", "json"] + extra)
        return InputRunner.Outcome(status: status, signalled: false, timedOut: false, stdout: out, stderr: err)
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "scenario.json") throws -> String {
        try TemporaryFiles.file(text, name: name, prefix: "mqlab-fuzz-tests")
    }
}
