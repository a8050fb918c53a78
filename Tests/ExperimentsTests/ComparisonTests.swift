import Foundation
import MessagingModels
import Testing
import Technologies
@testable import Experiments

/// `mqlab compare` in the library: every row runs the same workload on common random numbers,
/// rows that cannot run say why, and a technology's structure shows in its figures.
@Suite struct ComparisonTests {
    static let root = Repository.root

    static func write(_ json: String) throws -> String {
        try TemporaryFiles.file(json, prefix: "mqlab-compare")
    }

    /// Common random numbers: the producers publish at the same instants on every row,
    /// whatever the broker does with the messages afterwards.
    @Test func everyRowPublishesAtTheSameInstants() throws {
        let path = Self.root.appendingPathComponent("Scenarios/compare/task-queue.json").path
        let (_, prepared) = try Comparison.prepare(path: path, technologies: Technology.allCases)
        var publishTimes: [[Int64]] = []
        for (technology, entry) in prepared {
            guard case .success(let (scenario, _)) = entry else { continue }
            var short = scenario
            short.model.maxEvents = 20_000
            let times = PublishTimes()
            _ = Runner.run(short) { $0.trace = { times.offer($0) } }
            #expect(times.values.count >= 200, "\(technology)")
            publishTimes.append(Array(times.values.prefix(200)))
        }
        #expect(publishTimes.count >= 8)
        #expect(Set(publishTimes).count == 1)
    }

    /// A Kafka group's parallelism is its partition count: 4 consumers on 2 partitions process
    /// at most 2 records at a time (2 × 100/s here), while a queue's 4 workers share the load.
    /// A row whose queue cannot keep up says so beside its figures, as `mqlab run` would.
    @Test func anUnstableRowCarriesItsWarning() throws {
        let path = Self.root.appendingPathComponent("Scenarios/compare/task-queue.json").path
        let comparison = try Comparison.run(path: path, technologies: [.rabbitmqClassic, .sqsFIFO])
        let text = comparison.text()
        #expect(text.contains("sqs-fifo:") && text.contains("warning: queue \"jobs\" is unstable: its percentiles describe a backlog"))
        #expect(text.components(separatedBy: "warning:").count == 2)
    }

    @Test func kafkaParallelismIsCappedAtThePartitions() throws {
        let path = try Self.write("""
        {"name": "capped", "seed": 3, "duration": "40s", "drainTimeout": "0s",
         "brokers": [{"name": "events", "type": "stream", "partitions": 2}],
         "producers": [{"name": "p", "publishTo": "events", "arrivals": {"poisson": {"rate": 300}}}],
         "consumers": [{"name": "c", "consumeFrom": "events", "group": "g", "instances": 4, "service": {"constant": "10ms"}}]}
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let comparison = try Comparison.run(path: path, technologies: [.kafka])
        let summary = try #require(comparison.results.first?.summary)
        #expect(summary.throughput <= 201 && summary.throughput > 150)
        #expect(summary.maxBacklog > 2_000)
    }

    /// Interview Q5 on two technologies: SQS dead-letters each poison order after its receives
    /// and the queue stays short; on Kafka a poison record blocks its partition, so nothing is
    /// dead-lettered and the group's lag grows behind it.
    @Test func aPoisonRecordBlocksItsKafkaPartitionWhileSQSDeadLettersIt() throws {
        let path = Self.root.appendingPathComponent("Scenarios/compare/poison-pills.json").path
        let comparison = try Comparison.run(path: path, technologies: [.sqsStandard, .kafka])
        let sqs = try #require(comparison.results[0].summary)
        let kafka = try #require(comparison.results[1].summary)
        #expect(sqs.deadLettered > 20 && sqs.maxBacklog < 200)
        #expect(kafka.deadLettered == 0 && kafka.maxBacklog > 2_000)
        let workers = try #require(comparison.results[1].report?.consumers["workers"])
        #expect(workers.failed > 1_000 && workers.processed < 1_000)
    }

    @Test func rowsThatCannotRunSayWhyAndTheRestCarryTheirFigures() throws {
        let path = Self.root.appendingPathComponent("Scenarios/compare/notification-fanout.json").path
        let comparison = try Comparison.run(path: path, technologies: [.sns, .azureStorageQueue, .rabbitmqClassic])
        #expect(comparison.results.map(\.technology) == ["sns", "azure-storage-queue", "rabbitmq-classic"])
        let storage = comparison.results[1]
        #expect(!storage.supported && storage.reason?.contains("no fan-out") == true && storage.report == nil)
        let sns = comparison.results[0]
        #expect(sns.supported && sns.report?.brokers["notifications"]?.technology == "sns")
        // SNS is billed per publish and per delivery to SQS, besides the SQS calls.
        let items = try #require(sns.cost?.items.map(\.item))
        #expect(items.contains("publishes") && items.contains("deliveries to sqs"))
        #expect(comparison.results[2].mapping.contains { $0.contains("fanout exchange") })
        // Every format names every row.
        for text in [comparison.text(), comparison.markdown(), comparison.csv(), try comparison.json()] {
            for technology in ["sns", "azure-storage-queue", "rabbitmq-classic"] { #expect(text.contains(technology)) }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try comparison.json().utf8)) as? [String: Any])
        let rows = try #require(json["results"] as? [[String: Any]])
        #expect(json["scenario"] as? String == "compare-notification-fanout")
        #expect(rows.allSatisfy { $0["technology"] != nil && $0["supported"] != nil && $0["mapping"] != nil })
        #expect(rows[1]["reason"] as? String == storage.reason)

        // The HTML page: self-contained, one chart per figure, the unsupported row marked.
        let html = comparison.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("src="))
        for chart in ["compare-latency", "compare-throughput", "compare-backlog"] { #expect(html.contains("data-chart=\"\(chart)\"")) }
        #expect(html.contains("<td colspan=\"11\" style=\"text-align:left\">not supported</td>"))
    }
}

/// Publish instants of a run, in order [ns]: a queue message's publish step, or a stream
/// record's append (a stream stores a record at the instant it is published).
final class PublishTimes: @unchecked Sendable {
    private(set) var values: [Int64] = []
    func offer(_ entry: TraceEntry) {
        if entry.kind == "publish" || entry.kind == "append" { values.append(entry.time.nanoseconds) }
    }
}
