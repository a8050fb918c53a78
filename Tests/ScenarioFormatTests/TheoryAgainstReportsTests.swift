import Foundation
import Testing
import ScenarioFormat
import MessagingModels
import QueueingTheory

/// The bundled scenarios that a closed-form model describes: the simulated figures in their
/// committed reports (Reports/<scenario>/report.json, which the end-to-end test keeps identical
/// to what the binary prints) lie within a stated tolerance of theory.
///
/// Tolerances are three standard errors of the run's mean wait. Waits in one run are strongly
/// autocorrelated, so the standard error is not stddev/√n: for M/M/1 the asymptotic variance of
/// the mean of n waits is ρ(2 + 5ρ − 4ρ² + ρ³) / (μ²(1 − ρ)⁴ n), i.e. a relative standard error
/// of √((2 + 5ρ − 4ρ² + ρ³)/(ρ n)) / (1 − ρ) — about 8% for 18,000 waits at ρ = 0.8. With c > 1
/// servers at the same utilization the waits are less correlated, so the M/M/1 figure bounds
/// it. End-to-end adds the (well-estimated) service mean, which shrinks the relative error by
/// Wq / W.
/// - Note: Source: W. Whitt, "Planning queueing simulations", Management Science 35(11), 1989
///   (asymptotic variance of the M/M/1 waiting-time mean).
@Suite struct TheoryAgainstReportsTests {
    struct Entry: Sendable, CustomStringConvertible {
        var scenario: String
        var queue: String
        var model: String
        var description: String { "\(scenario) \(queue)" }
    }

    static let entries: [Entry] = [
        Entry(scenario: "task-queue", queue: "jobs", model: "M/M/c"),
        Entry(scenario: "competing-consumers", queue: "jobs-enough", model: "M/M/c"),
        Entry(scenario: "fifo-message-groups", queue: "payments-no-groups", model: "M/M/c"),
        Entry(scenario: "priority-starvation", queue: "batch-q", model: "M/M/1"),
    ]

    static let root = Repository.root

    @Test(arguments: entries)
    func simulatedFiguresLieWithinToleranceOfTheory(_ e: Entry) throws {
        let scenario = try Scenario.load(path: Self.root.appendingPathComponent("Scenarios/\(e.scenario).json").path)
        let index = try #require(scenario.model.queues.firstIndex { $0.name == e.queue })
        let prediction = try #require(scenario.model.theory(for: QueueID(index)).prediction)
        #expect(prediction.model == e.model)
        #expect(prediction.stable)
        let data = try Data(contentsOf: Self.root.appendingPathComponent("Reports/\(e.scenario)/report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let broker = try #require((report["brokers"] as? [String: Any])?[e.queue] as? [String: Any])
        let latency = try #require(broker["latency"] as? [String: Any])
        // The report carries the same prediction (brokers.<queue>.theory).
        let reported = try #require(broker["theory"] as? [String: Any])
        let reportedWait = try #require((reported["queueWait"] as? [String: Any])?["mean"] as? Double)
        #expect((reported["model"] as? String)?.hasPrefix(String(e.model.dropLast())) == true)
        let wait = try #require((latency["queueWait"] as? [String: Any])?["mean"] as? Double)
        let endToEnd = try #require((latency["endToEnd"] as? [String: Any])?["mean"] as? Double)
        let theoryWait = try #require(prediction.queueWait.mean)
        #expect(abs(reportedWait - theoryWait) < 1e-12 * reportedWait)
        let theoryEndToEnd = try #require(prediction.endToEnd.mean)
        let n = try #require((latency["queueWait"] as? [String: Any])?["count"] as? Int)
        let rho = prediction.utilization
        let relativeError = (2 + 5 * rho - 4 * rho * rho + rho * rho * rho).squareRoot() / (rho * Double(n)).squareRoot() / (1 - rho)
        let waitTolerance = 3 * relativeError
        #expect(abs(wait - theoryWait) / theoryWait < waitTolerance, "queueWait \(wait) vs \(theoryWait)")
        #expect(abs(endToEnd - theoryEndToEnd) / theoryEndToEnd < waitTolerance * theoryWait / theoryEndToEnd,
                "endToEnd \(endToEnd) vs \(theoryEndToEnd)")
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
