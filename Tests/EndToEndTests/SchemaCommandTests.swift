import Foundation
import Testing

/// `mqlab schema` prints the scenario schema, and every bundled scenario points editors at it.
@Suite struct SchemaCommandTests {
    static let schema = CLIRunner.repositoryRoot.appendingPathComponent("Scenarios/scenario.schema.json")

    @Test func schemaPrintsTheBundledSchemaFromAnyFolder() throws {
        let elsewhere = try CLIRunner.temporaryFolder()
        let printed = try CLIRunner.run(["schema"], in: elsewhere)
        #expect(printed.exitCode == 0, "\(printed.stderr)")
        #expect(printed.stdout == (try String(contentsOf: Self.schema, encoding: .utf8)))
        let object = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")

        let extra = try CLIRunner.run(["schema", "x"], in: elsewhere)
        #expect(extra.exitCode == 2 && extra.stdout.isEmpty)
        #expect(extra.stderr.hasPrefix("error: schema takes no arguments"))
    }

    @Test func everyBundledScenarioNamesTheSchemaBesideIt() throws {
        let folder = CLIRunner.repositoryRoot.appendingPathComponent("Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.sorted()
        #expect(files.count >= 32)
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["$schema"] as? String == "./scenario.schema.json", "\(file)")
        }
    }
}
