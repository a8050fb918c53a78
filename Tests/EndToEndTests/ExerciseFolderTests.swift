import Foundation
import Testing
@testable import MQLabCLI

/// Expanding a folder of scenarios leaves interview exercises out: `mqlab run Scenarios`
/// (which regenerates `Reports/`) must not run starters and model solutions, while a file
/// named by its path still runs.
@Suite struct ExerciseFolderTests {
    @Test func folderExpansionSkipsExercisesFoldersAndExerciseDefinitions() throws {
        let root = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["a.json", "b.schema.json", "exercise.json", "notes.txt",
                     "exercises/q1/starter.json", "exercises/q1/exercise.json", "exercises/top.json",
                     "sub/c.json", "sub/exercises/d.json", "sub/exercises-old/e.json", "sub/my-exercises.json"]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: url)
        }
        let found = scenarioFiles(in: root.path).map { String($0.dropFirst(root.path.count + 1)) }
        #expect(found == ["a.json", "sub/c.json", "sub/exercises-old/e.json", "sub/my-exercises.json"])
        // Named on the command line, a file is never expanded, so it stays; an exercises
        // folder named itself is expanded (only folders below it named `exercises` are skipped).
        let exercises = root.appendingPathComponent("exercises").path
        let starter = exercises + "/q1/starter.json"
        #expect(expandScenarioPaths([starter, exercises]) == [starter, starter, exercises + "/top.json"])
    }

    @Test func bundledExercisesStayOutOfARunOfTheScenariosFolderButRunByPath() throws {
        let expanded = expandScenarioPaths([CLIRunner.repositoryRoot.appendingPathComponent("Scenarios").path])
        #expect(expanded.count == CLIRunner.bundledScenarios().count)
        #expect(!expanded.contains { $0.contains("/exercises/") })
        let outcome = try CLIRunner.run(["run", "Scenarios/exercises/poison-pills/solution.json", "--format", "json"])
        #expect(outcome.exitCode == 0)
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(report?["scenario"] as? String == "exercise-poison-pills-solution")
    }
}
