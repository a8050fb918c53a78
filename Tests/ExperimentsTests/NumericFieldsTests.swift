import Expectations
import Foundation
import Testing
@testable import Experiments
import ScenarioFormat

/// The numeric leaves of a report, and how estimates are written.
struct ReportFieldsTests {
    @Test func fieldsAreTheJSONReportsNumbersByPath() throws {
        let scenario = try ReplicationTests.queue(rate: 1.8, instances: 3, count: 200, seed: 4)
        let report = Runner.run(scenario).report
        let fields = try NumericFields(report)
        #expect(fields["latency.queueWait.mean"] == report.latency.queueWait.mean)
        #expect(fields["messages.published"] == 200)
        #expect(fields["seed"] == nil)                                     // not summarized
        #expect(fields["brokers.jobs.depthSeries.max[0]"] != nil)          // arrays as [i]
        #expect(!fields.values.contains { $0.path.text.hasSuffix(".stable") })  // booleans left out
        #expect(fields.values.map(\.path) == fields.values.map(\.path).sorted())
        // Exact doubles: the report's own JSON, read back, has the same bits.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect((json?["simulatedSeconds"] as? Double).map { abs($0 - (fields["simulatedSeconds"] ?? 0)) < 1e-12 } == true)
    }

    /// A witness watches the queue its metric names, found whole when the name has dots
    /// (before, `brokers.orders.eu.depth.max` watched a queue "orders").
    @Test func witnessesWatchTheQueueTheMetricNames() {
        let names = ["orders", "orders.eu"]
        #expect(Witness.queueName(in: "brokers.orders.eu.depth.max", names: names) == "orders.eu")
        #expect(Witness.queueName(in: "brokers.orders.depth.max", names: names) == "orders")
        #expect(Witness.queueName(in: "ledger.destinations.orders.eu.deadLettered", names: names) == "orders.eu")
        #expect(Witness.queueName(in: "brokers.events.groups.g.lag.max", names: names) == "events")   // a stream: its key
        #expect(Witness.queueName(in: "brokers.orders", names: names) == nil)
        #expect(Witness.queueName(in: "latency.endToEnd.p99", names: names) == nil)
    }

    @Test func summaryFindsEveryFieldByPath() {
        let paths = (0..<50).map { ReportPath("f\($0)") }
        let summary = ReplicationSummary([NumericFields(values: paths.enumerated().map { ($1, Double($0)) })])
        for (index, path) in paths.enumerated() { #expect(summary[path]?.mean == Double(index)) }
        #expect(summary["f"] == nil && summary["g"] == nil && summary["a"] == nil)
        #expect(summary.mean(of: "messages.lostByReason.crash") == 0 && summary.mean(of: "messages.lost") == nil)
    }

    @Test func summaryCountsFieldsSomeReplicationsLack() {
        let summary = ReplicationSummary([NumericFields(values: [("a", 1), ("b", 5)]), NumericFields(values: [("a", 3)])])
        #expect(summary["a"]?.mean == 2 && summary["a"]?.count == 2)
        #expect(summary["b"]?.count == 1 && summary["b"]?.halfWidth == nil)
        #expect(summary.fields.map(\.path) == ["a", "b"])
    }

    @Test(arguments: [
        ("latency.endToEnd.p99", 0.2761, 0.0131, "276 ± 13 ms"),
        ("throughput.ackedPerSecond", 80.2034, 0.2012, "80.20 ± 0.20/s"),
        ("consumers.w.utilization", 0.80134, 0.0031, "80.13% ± 0.31%"),
        ("messages.published", 48116.2, 144.4, "48116 ± 144"),
        ("brokers.q.depth.mean", 2.4012, 0.1093, "2.40 ± 0.11"),
        ("latency.queueWait.mean", 0.00042, 0.00003, "420 ± 30 µs"),
        // Kinds the report document always had and this text lacked before they shared
        // `MetricKind(path:)`: a summary's count is a count, other summaries are durations.
        ("latency.endToEnd.count", 48116.2, 144.4, "48116 ± 144"),
        ("requestReply.roundTrip.p99", 0.2761, 0.0131, "276 ± 13 ms"),
        ("brokers.s.groups.g.lagSeconds.max", 1.52, 0.21, "1.52 ± 0.21 s"),
        ("consumers.w.rateLimit.rate", 20, 0, "20 ± 0/s"),
    ])
    func intervalsAreWrittenToTheirPrecision(path: String, mean: Double, halfWidth: Double, expected: String) {
        #expect(IntervalText.text(mean: mean, halfWidth: halfWidth, path: path) == expected)
    }
}
