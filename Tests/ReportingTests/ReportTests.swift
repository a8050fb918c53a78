import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

@Suite struct ReportTests {
    /// A tiny deterministic run: 10 messages, constant 1 s apart, constant 0.5 s service.
    static func smallReport(consumers: Int = 1, drainTimeout: Double = 3600) -> Report {
        let model = SystemModel(
            name: "small", seed: 1, drainTimeout: SimDuration(seconds: drainTimeout),
            queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1), count: 10)],
            consumers: (0..<consumers).map { ConsumerConfiguration(name: "c\($0)", source: QueueID(0), service: .constant(0.5)) })
        return TestModels.report(model, description: "ten messages")
    }

    @Test func figuresOfAnExactRun() {
        let r = Self.smallReport()
        // Publishes at 1…10 s, each processed at once for 0.5 s: the run ends at 10.5 s.
        #expect(r.simulatedSeconds == 10.5)
        #expect(r.messages.published == 10 && r.messages.acked == 10 && r.messages.remaining == 0)
        #expect(r.ledger.balanced)
        #expect(r.ledger.destinations["q"] == Report.LedgerEntry(
            kind: "queue", entered: 10, acked: 10, deadLettered: 0, expired: 0, dropped: 0, lost: 0, remaining: 0, balanced: true))
        #expect(r.latency.queueWait.mean == 0 && r.latency.queueWait.max == 0)
        #expect(r.latency.processing.p50 == 0.5 && r.latency.endToEnd.p999 == 0.5)
        #expect(r.latency.endToEnd.stddev == 0)
        // 10 publishes over the 10 s from 0 to the last publish; 10 acks by 10.5 s.
        #expect(r.throughput.publishedPerSecond == 1)
        #expect(abs(r.throughput.ackedPerSecond - 10 / 10.5) < 1e-12)
        // Busy 5 s of 10.5 s.
        #expect(abs((r.consumers["c0"]?.utilization ?? 0) - 5 / 10.5) < 1e-12)
        #expect(r.brokers["q"]?.depth == Report.Depth(mean: 0, max: 0, final: 0))
        #expect(r.brokers["q"]?.latency == r.latency)
    }

    @Test func emptyLatencyEncodesExplicitNulls() throws {
        var r = Self.smallReport()
        r.latency.endToEnd = LatencyStatistics(LatencyHistogram())
        let json = try JSONRenderer().render([r])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let endToEnd = try #require((object["latency"] as? [String: Any])?["endToEnd"] as? [String: Any])
        #expect(endToEnd["count"] as? Int == 0)
        #expect(endToEnd["p99"] is NSNull)
        #expect(endToEnd.keys.sorted() == ["count", "max", "mean", "min", "p50", "p95", "p99", "p999", "stddev"])
    }

    @Test func jsonRoundTripsAndSeveralReportsAreWrapped() throws {
        let r = Self.smallReport()
        let one = try JSONRenderer().render([r])
        #expect(try JSONDecoder().decode(Report.self, from: Data(one.utf8)) == r)
        let two = try JSONRenderer().render([r, r])
        let wrapped = try JSONDecoder().decode([String: [Report]].self, from: Data(two.utf8))
        #expect(wrapped["reports"]?.count == 2)
    }

    @Test func textReportShowsTheLedgerEquationAndUnits() throws {
        let text = try TextRenderer().render([Self.smallReport()])
        #expect(text.hasPrefix("small\n  ten messages\n"))
        #expect(text.contains("q (queue): entered 10 = acked 10 + remaining 0"))
        #expect(text.contains("Ledger: balanced"))
        #expect(text.contains("  processing          10    500 ms    500 ms"))
        #expect(text.contains("c0                 ×1 · processed 10 · utilization 47.6%"))
    }

    @Test func csvHasOneRowPerLeafWithDottedPaths() throws {
        let csv = try CSVRenderer().render([Self.smallReport()])
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "scenario,metric,value")
        #expect(lines.contains("small,latency.processing.p50,0.5"))
        #expect(lines.contains("small,ledger.balanced,true"))
        #expect(lines.contains("small,messages.published,10"))
        #expect(lines.contains("small,brokers.q.depth.max,0"))
    }

    @Test func markdownHasTables() throws {
        let md = try MarkdownRenderer().render([Self.smallReport()])
        #expect(md.hasPrefix("## small\n"))
        #expect(md.contains("| published | 10 |"))
        #expect(md.contains("| q | queue | 10 | 0.00 | 0 | 0 |"))
    }

    @Test func unbalancedLedgerIsFlagged() throws {
        var r = Self.smallReport()
        r.ledger.destinations["q"]?.acked = 9
        r.ledger.destinations["q"]?.balanced = false
        r.ledger.balanced = false
        let text = try TextRenderer().render([r])
        #expect(text.contains("Ledger: NOT BALANCED"))
        #expect(text.contains("✗"))
    }
}

@Suite struct FormattingTests {
    @Test(arguments: [
        (0.0, "0"), (0.00085, "850 µs"), (0.0402, "40.2 ms"), (0.5, "500 ms"), (1.234, "1.23 s"),
        (45.0, "45.0 s"), (150.0, "2.50 min"), (7200.0, "2.00 h"),
    ])
    func durations(_ seconds: Double, _ text: String) {
        #expect(Formatting.duration(seconds) == text)
    }

    @Test func countsAndWrapping() {
        #expect(Formatting.count(48012) == "48,012")
        #expect(Formatting.count(999) == "999")
        #expect(Formatting.count(-1234567) == "-1,234,567")
        #expect(Formatting.wrap("aa bb cc dd", width: 5) == ["aa bb", "cc dd"])
        #expect(Formatting.duration(nil) == "–")
    }
}
