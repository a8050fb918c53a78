import Foundation
import MessagingModels
import Testing
import Technologies
@testable import Experiments

/// `mqlab compare` prices the receive calls and send batches a run simulated: short polling
/// against long polling on SQS shows in empty receives, dollars and latency.
@Suite struct PollingCostTests {
    /// Ten minutes of 0.5 msg/s to two SQS workers that poll with `consumerKeys`.
    static func row(_ consumerKeys: String, producerKeys: String = "") throws -> Comparison.Row {
        let path = try TemporaryFiles.file("""
        {"name": "polling", "seed": 5, "duration": "10m",
         "brokers": [{"name": "jobs"}],
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
        let short = try Self.row(#""receiveWait": 0, "pollInterval": "1s""#)
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

    @Test func aSendBatchIsOneRequest() throws {
        let row = try Self.row(#""receiveWait": "20s""#, producerKeys: #", "batch": {"maxMessages": 10, "linger": "5s"}"#)
        let batching = try #require(row.report?.producers?["web"]?.batching)
        #expect(batching.meanSize > 2 && batching.meanWait > 1)
        #expect(try Self.item(row, "sends").count == Double(batching.batches))
    }
}
