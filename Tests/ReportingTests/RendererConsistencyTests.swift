import Foundation
import Testing
import ScenarioFormat
import MessagingModels
@testable import Reporting

/// The text and Markdown reports show the same figures: every number one prints, the other
/// prints too (formatted by the same `Formatting` functions, so the same figure is the same
/// string).
@Suite struct RendererConsistencyTests {
    static let scenarios = Repository.scenarios

    /// The report of a bundled scenario.
    static func report(_ name: String) throws -> Report {
        let scenario = try Scenario.load(path: scenarios.appendingPathComponent(name + ".json").path)
        var simulation = Simulation(model: scenario.model)
        return Report(result: simulation.run(), description: scenario.description,
                      inputWarnings: scenario.warnings.map { ReportWarning(code: $0.code, path: $0.path, message: $0.message) })
    }

    /// Every figure in `text`: digits with their thousands separators and decimals ("9,679",
    /// "21.1", "0"); digits inside a word ("e2e", "p99") are labels, not figures.
    static func figures(_ text: String) -> Set<String> {
        var result: Set<String> = []
        var current = ""
        var inWord = false
        func flush() {
            let token = current.trimmingCharacters(in: CharacterSet(charactersIn: ",."))
            if !token.isEmpty && !inWord { result.insert(token) }
            current = ""
        }
        for ch in text {
            if ch.isASCII && ch.isNumber || (!current.isEmpty && (ch == "," || ch == ".")) {
                current.append(ch)
            } else {
                if ch.isLetter && !current.isEmpty { inWord = true }
                flush()
                inWord = ch.isLetter
            }
        }
        flush()
        return result
    }

    /// Scenarios that between them use every section: streams, ordering and resequencing,
    /// rate limits and capacities, circuit breakers and autoscaling, request-reply, priorities,
    /// warnings and several lanes.
    @Test(arguments: ["ordering-fifo-vs-parallel", "circuit-breaker", "autoscaling", "rate-limited-task-queue",
                      "backpressure", "resequencing", "kafka-consumer-group", "request-reply", "priority-starvation",
                      "idempotent-consumer", "traffic-shaping", "nack-requeue-loop"])
    func textAndMarkdownShowTheSameFigures(scenario: String) throws {
        try Self.expectSameFigures(Self.report(scenario))
    }

    /// Every bundled report, read back from `Reports/<scenario>/report.json` (which the
    /// end-to-end test keeps identical to a fresh run).
    @Test func everyBundledReportShowsTheSameFiguresInTextAndMarkdown() throws {
        let folder = Self.scenarios.deletingLastPathComponent().appendingPathComponent("Reports")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("report.json").path)
        }.sorted()
        #expect(names.count >= 32)
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name).appendingPathComponent("report.json"))
            try Self.expectSameFigures(JSONDecoder().decode(Report.self, from: data), name: name)
        }
    }

    static func expectSameFigures(_ report: Report, name: String = "") throws {
        let text = try TextRenderer().render([report])
        let markdown = try MarkdownRenderer().render([report])
        let textFigures = figures(text), markdownFigures = figures(markdown)
        #expect(textFigures.subtracting(markdownFigures).sorted() == [], "only in text \(name)")
        #expect(markdownFigures.subtracting(textFigures).sorted() == [], "only in Markdown \(name)")
    }
}
