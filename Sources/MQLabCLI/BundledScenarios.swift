import Foundation

/// Finds the bundled `Scenarios/` folder for commands that default to it.
enum BundledScenarios {
    /// The folder's name, as looked up in the working directory and beside the executable.
    static let folderName = "Scenarios"

    /// `Scenarios` when the working directory has it; otherwise the `Scenarios` folder found
    /// by walking up from the executable's real location (`.build/release/mqlab` → the
    /// repository root; a symbolic link such as `/usr/local/bin/mqlab` is followed first);
    /// nil when there is none.
    /// - Parameter executable: the path the program was started as (`CommandLine.arguments[0]`).
    static func locate(workingDirectory: String = FileManager.default.currentDirectoryPath,
                       executable: String? = executablePath()) -> String? {
        if isFolder((workingDirectory as NSString).appendingPathComponent(folderName)) { return folderName }
        guard let executable else { return nil }
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = folder.appendingPathComponent(folderName)
            // The schema marks the folder as mqlab's, not some other project's "Scenarios".
            if isFolder(candidate.path),
               FileManager.default.fileExists(atPath: candidate.appendingPathComponent("scenario.schema.json").path) {
                return candidate.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }

    /// What to say when no folder was found.
    static let notFound = "no Scenarios folder in the current directory or beside the mqlab executable; name one: mqlab list DIR"

    /// This process's executable: `/proc/self/exe` on Linux, else the first argument (made
    /// absolute, or looked up on PATH).
    static func executablePath() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        if let path = Bundle.main.executablePath { return path }
        let first = CommandLine.arguments.first ?? ""
        guard !first.isEmpty else { return nil }
        if first.contains("/") { return URL(fileURLWithPath: first).path }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = (String(directory) as NSString).appendingPathComponent(first)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
