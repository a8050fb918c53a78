import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Reporting

/// Writes the reports of one `mqlab run` into `DIR/<scenario>/`, all or nothing.
///
/// Every file of every report is first written into a staging folder inside `DIR`
/// (`.mqlab-staging-<pid>-<n>`); only when all of them are on disk is each `<scenario>` folder
/// swapped in by renaming (the old folder is moved aside, the new one renamed into place,
/// then the old one removed). A failure while writing (a full disk, a permission) removes the
/// staging folder and leaves `DIR` as it was; a failure during the swap puts back what was
/// already swapped. A run killed part-way leaves only a staging folder, which the next run
/// writing to `DIR` removes (it is recognised by its name and its process id no longer
/// running). Each `<scenario>` folder is replaced as a whole.
enum ReportWriter {
    struct WriteError: Error { var message: String }

    /// The start of the name of every staging folder.
    static let stagingPrefix = ".mqlab-staging-"

    /// The files written for each report, in writing order.
    static let formats: [ReportFormat] = [.json, .text, .markdown, .csv, .html]

    /// Checks, before any run, that `directory` is (or can be created as) a writable folder
    /// and that none of `folders` (the scenario folder names) exists in it as a file; creates
    /// `directory` if needed and removes stale staging folders of killed runs.
    /// - Throws: `WriteError` saying what is wrong.
    static func prepare(_ directory: String, folders: [String] = []) throws {
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
        for folder in folders {
            let path = (directory as NSString).appendingPathComponent(folder)
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw WriteError(message: "--out \(directory): \(path) is a file; the report needs a folder there (move or remove the file)")
            }
        }
        removeStaleStaging(in: directory)
    }

    /// Writes `report.json`, `report.txt`, `report.md`, `report.csv`, `report.html` and `series.csv` of every report, all
    /// or nothing (see the type's discussion); returns the scenario folders written.
    /// - Parameter writeFile: writes one file (tests pass one that fails part-way).
    /// - Throws: `WriteError` naming the path that could not be written; `directory` is then
    ///   as it was before the call.
    static func write(_ reports: [Report], into directory: String,
                      writeFile: (Data, URL) throws -> Void = { try $0.write(to: $1) }) throws -> [String] {
        let manager = FileManager.default
        let base = URL(fileURLWithPath: directory)
        // Render everything before writing anything.
        var contents: [(folder: String, files: [(String, Data)])] = []
        for report in reports {
            var files: [(String, Data)] = []
            for format in formats {
                let renderer = format.renderer
                files.append(("report." + renderer.fileExtension, Data(try renderer.render([report]).utf8)))
            }
            files.append(("series.csv", Data(try SeriesCSVRenderer().render([report]).utf8)))
            contents.append((safeName(report.scenario), files))
        }

        let staging = try makeStagingFolder(in: base)
        defer { try? manager.removeItem(at: staging) }
        for (folder, files) in contents {
            let target = staging.appendingPathComponent(folder)
            do {
                try manager.createDirectory(at: target, withIntermediateDirectories: false)
            } catch {
                throw WriteError(message: "cannot create the folder \(target.path): the name may be too long, or the disk full")
            }
            for (name, data) in files {
                let url = target.appendingPathComponent(name)
                do {
                    try writeFile(data, url)
                } catch {
                    throw WriteError(message: "cannot write \(base.appendingPathComponent(folder).appendingPathComponent(name).path) (is the disk full?); \(directory) is unchanged")
                }
            }
        }

        // Swap each folder in; undo the swaps done so far if one fails.
        var swapped: [(target: URL, old: URL?)] = []
        for (index, (folder, _)) in contents.enumerated() {
            let target = base.appendingPathComponent(folder)
            let fresh = staging.appendingPathComponent(folder)
            var old: URL? = staging.appendingPathComponent("old-\(index)")
            if rename(target.path, old!.path) != 0 {
                if errno == ENOENT { old = nil } else {
                    undo(swapped, staging: staging)
                    throw WriteError(message: "cannot replace \(target.path) (\(String(cString: strerror(errno)))); \(directory) is unchanged")
                }
            }
            if rename(fresh.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                if let old { _ = rename(old.path, target.path) }
                undo(swapped, staging: staging)
                throw WriteError(message: "cannot move the new report into \(target.path) (\(reason)); \(directory) is unchanged")
            }
            swapped.append((target, old))
        }
        return contents.map { (directory as NSString).appendingPathComponent($0.folder) }
    }

    /// Puts back the folders `swapped` replaced (newest first).
    private static func undo(_ swapped: [(target: URL, old: URL?)], staging: URL) {
        for (index, entry) in swapped.enumerated().reversed() {
            _ = rename(entry.target.path, staging.appendingPathComponent("undone-\(index)").path)
            if let old = entry.old { _ = rename(old.path, entry.target.path) }
        }
    }

    /// A new, empty staging folder in `base`, named after this process.
    private static func makeStagingFolder(in base: URL) throws -> URL {
        for attempt in 0..<100 {
            let url = base.appendingPathComponent("\(stagingPrefix)\(getpid())-\(attempt)")
            if mkdir(url.path, 0o755) == 0 { return url }
            if errno != EEXIST { break }
        }
        throw WriteError(message: "cannot create a temporary folder in \(base.path) (\(String(cString: strerror(errno))))")
    }

    /// Removes staging folders in `directory` left by runs that were killed: names of the
    /// form `.mqlab-staging-<pid>-<n>` whose process no longer exists. Folders of a run still
    /// going (another process writing to the same folder) are left alone.
    static func removeStaleStaging(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() where name.hasPrefix(stagingPrefix) {
            let parts = name.dropFirst(stagingPrefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, Int(parts[1]) != nil else { continue }
            guard pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// A file-system-safe folder name for a scenario name (at most 100 characters).
    static func safeName(_ name: String) -> String {
        let mapped = name.prefix(100).map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" }
        let result = String(mapped).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return result.isEmpty ? "scenario" : result
    }
}
