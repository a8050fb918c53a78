import Foundation
import Testing

/// The bundled interview exercises are well formed: every `exercise.json` has the fields the
/// `mqlab exercise` commands will read, every starter and solution is a valid scenario
/// without `expect` keys, and every model solution meets every objective on the scenario's
/// own seed (the other seeds are checked when the exercises are changed).
@Suite struct ExerciseContentTests {
    static let folder = CLIRunner.repositoryRoot.appendingPathComponent("Scenarios/exercises")

    static var ids: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// `"path op value"` → the report's value at `path` (dots separate keys), the operator and
    /// the threshold in report units (durations in seconds).
    static func objective(_ text: String) -> (path: String, op: String, value: Double)? {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 3, ["<", "<=", "==", "!=", ">=", ">"].contains(parts[1]) else { return nil }
        let units: [(String, Double)] = [("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for (unit, scale) in units where parts[2].hasSuffix(unit) {
            if let number = Double(parts[2].dropLast(unit.count)) { return (parts[0], parts[1], number * scale) }
        }
        guard let number = Double(parts[2]) else { return nil }
        return (parts[0], parts[1], number)
    }

    static func holds(_ measured: Double, _ op: String, _ value: Double) -> Bool {
        switch op {
        case "<": measured < value
        case "<=": measured <= value
        case "==": measured == value
        case "!=": measured != value
        case ">=": measured >= value
        default: measured > value
        }
    }

    @Test func thereAreElevenExercisesCoveringTheInterviewQuestions() {
        #expect(Self.ids == ["delivery-guarantees", "double-charges", "lag-autoscaling", "notification-fanout", "paid-priority",
                             "per-customer-ordering", "poison-pills", "rate-limited-api", "saga-inventory", "traffic-spike",
                             "visibility-timeout"])
    }

    @Test(arguments: ExerciseContentTests.ids)
    func exerciseIsWellFormedAndItsSolutionsMeetTheObjectives(_ id: String) throws {
        let base = Self.folder.appendingPathComponent(id)
        let exercise = try Self.json(base.appendingPathComponent("exercise.json"))
        #expect(exercise["id"] as? String == id)
        for key in ["title", "question"] { #expect((exercise[key] as? String)?.isEmpty == false, "\(id): \(key)") }
        #expect(((exercise["requirements"] as? [String]) ?? []).count >= 1)
        #expect(((exercise["concepts"] as? [String]) ?? []).count >= 3)
        #expect(((exercise["seeds"] as? [Int]) ?? []).count >= 3)
        let hints = (exercise["hints"] as? [[String: Any]]) ?? []
        #expect(hints.map { $0["level"] as? Int } == [1, 2, 3])
        #expect(hints.allSatisfy { ($0["text"] as? String)?.isEmpty == false })
        let objectives = (exercise["objectives"] as? [[String: Any]]) ?? []
        #expect(!objectives.isEmpty)
        let parsed = objectives.compactMap { Self.objective(($0["expect"] as? String) ?? "") }
        #expect(parsed.count == objectives.count, "\(id): an objective is not \"path op value\"")
        #expect(objectives.allSatisfy { ($0["because"] as? String)?.isEmpty == false })

        let files = try FileManager.default.contentsOfDirectory(atPath: base.path)
            .filter { $0 != "exercise.json" }.sorted()
        #expect(files.contains("starter.json") && files.contains("solution.json"), "\(id)")
        #expect(files.allSatisfy { $0 == "starter.json" || $0 == "solution.json" || ($0.hasPrefix("solution-") && $0.hasSuffix(".json")) })
        let paths = files.map { "Scenarios/exercises/\(id)/\($0)" }
        let validate = try CLIRunner.run(["validate"] + paths)
        #expect(validate.exitCode == 0, "\(validate.stderr)")
        for file in files {
            let scenario = try Self.json(base.appendingPathComponent(file))
            #expect(scenario["$schema"] as? String == "../../scenario.schema.json", "\(id)/\(file)")
            #expect(scenario["expect"] == nil, "\(id)/\(file): objectives live in exercise.json")
            #expect((scenario["description"] as? String)?.isEmpty == false)
        }

        // Every objective names a number in the report; every solution meets all of them and
        // the starter misses at least one.
        for path in paths {
            let outcome = try CLIRunner.run(["run", path, "--format", "json"])
            #expect(outcome.exitCode == 0, "\(path): \(outcome.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            var failed: [String] = []
            for objective in parsed {
                var node: Any? = report
                for key in objective.path.split(separator: ".") { node = (node as? [String: Any])?[String(key)] }
                let measured = try #require((node as? NSNumber)?.doubleValue,
                                            "\(path): \(objective.path) is not a number in the report")
                if !Self.holds(measured, objective.op, objective.value) { failed.append("\(objective.path) = \(measured)") }
            }
            if path.hasSuffix("/starter.json") {
                #expect(!failed.isEmpty, "\(path): the starter meets every objective")
            } else {
                #expect(failed.isEmpty, "\(path) misses \(failed)")
            }
        }
    }
}
