import Foundation
import Testing
@testable import MQLabCLI

/// `--out` is all or nothing, a report is printed only once its files are written, output
/// paths are checked before any run, and the commands that default to the bundled folder
/// find it from anywhere.
@Suite(.serialized) struct OutputPromiseTests {
    /// Text a command printed, captured in memory.
    typealias Captured = CapturedConsole

    /// A writer that fails on the `n`-th file (1-based), like a disk that fills up.
    final class FailingWriter: @unchecked Sendable {
        let failAt: Int
        private(set) var calls = 0
        init(failAt: Int) { self.failAt = failAt }
        func write(_ data: Data, _ url: URL) throws {
            calls += 1
            if calls == failAt { throw CocoaError(.fileWriteOutOfSpace) }
            try data.write(to: url)
        }
    }

    static let taskQueue = Repository.url("Scenarios/task-queue.json").path

    /// Every file under `folder` (relative path → bytes).
    static func snapshot(_ folder: URL) throws -> [String: Data] { try FolderSnapshot.files(in: folder) }

    @Test("a write that fails part-way leaves the folder as it was, prints no report and exits 2",
          arguments: [1, 3, 4, 6])
    func failedWriteChangesNothing(failAt: Int) throws {
        let folder = try CLIRunner.temporaryFolder()
        // Two small scenarios (a few hundred messages each), so the four cases stay quick.
        let scenarios = try CLIRunner.temporaryFolder()
        let taskQueue = try TemporaryFiles.write(Snippet.document(name: #""name": "task-queue""#, producers: Snippet.producer(#""count": 300"#)),
                                                 to: "task-queue.json", in: scenarios).path
        let deadLetter = try TemporaryFiles.write(Snippet.document(name: #""name": "poison-pills""#, consumers: #"{"name": "workers", "consumeFrom": "jobs", "failureRate": 0.1, "service": {"constant": "10ms"}}"#),
                                                  to: "poison-pills.json", in: scenarios).path
        let first = Captured()
        #expect(RunCommand.main([taskQueue, deadLetter, "--out", folder.path], console: first.console) == .success)
        let before = try Self.snapshot(folder)
        #expect(before.keys.sorted() == [
            "poison-pills/report.csv", "poison-pills/report.html", "poison-pills/report.json", "poison-pills/report.md",
            "poison-pills/report.txt", "poison-pills/series.csv",
            "task-queue/report.csv", "task-queue/report.html", "task-queue/report.json", "task-queue/report.md",
            "task-queue/report.txt", "task-queue/series.csv",
        ])

        // Another seed changes every report, so a partial write would show.
        let writer = FailingWriter(failAt: failAt)
        let failed = Captured()
        let code = RunCommand.main([taskQueue, deadLetter, "--out", folder.path, "--seed", "9"],
                                   console: failed.console, writeFile: writer.write)
        #expect(code == .usage)
        #expect(failed.out.isEmpty)
        // Warnings, if any, come first; then the error.
        let errors = failed.err.split(separator: "\n").filter { !$0.hasPrefix("warning: ") }
        #expect(errors.first?.hasPrefix("error: cannot write \(folder.path)/") == true, "\(failed.err)")
        #expect(failed.err.contains("is unchanged"))
        #expect(try Self.snapshot(folder) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["poison-pills", "task-queue"])
    }

    @Test("a successful write replaces each scenario folder whole and leaves no temporary files")
    func successfulWriteSwapsFolders() throws {
        let folder = try CLIRunner.temporaryFolder()
        let stray = folder.appendingPathComponent("task-queue/notes.txt")
        try FileManager.default.createDirectory(at: stray.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: stray)
        let run = Captured()
        #expect(RunCommand.main([Self.taskQueue, "--out", folder.path, "--format", "json"], console: run.console) == .success)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["task-queue"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("task-queue").path).sorted()
            == ["report.csv", "report.html", "report.json", "report.md", "report.txt", "series.csv"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("task-queue/report.json")) == Data(run.out.utf8))
        #expect(run.err == "wrote \(folder.path)/task-queue/report.{json,txt,md,csv,html} and series.csv\n")
    }

    @Test("staging folders of killed runs are removed; a live run's and foreign folders are kept")
    func staleStagingFoldersAreRemoved() throws {
        let folder = try CLIRunner.temporaryFolder()
        // A process that has ended: its pid names a stale folder.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/sh")
        finished.arguments = ["-c", "exit 0"]
        try finished.run()
        finished.waitUntilExit()
        let stale = ".mqlab-staging-\(finished.processIdentifier)-0"
        let live = ".mqlab-staging-\(ProcessInfo.processInfo.processIdentifier)-0"
        for name in [stale, live, ".mqlab-staging-notes", "keep-me"] {
            let sub = folder.appendingPathComponent(name).appendingPathComponent("task-queue")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try Data("partial".utf8).write(to: sub.appendingPathComponent("report.json"))
        }
        let outcome = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--out", folder.path])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == [live, ".mqlab-staging-notes", "keep-me", "task-queue"].sorted())
    }

    @Test("every output folder is checked before any run")
    func outputPathsAreCheckedFirst() throws {
        let folder = try CLIRunner.temporaryFolder()
        // The second scenario's folder is taken by a file.
        try Data("not a folder".utf8).write(to: folder.appendingPathComponent("poison-pills"))
        let outcome = try CLIRunner.run(["run", "Scenarios/task-queue.json", "Scenarios/poison-pills.json", "--out", folder.path])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "error: --out \(folder.path): \(folder.path)/poison-pills is a file; the report needs a folder there (move or remove the file)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["poison-pills"])

        // A folder below a file cannot be created.
        let below = folder.appendingPathComponent("poison-pills/sub").path
        let nested = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--out", below])
        #expect(nested.exitCode == 2)
        #expect(nested.stdout.isEmpty)
        #expect(nested.stderr.hasPrefix("error: --out \(below): cannot create the folder"))
    }

    @Test("list finds the bundled scenarios from another folder, and says how when it cannot")
    func listFromAnywhere() throws {
        let elsewhere = try CLIRunner.temporaryFolder()
        let found = try CLIRunner.run(["list"], in: elsewhere)
        #expect(found.exitCode == 0, "\(found.stderr)")
        let bundled = CLIRunner.repositoryRoot.appendingPathComponent("Scenarios").resolvingSymlinksInPath().path
        #expect(found.stdout.hasPrefix(bundled + "/"), "\(found.stdout.prefix(200))")
        #expect(found.stdout.contains(bundled + "/task-queue.json\n  task-queue: "))

        // A copy of the executable with no Scenarios folder above it.
        let copy = elsewhere.appendingPathComponent("bin/mqlab")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLIRunner.executable, to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["list"]
        process.currentDirectoryURL = elsewhere
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message == "error: no Scenarios folder in the current directory or beside the mqlab executable; name one: mqlab list DIR\n")
    }

    @Test("list wraps descriptions to 80 columns when not on a terminal, indented")
    func listWraps() throws {
        let outcome = try CLIRunner.run(["list", "Scenarios"])
        #expect(outcome.exitCode == 0)
        let lines = outcome.stdout.split(separator: "\n")
        // Paths stand alone; description lines are indented and fit (no bundled description
        // has a word longer than a line).
        for line in lines where line.hasPrefix(" ") {
            #expect(line.count <= 80, "\(line)")
        }
        #expect(lines.contains { $0.hasPrefix("    ") })
        #expect(lines.first == "Scenarios/ack-modes-under-crash.json")
        #expect(lines.dropFirst().first?.hasPrefix("  ack-modes-under-crash: ") == true)
    }

    @Test func textWrapBreaksAtSpaces() {
        #expect(TextWrap.wrap("one two three four", width: 9, firstIndent: "  ", indent: "    ") == "  one two\n    three\n    four")
        #expect(TextWrap.wrap("supercalifragilistic word", width: 8, firstIndent: "", indent: " ") == "supercalifragilistic\n word")
        #expect(TextWrap.wrap("", width: 10, firstIndent: "  ", indent: "  ") == "  ")
        #expect(TextWrap.wrap("a  b", width: 80, firstIndent: "", indent: "") == "a b")
    }

    @Test("bench refuses too few messages to time, and a debug build says so")
    func benchRefusesTinyRuns() throws {
        let outcome = try CLIRunner.run(["bench", "--messages", "10"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "error: --messages 10 is too few to time: expected at least 100000 (runs that short measure start-up and clock noise, not simulation speed)\n")
        #if DEBUG
        #expect(BenchCommand.buildNote.hasPrefix("build          debug: figures are not representative"))
        #else
        #expect(BenchCommand.buildNote.isEmpty)
        #endif
    }
}
