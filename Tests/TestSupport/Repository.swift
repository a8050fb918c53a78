import Foundation

/// Paths inside the repository, found from this file's location (`#filePath`), so tests read
/// their fixtures and the bundled scenarios whatever the working directory.
public enum Repository {
    /// The repository root (three folders above this file: TestSupport, Tests, root).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of bundled scenarios, `Scenarios/`.
    public static let scenarios = root.appendingPathComponent("Scenarios")

    /// `relativePath` under the repository root.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// Paths of the bundled scenarios, relative to the repository root, sorted: what
    /// `mqlab run Scenarios` runs (sub-folders included, the `exercises` and `compare`
    /// folders and JSON Schemas left out).
    public static func bundledScenarios() -> [String] {
        let files = FileManager.default.enumerator(atPath: scenarios.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") && !$0.hasPrefix("exercises/") && !$0.hasPrefix("compare/") }
            .sorted().map { "Scenarios/" + $0 }
    }
}

/// The files under `Tests/Fixtures`: public test vectors copied from the project's shared
/// cases (`cases/`: RabbitMQ's and Kafka's own test cases, AWS's documented SNS filter cases,
/// closed-form queueing results), the compiled broker facts (`facts/`), and the inputs the
/// fuzzer once failed on (`fuzz-regressions/`).
public enum Fixtures {
    /// `Tests/Fixtures`.
    public static let folder = Repository.url("Tests/Fixtures")
    /// `Tests/Fixtures/cases`.
    public static let cases = folder.appendingPathComponent("cases")
    /// `Tests/Fixtures/facts`.
    public static let facts = folder.appendingPathComponent("facts")

    /// The file `name` in `Tests/Fixtures/cases`.
    public static func url(_ name: String) -> URL {
        cases.appendingPathComponent(name)
    }

    /// The JSON value of the file `name` in `Tests/Fixtures/cases`.
    /// - Throws: the read or parse error.
    public static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(name)))
    }

    /// The `"cases"` array of the vector file `name` in `Tests/Fixtures/cases`
    /// (`{"cases": [{…}, …]}`), each case a JSON object; empty if the file is missing or not of
    /// that shape, so a test using it should check how many cases it read.
    public static func caseList(_ name: String) -> [[String: Any]] {
        ((try? json(name)) as? [String: Any])?["cases"] as? [[String: Any]] ?? []
    }
}
