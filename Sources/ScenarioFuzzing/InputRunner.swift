import Foundation

/// Runs the built `mqlab` binary as a child process on one scenario file, so that a crash or a
/// signal is observed rather than suffered, under a wall-clock timeout and an address-space
/// limit.
public struct InputRunner: Sendable {
    /// What one run of `mqlab` did.
    public struct Outcome: Sendable, Equatable {
        /// Exit status, or the signal number when `signalled`.
        public var status: Int32
        public var signalled: Bool
        public var timedOut: Bool
        public var stdout: String
        public var stderr: String

        public init(status: Int32, signalled: Bool, timedOut: Bool, stdout: String, stderr: String) {
            self.status = status
            self.signalled = signalled
            self.timedOut = timedOut
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Path of the `mqlab` executable.
    public var mqlab: String
    /// Wall-clock limit per run [s]; the child is killed when it expires.
    public var timeoutSeconds: Double
    /// Address-space limit of the child [KiB] (`ulimit -v`; ignored where the shell cannot set it).
    public var memoryKiB: Int
    /// Extra arguments after `run FILE --format json`, such as `--max-events`.
    public var extraArguments: [String]

    public init(mqlab: String, timeoutSeconds: Double = 10, memoryKiB: Int = 2 * 1024 * 1024,
                extraArguments: [String] = ["--max-events", "5000000", "--max-messages", "500000"]) {
        self.mqlab = mqlab
        self.timeoutSeconds = timeoutSeconds
        self.memoryKiB = memoryKiB
        self.extraArguments = extraArguments
    }

    /// Runs `mqlab run FILE --format json …` once.
    ///
    /// - Throws: only when the child cannot be started (a missing binary, no `/bin/sh`).
    public func run(file: String) throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("mqlab-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `exec` keeps the child's pid, so a kill on timeout reaches mqlab itself.
        process.arguments = ["-c", "ulimit -v \(memoryKiB) 2>/dev/null; exec \"$@\"", "sh",
                             mqlab, "run", file, "--format", "json"] + extraArguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, stdout: stdout, stderr: stderr)
    }
}
