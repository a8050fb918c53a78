import Expectations
import Foundation
import ScenarioFormat

/// An interview-practice exercise: a folder `Scenarios/exercises/<id>/` holding
/// `exercise.json` (the question, requirements in plain words, objectives as report
/// expectations, concepts, tiered hints, the seeds a check runs on), a flawed `starter.json`
/// and model solutions (`solution.json`, `solution-<variant>.json`).
public struct Exercise: Sendable {
    public var id: String
    public var title: String
    /// The question as an interviewer would ask it.
    public var question: String
    /// The requirements in plain words; the objectives are their measurable form.
    public var requirements: [String]
    public var objectives: [Objective]
    public var concepts: [String]
    /// Hints from level 1 (a question to think about) to the last (the keys to write).
    public var hints: [Hint]
    /// The seeds a check runs the user's scenario on (each a full run).
    public var seeds: [UInt64]
    /// What the exercise does not force, or alternatives that also pass.
    public var notes: String?
    /// The exercise's folder, and in it the starter and the model solutions (sorted by name).
    public var folder: URL
    public var starter: URL { folder.appendingPathComponent("starter.json") }
    public var solutions: [URL]

    /// One requirement as a report expectation (`"latency.queueWait.p99 < 1s"`) with why.
    public struct Objective: Sendable {
        public var expectation: MetricExpectation
        /// The expectation as written in `exercise.json`.
        public var text: String
        public var because: String
    }

    public struct Hint: Sendable, Decodable {
        public var level: Int
        public var text: String
    }

    /// The exercise in `folder` (which holds `exercise.json`).
    /// - Throws: `ScenarioErrors` naming `exercise.json` and the JSON path of what is wrong.
    public static func load(folder: URL) throws(ScenarioErrors) -> Exercise {
        let file = folder.appendingPathComponent("exercise.json")
        struct Document: Decodable {
            struct Objective: Decodable { var expect: String; var because: String }
            var id: String
            var title: String
            var question: String
            var requirements: [String]
            var objectives: [Objective]
            var concepts: [String]
            var hints: [Hint]
            var seeds: [UInt64]
            var notes: String?
        }
        let data: Data
        let document: Document
        do {
            data = try Data(contentsOf: file)
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw ScenarioErrors([ScenarioError(file: file.path, path: Self.path(of: error), message: Self.message(of: error))])
        } catch {
            throw ScenarioErrors([ScenarioError(file: file.path, path: "$", message: "cannot read the exercise: \(error.localizedDescription)")])
        }
        // The objectives are expectations in their short string form: read them with the
        // scenario reader, so they follow the `expect` key's syntax and units exactly.
        let strings = try? JSONSerialization.data(withJSONObject: document.objectives.map(\.expect))
        let expectations = try Scenario.readExpectations(strings ?? Data("[]".utf8), file: file.path, path: "$.objectives")
        let objectives = zip(expectations, document.objectives).map { expectation, objective in
            var expectation = expectation
            expectation.because = objective.because
            return Objective(expectation: expectation, text: objective.expect, because: objective.because)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let solutions = names.filter { $0 == "solution.json" || ($0.hasPrefix("solution-") && $0.hasSuffix(".json")) }
            .sorted().map { folder.appendingPathComponent($0) }
        return Exercise(id: document.id, title: document.title, question: document.question,
                        requirements: document.requirements, objectives: objectives, concepts: document.concepts,
                        hints: document.hints.sorted { $0.level < $1.level }, seeds: document.seeds,
                        notes: document.notes, folder: folder, solutions: solutions)
    }

    /// The ids of the exercises under `root` (folders holding an `exercise.json`), sorted.
    public static func ids(in root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("exercise.json").path)
        }.sorted()
    }

    private static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        case .keyNotFound(let key, let c): return JSONPath.render(c.codingPath + [key])
        @unknown default: return "$"
        }
        return JSONPath.render(context.codingPath)
    }

    private static func message(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing key \"\(key.stringValue)\""
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "expected \(type), found null"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "invalid exercise"
        }
    }
}

/// `$.a[0].b` from a decoder's coding path.
enum JSONPath {
    static func render(_ keys: [any CodingKey]) -> String {
        keys.reduce("$") { path, key in key.intValue.map { "\(path)[\($0)]" } ?? "\(path).\(key.stringValue)" }
    }
}
