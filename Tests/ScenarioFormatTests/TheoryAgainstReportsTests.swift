import Foundation
import Testing
import ScenarioFormat
import MessagingModels
import QueueingTheory

/// The bundled scenarios that a closed-form model describes: the simulated figures in their
/// committed reports (Reports/<scenario>/report.json, which the end-to-end test keeps identical
/// to what the binary prints) lie within a stated tolerance of theory.
///
/// Tolerances are relative and sized to one seeded run: the standard error of a mean wait
/// over n messages at utilization ρ is roughly Wq·√(2/((1 − ρ)·n)) and more near ρ = 1, so a
/// run of ~20,000–46,000 messages at ρ ≤ 0.8 gets 10%, and priority-starvation's batch lane
/// (751 measured messages at ρ = 0.875) 25%. End-to-end adds the (well-estimated) service
/// mean, so its tolerance is tighter.
@Suite struct TheoryAgainstReportsTests {
    struct Entry: Sendable, CustomStringConvertible {
        var scenario: String
        var queue: String
        var model: String
        var waitTolerance: Double
        var endToEndTolerance: Double
        var description: String { "\(scenario) \(queue)" }
    }

    static let entries: [Entry] = [
        Entry(scenario: "task-queue", queue: "jobs", model: "M/M/c", waitTolerance: 0.10, endToEndTolerance: 0.05),
        Entry(scenario: "competing-consumers", queue: "jobs-enough", model: "M/M/c", waitTolerance: 0.10, endToEndTolerance: 0.05),
        Entry(scenario: "fifo-message-groups", queue: "payments-no-groups", model: "M/M/c", waitTolerance: 0.10, endToEndTolerance: 0.05),
        Entry(scenario: "priority-starvation", queue: "batch-q", model: "M/M/1", waitTolerance: 0.25, endToEndTolerance: 0.20),
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: entries)
    func simulatedFiguresLieWithinToleranceOfTheory(_ e: Entry) throws {
        let scenario = try Scenario.load(path: Self.root.appendingPathComponent("Scenarios/\(e.scenario).json").path)
        let index = try #require(scenario.model.queues.firstIndex { $0.name == e.queue })
        let prediction = try #require(scenario.model.theory(for: QueueID(index)).prediction)
        #expect(prediction.model == e.model)
        #expect(prediction.stable)
        let data = try Data(contentsOf: Self.root.appendingPathComponent("Reports/\(e.scenario)/report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let latency = try #require(((report["brokers"] as? [String: Any])?[e.queue] as? [String: Any])?["latency"] as? [String: Any])
        let wait = try #require((latency["queueWait"] as? [String: Any])?["mean"] as? Double)
        let endToEnd = try #require((latency["endToEnd"] as? [String: Any])?["mean"] as? Double)
        let theoryWait = try #require(prediction.queueWait.mean)
        let theoryEndToEnd = try #require(prediction.endToEnd.mean)
        #expect(abs(wait - theoryWait) / theoryWait < e.waitTolerance, "queueWait \(wait) vs \(theoryWait)")
        #expect(abs(endToEnd - theoryEndToEnd) / theoryEndToEnd < e.endToEndTolerance, "endToEnd \(endToEnd) vs \(theoryEndToEnd)")
    }

    /// The scenario whose queue is overloaded gets `stable: false`, and its measured wait is far
    /// above anything a steady state would give: it grows with the run.
    @Test func overloadedQueueIsUnstable() throws {
        let scenario = try Scenario.load(path: Self.root.appendingPathComponent("Scenarios/competing-consumers.json").path)
        let index = try #require(scenario.model.queues.firstIndex { $0.name == "jobs-too-few" })
        let prediction = try #require(scenario.model.theory(for: QueueID(index)).prediction)
        #expect(!prediction.stable)
        #expect(abs(prediction.utilization - 1.5) < 1e-9)
        #expect(prediction.queueWait.mean == nil)
    }
}
