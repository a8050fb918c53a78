import Foundation
import Reporting
import Testing
import Technologies
@testable import Experiments

/// `Comparison.Row.keepsUp`: streams are judged by the records their groups process (their
/// acks are offset commits), and a saturated broker ingress counts as falling behind.
@Suite struct KeepsUpTests {
    /// 40,000 events/s for 5 s: RabbitMQ classic (about 38,000/s) and quorum (about 10,000/s)
    /// queues cannot store them as fast as they come; Kafka, RabbitMQ streams and Redis
    /// Streams take them with room to spare, although the streams commit (ack) only every 5 s.
    /// 40,000 clicks/s through one Service Bus queue spend about 80,000 credits/s (a send and
    /// a receive each), 80 times a Standard namespace's 1,000: the row keeps up in the model
    /// (which does not throttle) and says it is optimistic.
    @Test func aServiceBusRowOverTheNamespacesCreditsSaysItIsOptimistic() throws {
        let path = Repository.root.appendingPathComponent("Scenarios/compare/throughput-ceiling.json").path
        let row = try #require(try Comparison.run(path: path, technologies: [.azureServiceBus]).results.first)
        #expect(row.report?.warnings.map(\.code) == [ReportWarning.serviceBusThrottling])
        let warning = try #require(row.warnings.first)
        #expect(warning.hasPrefix(#"the Service Bus brokers ("clicks") used 79,"#) && warning.hasSuffix("credits/s on average, over a Standard namespace's 1,000: the real service would throttle, which the model does not, so this row is optimistic"), "\(warning)")
    }

    @Test func throughputCeilingFlagsOnlyTheSaturatedQueues() throws {
        let path = Repository.root.appendingPathComponent("Scenarios/compare/throughput-ceiling.json").path
        let technologies: [Technology] = [.rabbitmqClassic, .rabbitmqQuorum, .rabbitmqStream, .kafka, .redisStreams]
        let comparison = try Comparison.run(path: path, technologies: technologies)
        let verdicts = comparison.results.map { "\($0.technology) \($0.keepsUp)" }
        #expect(verdicts == ["rabbitmq-classic false", "rabbitmq-quorum false", "rabbitmq-stream true", "kafka true", "redis-streams true"])
        // The queues' backlog is in front of the broker (their depth stays 0): the table's
        // max depth/lag column shows it.
        for row in comparison.results.prefix(2) {
            let clicks = try #require(row.report?.brokers["clicks"])
            #expect(clicks.depth.max == 0 && (clicks.pendingIngressMax ?? 0) > 5_000, "\(row.technology)")
            #expect(row.summary?.maxBacklog == Double(clicks.pendingIngressMax ?? 0))
            #expect(row.report?.warnings.map(\.code) == [ReportWarning.saturatedIngress])
        }
        // The stream rows ack 20,000/s (one commit at 5 s, one at 10 s) yet process at the
        // publish rate.
        for row in comparison.results[2...3] {
            let report = try #require(row.report)
            #expect(report.throughput.ackedPerSecond == 20_000, "\(row.technology)")
            let group = try #require(report.brokers["clicks"]?.groups?["clicks"])
            #expect(try #require(group.processedPerSecond) > 0.99 * report.throughput.publishedPerSecond, "\(row.technology)")
            #expect(row.lagging == nil)
        }
        let text = comparison.text()
        #expect(text.contains("rabbitmq-classic: queues → classic queues, pushed to consumers with prefetch; cost: self-hosted: not priced (give the broker instances to price their instance-hours)\n  warning: the ingress of queue \"clicks\" is saturated: its percentiles describe a backlog"))
        #expect(text.components(separatedBy: "warning:").count == 3)
        #expect(comparison.ranking.map(\.technology).suffix(2) == ["rabbitmq-classic", "rabbitmq-quorum"])
    }

    /// A stream group that processes fewer records per second than its stream receives is
    /// lagging, whatever its acks say.
    @Test func aStreamRowIsJudgedByTheRecordsItsGroupsProcess() throws {
        let path = try TemporaryFiles.file("""
        {"name": "slow-group", "seed": 3, "duration": "20s", "drainTimeout": "1h",
         "brokers": [{"name": "events", "type": "stream", "partitions": 2}],
         "producers": [{"name": "p", "publishTo": "events", "arrivals": {"constant": {"rate": 300}}}],
         "consumers": [{"name": "c", "consumeFrom": "events", "group": "g", "instances": 2, "service": {"constant": "10ms"}}]}
        """, prefix: "mqlab-keeps-up")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let comparison = try Comparison.run(path: path, technologies: [.kafka])
        let row = try #require(comparison.results.first)
        // 2 partitions of one record at a time, 10 ms each: 200 records/s of the 300/s.
        let group = try #require(row.report?.brokers["events"]?.groups?["g"])
        #expect(abs(try #require(group.processedPerSecond) - 200) < 1)
        let lagging = try #require(row.lagging)
        #expect(lagging.hasPrefix("group events / g processed 19") && lagging.hasSuffix(" records/s of the 300.0/s published to its stream"))
        #expect(!row.keepsUp)
        #expect(comparison.text().contains("  warning: \(lagging): it cannot keep up"))
    }
}
