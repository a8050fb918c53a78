import Expectations
import Testing
@testable import Experiments

/// The text and Markdown of `mqlab run --replications`: a label is never cut, and a queue
/// whose name contains a dot has its rows like any other.
@Suite struct ReplicationOutputTests {
    /// Two replications with the same values (half-width 0): a queue `jobs-enough` with its
    /// theory, a queue `orders.eu` with only its depth.
    static let replications: [NumericFields] = Array(repeating: NumericFields(values: [
        (ReportPath("brokers.jobs-enough.depth.mean"), 2), (ReportPath("brokers.jobs-enough.depth.max"), 5),
        (ReportPath("brokers.jobs-enough.latency.queueWait.mean"), 0.025),
        (ReportPath("brokers.jobs-enough.theory.utilization"), 0.5),
        (ReportPath("brokers.jobs-enough.theory.queueWait.mean"), 0.025),
        (ReportPath("brokers.orders.eu.depth.mean"), 1), (ReportPath("brokers.orders.eu.depth.max"), 3),
        (ReportPath("messages.published"), 10),
    ]), count: 2)

    @Test func textKeepsLongAndDottedNamesWhole() throws {
        let text = try ReplicationOutput(scenario: "s", seeds: [1, 2], format: .text).render(Self.replications)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).map(String.init)
        #expect(lines == [
            "published                    10 ± 0",
            "jobs-enough depth mean       2 ± 0",
            "jobs-enough depth max        5 ± 0",
            "orders.eu depth mean         1 ± 0",
            "orders.eu depth max          3 ± 0",
            "",
            "theory (steady state) against the 95% interval",
            "  jobs-enough queue wait mean  theory 25 ms · simulated 25 ± 0 ms · inside",
            "",
            "every numeric field of the report: --format json or csv",
            "",
        ])
    }

    @Test func markdownKeepsDottedNamesWhole() throws {
        let markdown = try ReplicationOutput(scenario: "s", seeds: [1, 2], format: .markdown).render(Self.replications)
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines.contains("| orders.eu depth mean | 1 ± 0 | 1 | 1 |"))
        #expect(lines.contains("| orders.eu depth max | 3 ± 0 | 3 | 3 |"))
        #expect(lines.contains("| jobs-enough queue wait mean | 25 ms | 25 ± 0 ms | yes |"))
    }
}
