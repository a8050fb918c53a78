import Foundation
import Testing

/// The bundled interview exercises are well formed: every `exercise.json` has the fields the
/// `mqlab exercise` commands will read, every starter and solution is a valid scenario
/// without `expect` keys, and `mqlab exercise check` passes every model solution on every
/// seed of its exercise and fails every starter, naming the objective and a witness.
@Suite struct ExerciseContentTests {
    static let folder = CLIRunner.repositoryRoot.appendingPathComponent("Scenarios/exercises")

    static var ids: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// `"path op value"` → the report's field path, the operator and the threshold in report
    /// units (durations in seconds): checks that every objective has the short form.
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

    @Test func thereAreTwelveExercisesCoveringTheInterviewQuestions() {
        #expect(Self.ids == ["delivery-guarantees", "double-charges", "kafka-or-rabbitmq", "lag-autoscaling", "notification-fanout", "paid-priority",
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

        // `mqlab exercise check` grades every file on the exercise's seeds: every solution
        // meets every objective on each of them; the starter misses one, and the verdict says
        // which, with its measured values and (when one message can show it) a witness.
        for path in paths {
            let outcome = try CLIRunner.run(["exercise", "check", id, path, "--format", "json"])
            let verdict = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
                                       "\(path): \(outcome.stderr)")
            #expect((verdict["seeds"] as? [Int]) == (exercise["seeds"] as? [Int]), "\(path)")
            let results = (verdict["objectives"] as? [[String: Any]]) ?? []
            #expect(results.count == objectives.count)
            #expect(results.allSatisfy { ($0["measured"] as? [Any])?.count == (exercise["seeds"] as? [Int])?.count })
            let failed = results.filter { $0["passed"] as? Bool == false }
            if path.hasSuffix("/starter.json") {
                #expect(outcome.exitCode == 1, "\(path): \(outcome.stderr)")
                #expect(!failed.isEmpty, "\(path): the starter meets every objective")
                #expect(verdict["concepts"] != nil && verdict["nextHint"] as? Int == 1)
                // Ordering violations need a pair of messages and their keys: no one message shows them.
                let witnessable = failed.contains { !(($0["expect"] as? String) ?? "").contains("ordering") }
                if witnessable {
                    let witness = try #require(verdict["witness"] as? [String: Any], "\(path): no witness")
                    let message = try #require(witness["message"] as? Int)
                    #expect((witness["summary"] as? String)?.hasPrefix("m\(message)") == true)
                    #expect(((witness["journey"] as? [[String: Any]]) ?? []).first?["event"] as? String == "publish")
                }
            } else {
                #expect(outcome.exitCode == 0, "\(path) misses \(failed.map { $0["expect"] ?? "" }): \(outcome.stderr)")
                #expect(verdict["witness"] == nil)
            }
        }
    }
}
