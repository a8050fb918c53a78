import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Reporting

/// Writes a report's files into `DIR/<scenario>/`, each atomically: the text goes to a
/// temporary file that is then renamed over the old one, so a failed run never leaves half a
/// file or destroys a good one.
enum ReportWriter {
    struct WriteError: Error { var message: String }

    /// Creates `directory` if needed and checks that it is a writable folder.
    /// - Throws: `WriteError` saying what is wrong with it.
    static func prepare(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        let manager = FileManager.default
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WriteError(message: "--out \(directory): a file, not a folder") }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw WriteError(message: "--out \(directory): cannot create the folder (\(String(cString: strerror(errno)))); check the path and permissions")
            }
        }
        guard manager.isWritableFile(atPath: directory) else {
            throw WriteError(message: "--out \(directory): the folder is not writable")
        }
    }

    /// Writes `report.json`, `report.txt`, `report.md` and `report.csv`; returns the folder.
    /// - Throws: `WriteError` naming the path when a folder or file cannot be written.
    static func write(_ report: Report, into directory: String) throws -> String {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(safeName(report.scenario))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(message: "cannot create the folder \(folder.path): it may exist as a file, or the name is too long")
        }
        // Render everything before writing anything.
        var files: [(String, String)] = []
        for format in [ReportFormat.json, .text, .markdown, .csv] {
            let renderer = format.renderer
            files.append(("report." + renderer.fileExtension, try renderer.render([report])))
        }
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw WriteError(message: "cannot write \(url.path) (is it a folder, or is the disk full?)")
            }
        }
        return (directory as NSString).appendingPathComponent(safeName(report.scenario))
    }

    /// A file-system-safe folder name for a scenario name.
    /// A file-system-safe folder name for a scenario name (at most 100 characters).
    static func safeName(_ name: String) -> String {
        let mapped = name.prefix(100).map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" }
        let result = String(mapped).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return result.isEmpty ? "scenario" : result
    }
}
