import Foundation

/// Every file under a folder, by path relative to it, with its bytes: for checking that a
/// command wrote exactly the expected files, or left a folder as it was.
public enum FolderSnapshot {
    /// Relative path → bytes of every regular file under `folder` (sub-folders included); empty
    /// if the folder does not exist.
    /// - Throws: the read error of a file that cannot be read.
    public static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileManager.default.enumerator(atPath: folder.path)?.compactMap({ $0 as? String }) ?? [] {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}
