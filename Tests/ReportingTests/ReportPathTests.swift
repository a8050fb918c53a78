import Expectations
import Foundation
import ScenarioFormat
import Testing
@testable import Reporting

/// One path type for report figures: how a path is split, extended and matched, how a name
/// containing dots is found, and the CSV and catalog walks that use it.
@Suite struct ReportPathTests {
    @Test func segmentsAreKeysAndIndices() {
        let path = ReportPath("brokers.orders.partitions[10].lag.billing.max")
        #expect(path.segments == [.key("brokers"), .key("orders"), .key("partitions"), .index(10), .key("lag"), .key("billing"), .key("max")])
        #expect(ReportPath.root.segments.isEmpty)
        #expect(ReportPath("depthSeries.max[x]").segments == [.key("depthSeries"), .key("max"), .key("[x]")])
        #expect(path.lastComponent == "max")
        #expect(ReportPath("brokers.jobs.depthSeries.max[3]").lastComponent == "max[3]")
        #expect(ReportPath("seed").lastComponent == "seed")
    }

    @Test func appendingSpellsWhatParsingReads() {
        let path = ReportPath.root.appending(key: "brokers").appending(key: "orders").appending(key: "partitions")
            .appending(index: 0).appending(key: "enqueued")
        #expect(path.text == "brokers.orders.partitions[0].enqueued")
        #expect(path == "brokers.orders.partitions[0].enqueued")
        #expect(ReportPath.root.appending(index: 2).text == "[2]")
    }

    @Test func remainderStopsAtSegmentBoundaries() {
        let path = ReportPath("brokers.jobs.depth.max")
        #expect(path.remainder(after: "brokers.jobs") == "depth.max")
        #expect(path.remainder(after: "brokers.job") == nil)
        #expect(path.remainder(after: "brokers.jobs.depth.max") == nil)
        #expect(path.remainder(after: .root) == "brokers.jobs.depth.max")
        #expect(ReportPath("brokers.s.partitions[1].enqueued").remainder(after: "brokers.s.partitions") == "[1].enqueued")
        #expect(ReportPath.firstSegment(of: "[12].lag") == "[12]")
        #expect(ReportPath.firstSegment(of: "groups.billing") == "groups")
        #expect(ReportPath.firstSegment(of: "[12") == "[12")
    }

    @Test func aNameWithDotsIsFoundWhole() {
        let names = ["orders", "orders.eu", "orders.eu.big"]
        #expect(ReportPath.longestName(names, startingAt: "orders.eu.depth.max") == "orders.eu")
        #expect(ReportPath.longestName(names, startingAt: "orders.eu.big") == "orders.eu.big")
        #expect(ReportPath.longestName(names, startingAt: "orders.depth") == "orders")
        #expect(ReportPath.longestName(names, startingAt: "ordersx.depth") == nil)
        #expect(ReportPath("brokers.orders.eu.depth.max").entity(in: "brokers", among: names) == "orders.eu")
        #expect(ReportPath("ledger.destinations.orders.eu.acked").entity(in: "ledger.destinations", among: names) == "orders.eu")
        #expect(ReportPath("consumers.orders.eu.processed").entity(in: "brokers", among: names) == nil)
    }

    @Test func countsOfReasonMapsAreZeroWhenAbsent() {
        #expect(ReportPath("messages.droppedByReason.maxlen").isZeroWhenAbsent)
        #expect(ReportPath("messages.attemptsPerMessage.3+").isZeroWhenAbsent)
        #expect(!ReportPath("messages.dropped").isZeroWhenAbsent)
        #expect(!ReportPath("messages.droppedByReasonX.maxlen").isZeroWhenAbsent)
    }

    /// The CSV walk and the JSON report spell every number the same way: before, CSV read the
    /// JSON back with JSONSerialization, which on Linux turned some 17-digit numbers into
    /// decimals written without an exponent (0.000035958000000000004 for the report's
    /// 3.5958000000000004e-05) and would write them otherwise on macOS.
    @Test func csvWritesNumbersAsTheJSONReportDoes() throws {
        let data = try Data(contentsOf: Repository.root.appendingPathComponent("Reports/ack-modes-under-crash/report.json"))
        let report = try JSONDecoder().decode(Report.self, from: data)
        let csv = try CSVRenderer().render([report])
        #expect(csv.contains("\nack-modes-under-crash,brokers.jobs-auto-ack.latency.endToEnd.min,3.5958000000000004e-05\n"))
        #expect(csv.contains("\nack-modes-under-crash,ledger.balanced,true\n"))
        #expect(csv.contains("\nack-modes-under-crash,simulatedSeconds,300.189911741\n"))
        // Every number row's text is in the JSON report as written.
        let json = String(decoding: data, as: UTF8.self)
        let document = try ReportDocument(report)
        var numbers = 0
        for leaf in document.leaves {
            guard case .number(_, let text) = leaf.value else { continue }
            numbers += 1
            #expect(json.contains(" " + text + ",\n") || json.contains(" " + text + "\n"), "\(leaf.path): \(text)")
            #expect(csv.contains(",\(leaf.path.text),\(text)\n"), "\(leaf.path)")
        }
        #expect(numbers > 100)
    }

    /// The catalog finds a queue whose name contains dots, and a misspelt figure under it
    /// gets a suggestion at the point where the path went wrong.
    @Test func expectationsNameQueuesWithDots() throws {
        let json = """
        {"name": "dots", "seed": 1,
         "brokers": [{"name": "orders.eu"}, {"name": "orders"}],
         "producers": [{"name": "web", "publishTo": "orders.eu", "arrivals": {"constant": {"rate": 1}}, "count": 3}],
         "consumers": [{"name": "w", "consumeFrom": "orders.eu", "service": {"constant": "500ms"}}],
         "expect": ["brokers.orders.eu.depth.max <= 1", "brokers.orders.eu.depht.max <= 1"]}
        """
        var scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
        let catalog = Report.metricCatalog(for: scenario.model)
        #expect(catalog.kind(of: "brokers.orders.eu.depth.max") == .count)
        #expect(catalog.kind(of: "brokers.orders.eu.latency.endToEnd.p99") == .seconds)
        do {
            try scenario.checkExpectations(against: catalog)
            Issue.record("expected an unknown metric")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.message.hasPrefix(
                "unknown metric \"brokers.orders.eu.depht.max\": no numeric field \"depht\" under \"brokers.orders.eu\" (did you mean \"depth\"?); valid there: ") == true)
        }
    }
}
