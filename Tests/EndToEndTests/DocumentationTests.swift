import Foundation
import Testing

/// User-facing text cites public sources only: no path into the project's private notes.
@Suite struct DocumentationTests {
    @Test func sourcesScenariosAndReadmeCiteNoPrivatePaths() throws {
        let root = CLIRunner.repositoryRoot
        var files = ["README.md"]
        for folder in ["Sources", "Scenarios"] {
            let names = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)?.compactMap { $0 as? String } ?? []
            files += names.filter { $0.hasSuffix(".swift") || $0.hasSuffix(".json") || $0.hasSuffix(".md") }.map { folder + "/" + $0 }
        }
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("shared/") || line.contains("observed-rabbitmq-redis") {
                Issue.record("\(file):\(number + 1) cites a private path: \(line)")
            }
        }
    }
}
