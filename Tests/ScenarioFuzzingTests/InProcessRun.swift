import Foundation
import MQLabCLI
import ScenarioFuzzing

/// Runs `mqlab run FILE --format json` in this process through `MQLab.main`, capturing output.
enum InProcessRun {
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var out = "", err = ""
        func appendOut(_ s: String) { lock.lock(); out += s; lock.unlock() }
        func appendErr(_ s: String) { lock.lock(); err += s; lock.unlock() }
        var texts: (String, String) { lock.lock(); defer { lock.unlock() }; return (out, err) }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The outcome of one in-process run, in the form the fuzzer's checker reads.
    static func run(file: String, extra: [String] = ["--max-events", "5000000", "--max-messages", "500000"]) -> InputRunner.Outcome {
        let capture = Capture()
        let console = Console(out: { capture.appendOut($0) }, err: { capture.appendErr($0) })
        let status = MQLab.main(["run", file, "--format", "json"] + extra, console: console)
        let (out, err) = capture.texts
        return InputRunner.Outcome(status: status, signalled: false, timedOut: false, stdout: out, stderr: err)
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "scenario.json") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mqlab-fuzz-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
