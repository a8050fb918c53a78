import Foundation

/// Runs the built `mqlab` executable as a user would, capturing its output and exit code.
/// (``InProcessCLI`` runs the same commands without a process.)
public struct CLIRunner {
    public struct Outcome {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The repository root.
    public static let repositoryRoot = Repository.root

    /// The `mqlab` binary built next to the test bundle (debug or release, whichever runs).
    public static let executable: URL = {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundle.appendingPathComponent("mqlab"))
        }
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(arg0.appendingPathComponent("mqlab"))
        candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("mqlab"))
        for configuration in ["debug", "release"] {
            candidates.append(repositoryRoot.appendingPathComponent(".build/\(configuration)/mqlab"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs `mqlab arguments…` in `directory` (the repository root unless told).
    /// - Throws: the error of starting the process (no binary built).
    public static func run(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large report cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(exitCode: process.terminationStatus,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Paths of the bundled scenarios, relative to the repository root, sorted: what
    /// `mqlab run Scenarios` runs (see ``Repository/bundledScenarios()``).
    public static func bundledScenarios() -> [String] { Repository.bundledScenarios() }

    /// A fresh temporary folder (see ``TemporaryFiles/folder(prefix:)``).
    /// - Throws: the file system's error if it cannot be created.
    public static func temporaryFolder() throws -> URL { try TemporaryFiles.folder() }
}
