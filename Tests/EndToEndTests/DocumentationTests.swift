import Foundation
import Testing

/// User-facing text cites public sources only: no path into the project's private notes.
@Suite struct DocumentationTests {
    /// The quick start shows what the first command prints, byte for byte.
    @Test func quickStartSampleIsTheRealOutput() throws {
        let run = try CLIRunner.run(["run", "Scenarios/task-queue.json"])
        #expect(run.exitCode == 0)
        let readme = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```\n" + run.stdout + "```"))
    }

    /// The compare table in the README is the one `mqlab compare` prints.
    @Test func compareTableIsTheRealOutput() throws {
        let run = try CLIRunner.run(["compare", "Scenarios/compare/task-queue.json"])
        #expect(run.exitCode == 0)
        let table = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).prefix(11).joined(separator: "\n")
        let readme = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("$ mqlab compare Scenarios/compare/task-queue.json\n" + table + "\n```"))
    }

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
