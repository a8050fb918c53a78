import Foundation
import MessagingModels
import Testing
import Technologies
@testable import Experiments

/// `mqlab compare` prices the receive calls and send batches a run simulated: short polling
/// against long polling on SQS shows in empty receives, dollars and latency.
@Suite struct PollingCostTests {
    /// Ten minutes of 0.5 msg/s to two SQS workers that poll with `consumerKeys`.
    static func row(_ consumerKeys: String, producerKeys: String = "", brokerKeys: String = "") throws -> Comparison.Row {
        let path = try TemporaryFiles.file("""
        {"name": "polling", "seed": 5, "duration": "10m",
         "brokers": [{"name": "jobs"\(brokerKeys)}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 0.5}}\(producerKeys)}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "instances": 2, "service": {"constant": "100ms"}, \(consumerKeys)}]}
        """, prefix: "mqlab-polling")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try #require(try Comparison.run(path: path, technologies: [.sqsStandard]).results.first)
    }

    static func item(_ row: Comparison.Row, _ name: String) throws -> Cost.Item {
        try #require(row.cost?.items.first { $0.item == name }, "no \(name) in \(row.cost?.items.map(\.item) ?? [])")
    }

    @Test func shortPollingBillsAnEmptyReceivePerPollAndDelaysMessages() throws {
        // Without sampling (every short poll sees the visible messages).
        let short = try Self.row(#""receiveWait": 0, "pollInterval": "1s""#, brokerKeys: #", "shortPollSampling": 1"#)
        let long = try Self.row(#""receiveWait": "20s""#)
        let shortReceives = try #require(short.report?.brokers["jobs"]?.receives)
        let longReceives = try #require(long.report?.brokers["jobs"]?.receives)
        // Two instances idle most of 600 s: about 1,200 empty short polls, at most 60 long ones.
        #expect(shortReceives.empty > 1_000 && longReceives.empty <= 60)
        #expect(try Self.item(short, "empty receives").count == Double(shortReceives.empty))
        #expect(try Self.item(long, "empty receives").count == Double(longReceives.empty))
        #expect(try Self.item(short, "empty receives").amount > 10 * Self.item(long, "empty receives").amount)
        #expect(try #require(short.cost?.perMonth) > #require(long.cost?.perMonth))
        // A message waits for the next short poll: about half a second more on average.
        let shortMean = try #require(short.report?.latency.endToEnd.mean)
        let longMean = try #require(long.report?.latency.endToEnd.mean)
        #expect(shortMean - longMean > 0.3 && shortMean - longMean < 0.7)
        #expect(short.mapping.contains { $0.contains("as simulated") })
    }

    /// With the preset's short-poll sampling (0.5) a message is missed by about every other
    /// poll: false empty receives, and a longer wait than with every poll seeing it.
    @Test func sampledShortPollsMissVisibleMessages() throws {
        let exact = try Self.row(#""receiveWait": 0, "pollInterval": "1s""#, brokerKeys: #", "shortPollSampling": 1"#)
        let sampled = try Self.row(#""receiveWait": 0, "pollInterval": "1s""#)
        let receives = try #require(sampled.report?.brokers["jobs"]?.receives)
        #expect(exact.report?.brokers["jobs"]?.receives?.falseEmpty == nil)
        // About 300 messages, each missed by a geometric number of polls with mean 1 (or
        // fewer: two instances poll).
        let falseEmpty = try #require(receives.falseEmpty)
        #expect(falseEmpty > 100 && falseEmpty < 600, "\(falseEmpty) false empty receives")
        #expect(falseEmpty <= receives.empty)
        let exactMean = try #require(exact.report?.latency.endToEnd.mean)
        let sampledMean = try #require(sampled.report?.latency.endToEnd.mean)
        #expect(sampledMean - exactMean > 0.2 && sampledMean - exactMean < 1.5, "\(exactMean) s → \(sampledMean) s")
    }

    /// A consumer without receive keys long-polls in `mqlab compare` (the mapping of a
    /// competing-consumer queue to SQS), so it makes no false empty receives.
    @Test func compareLongPollsSQSConsumers() throws {
        let row = try Self.row(#""prefetch": 4"#)
        let receives = try #require(row.report?.brokers["jobs"]?.receives)
        #expect(receives.falseEmpty == 0 && receives.empty <= 60)
        #expect(row.mapping.contains { $0.contains("receiveWait 20 s") })
    }

    @Test func aSendBatchIsOneRequest() throws {
        let row = try Self.row(#""receiveWait": "20s""#, producerKeys: #", "batch": {"maxMessages": 10, "linger": "5s"}"#)
        let batching = try #require(row.report?.producers?["web"]?.batching)
        #expect(batching.meanSize > 2 && batching.meanWait > 1)
        #expect(try Self.item(row, "sends").count == Double(batching.batches))
    }
}
