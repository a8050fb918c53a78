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
            guard case .success(let (scenario, _, _)) = entry else { continue }
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
    /// A row whose queue cannot keep up says so beside its figures, as `mqlab run` would, in
    /// every format: the text under the row, Markdown and HTML in a list under the table, CSV
    /// in the row's `warnings` column.
    @Test func anUnstableRowCarriesItsWarningInEveryFormat() throws {
        let path = Self.root.appendingPathComponent("Scenarios/compare/task-queue.json").path
        let comparison = try Comparison.run(path: path, technologies: [.rabbitmqClassic, .sqsFIFO])
        let warning = "queue \"jobs\" is unstable: its percentiles describe a backlog that grows with the run's length"
        #expect(comparison.results.map(\.warnings) == [[], [warning]])
        let text = comparison.text()
        #expect(text.contains("sqs-fifo:") && text.contains("\n  warning: " + warning + "\n"))
        #expect(text.components(separatedBy: "warning:").count == 2)
        #expect(comparison.markdown().hasSuffix("\n\n### Warnings\n\n- **sqs-fifo**: " + warning + "\n"))
        let csv = comparison.csv().split(separator: "\n").map(String.init)
        #expect(csv[0].hasSuffix(",costPerMonth,reason,warnings"))
        #expect(csv[1].hasPrefix("rabbitmq-classic,") && csv[1].hasSuffix(",,"))
        #expect(csv[2].hasPrefix("sqs-fifo,") && csv[2].hasSuffix(",,\"queue \"\"jobs\"\" is unstable: its percentiles describe a backlog that grows with the run's length\""))
        #expect(comparison.html().contains("<h2>Warnings</h2>\n<ul>\n<li><strong>sqs-fifo</strong>: queue &quot;jobs&quot; is unstable: "
            + "its percentiles describe a backlog that grows with the run&#39;s length</li>\n</ul>\n"))
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

    /// The page overlays each workload queue's backlog over time, one line per technology on
    /// the same axes: a queue's depth, or the lag of the group Kafka made of it; Kafka has no
    /// dead-letter queue, so it is named in that chart's legend but draws nothing there.
    @Test func backlogOverTimeIsOverlaidPerWorkloadQueue() throws {
        let path = Self.root.appendingPathComponent("Scenarios/compare/poison-pills.json").path
        let comparison = try Comparison.run(path: path, technologies: [.rabbitmqQuorum, .kafka, .sqsStandard])
        #expect(comparison.backlogs.map(\.name) == ["orders", "orders-dlq"])
        #expect(comparison.backlogs[0].sources == [.init(broker: "orders", group: nil), .init(broker: "orders", group: "orders"),
                                                   .init(broker: "orders", group: nil)])
        #expect(comparison.backlogs[1].sources == [.init(broker: "orders-dlq", group: nil), nil, .init(broker: "orders-dlq", group: nil)])
        let html = comparison.html()
        #expect(html == comparison.html())
        // The grouped bars stay; one overlay per workload queue follows.
        let charts = html.matches(of: /data-chart="([^"]+)"/).map { String($0.1) }
        #expect(charts == ["compare-latency", "compare-throughput", "compare-backlog", "compare-overlay-1", "compare-overlay-2"])
        func svg(_ id: String) throws -> Substring {
            let start = try #require(html.range(of: "data-chart=\"\(id)\""))
            return html[start.lowerBound..<(html[start.lowerBound...].range(of: "</svg>")?.lowerBound ?? html.endIndex)]
        }
        let orders = try svg("compare-overlay-1"), dlq = try svg("compare-overlay-2")
        #expect(orders.contains("orders: backlog over time by technology") && orders.contains("depth or lag [messages]"))
        // Kafka's blocked partitions drain until the drain timeout: the shared time axis runs in minutes.
        #expect(orders.contains(">simulated time [min]</text>"))
        // One line per technology, in row order and colour: a queue's depth drawn as steps, the lag point to point.
        let lines = orders.matches(of: /<path class="series (c\d)" d="([^"]+)"><title>([^<]+)</).map { (String($0.1), String($0.3), $0.2.contains("L")) }
        #expect(lines.map(\.0) == ["c0", "c1", "c2"])
        #expect(lines.map(\.1) == ["rabbitmq-quorum", "kafka (group lag)", "sqs-standard"])
        #expect(lines.map(\.2) == [false, true, false])
        for name in ["rabbitmq-quorum", "kafka (group lag)", "sqs-standard"] { #expect(orders.contains(">\(name)</text>")) }
        // The dead-letter queue: Kafka keeps its colour in the legend but has no line.
        let dlqLines = dlq.matches(of: /<path class="series (c\d)"/).map { String($0.1) }
        #expect(dlqLines == ["c0", "c2"] && dlq.contains(">kafka (none)</text>"))
        // Kafka's lag series has as many points as the report's samples (short enough not to be downsampled).
        let lag = try #require(comparison.results[1].report?.brokers["orders"]?.groups?["orders"]?.lagOverTime.messages)
        let kafkaPath = try #require(orders.firstMatch(of: /<path class="series c1" d="([^"]+)"/)).1
        #expect(kafkaPath.filter { $0 == "M" || $0 == "L" }.count == lag.count)
    }

    /// A workload stream's group is overlaid under its own name on every technology that keeps it.
    @Test func aStreamGroupIsOverlaidUnderItsName() throws {
        let path = try Self.write("""
        {"name": "<lag & co>", "seed": 3, "duration": "20s", "drainTimeout": "0s",
         "brokers": [{"name": "events", "type": "stream", "partitions": 2}],
         "producers": [{"name": "p", "publishTo": "events", "arrivals": {"poisson": {"rate": 100}}}],
         "consumers": [{"name": "c", "consumeFrom": "events", "group": "g", "instances": 2, "service": {"constant": "5ms"}}]}
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let comparison = try Comparison.run(path: path, technologies: [.kafka, .rabbitmqStream, .sqsStandard])
        #expect(comparison.backlogs.map(\.name) == ["events / g"])
        #expect(comparison.backlogs[0].sources == [.init(broker: "events", group: "g"), .init(broker: "events", group: "g"), nil])
        let html = comparison.html()
        #expect(html.contains("events / g: backlog over time by technology"))
        #expect(html.contains("&lt;lag &amp; co&gt;") && !html.contains("<lag &"))
        #expect(html.matches(of: /<path class="series c\d" d="M[^"]*L/).count == 2)
    }
}

/// Publish instants of a run, in order [ns]: a queue message's publish step, or a stream
/// record's append (a stream stores a record at the instant it is published).
/// The time of each message's send, in send order: its `publish` (queues, topics, exchanges),
/// or for a stream record its `ingress` (waiting for a partition's capacity) or else `append`.
final class PublishTimes: @unchecked Sendable {
    private(set) var values: [Int64] = []
    private var seen: Set<UInt64> = []
    func offer(_ entry: TraceEntry) {
        guard ["publish", "ingress", "append"].contains(entry.kind), seen.insert(entry.messageID).inserted else { return }
        values.append(entry.time.nanoseconds)
    }
}
