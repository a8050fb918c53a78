import Foundation

/// Fresh temporary folders and files for tests. Each call makes a new folder named
/// `<prefix>-<UUID>` in the system's temporary folder, so tests running in parallel never
/// share one; nothing is cleaned up here (the caller may, the system does).
public enum TemporaryFiles {
    /// A fresh empty folder named `<prefix>-<UUID>`.
    /// - Throws: the file system's error if it cannot be created.
    public static func folder(prefix: String = "mqlab-tests") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` (UTF-8) to the file `name` in `folder` and returns its URL.
    /// - Throws: the file system's error if it cannot be written.
    @discardableResult
    public static func write(_ text: String, to name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Writes `text` to the file `name` in a fresh folder and returns its URL.
    /// - Throws: the file system's error if it cannot be written.
    public static func url(_ text: String, name: String = "scenario.json", prefix: String = "mqlab-tests") throws -> URL {
        try write(text, to: name, in: folder(prefix: prefix))
    }

    /// Writes `text` to the file `name` in a fresh folder and returns its path.
    /// - Throws: the file system's error if it cannot be written.
    public static func file(_ text: String, name: String = "scenario.json", prefix: String = "mqlab-tests") throws -> String {
        try url(text, name: name, prefix: prefix).path
    }
}
