import Foundation
import Testing
@testable import Experiments
import Reporting
import ScenarioFormat
import Technologies

/// The presets' capacity models (messages/s and bytes/s, per queue or per stream partition),
/// saturated under the conditions of the figure each was calibrated on: the measured rate is
/// within 25% of the published (or, where stated, derived) figure. Constant arrivals above the
/// capacity, a fixed count, consumers fast enough not to be the bottleneck.
@Suite struct CapacityCalibrationTests {
    typealias C = TechnologyCalibrationTests

    /// `count` messages of `sizeBytes` sent at a constant `rate` to one broker of `type` on
    /// `technology`, read by `instances` consumers taking 1 µs each (a stream's group commits
    /// after each record, so acks follow processing).
    static func saturate(_ technology: Technology, type: String = "queue", rate: Double, count: Int, sizeBytes: Int,
                         instances: Int = 4, broker: String = "") throws -> Report {
        let consumer = type == "stream" ? #""group": "g", "commit": "afterProcessing""# : #""prefetch": 300"#
        let json = """
        {"name": "capacity", "seed": 7,
         "brokers": [{"name": "jobs", "type": "\(type)", "technology": "\(technology.rawValue)"\(broker)}],
         "producers": [{"name": "load", "publishTo": "jobs", "arrivals": {"constant": {"rate": \(rate)}}, "count": \(count),
                        "message": {"sizeBytes": \(sizeBytes)}}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "instances": \(instances),
                        "service": {"constant": "1us"}, \(consumer)}]}
        """
        let scenario = try Scenario.decode(Data(json.utf8), file: "capacity.json")
        let outcome = Runner.run(scenario)
        #expect(outcome.result.stopReason.rawValue == "completed")
        #expect(outcome.report.ledger.balanced)
        return outcome.report
    }

    /// Kafka: LinkedIn's three producers wrote 2,024,032 records/s of 100 bytes to a topic of
    /// 6 partitions; 6 partitions at the modelled per-partition capacity carry about that.
    @Test func kafkaSixPartitionsOfHundredByteRecords() throws {
        let report = try Self.saturate(.kafka, type: "stream", rate: 3_000_000, count: 60_000, sizeBytes: 100, instances: 6,
                                       broker: #", "partitions": 6, "partitioner": "roundRobin""#)
        let published = try C.figure(.kafka, "producer throughput, three producers").value
        #expect(C.withinQuarter(report.throughput.ackedPerSecond, published), "\(report.throughput.ackedPerSecond)/s")
        let profile = try #require(report.brokers["jobs"]?.profile)
        #expect(profile.messagesPerSecond == 337_339 && profile.bytesPerSecond == 33_733_900)
        #expect((profile.utilization ?? 0) > 0.85 && profile.waited > 50_000)
        #expect(report.brokers["jobs"]?.partitions?.allSatisfy { ($0.utilization ?? 0) > 0.85 } == true)
    }

    /// Kafka, 1 kB records: the byte rate binds (33.7 MB/s, about 33,700 records/s a partition).
    @Test func kafkaLargeRecordsAreBoundByBytes() throws {
        let report = try Self.saturate(.kafka, type: "stream", rate: 100_000, count: 10_000, sizeBytes: 1_000, instances: 1)
        #expect(C.withinQuarter(report.throughput.ackedPerSecond, 33_733.9), "\(report.throughput.ackedPerSecond)/s")
    }

    /// RabbitMQ stream: about 112,196 messages/s end to end (AMQP 1.0 benchmark, 12-byte bodies).
    @Test func rabbitmqStreamEndToEnd() throws {
        let report = try Self.saturate(.rabbitmqStream, type: "stream", rate: 150_000, count: 30_000, sizeBytes: 12, instances: 1)
        let published = try C.figure(.rabbitmqStream, "throughput").value
        #expect(C.withinQuarter(report.throughput.ackedPerSecond, published), "\(report.throughput.ackedPerSecond)/s")
        #expect((report.brokers["jobs"]?.profile?.utilization ?? 0) > 0.9)
    }

    /// Redis Streams: 500,000 XADDs/s (the low end of the documented range), either broker type.
    @Test(arguments: ["stream", "queue"])
    func redisStreamsXAddRate(_ type: String) throws {
        let report = try Self.saturate(.redisStreams, type: type, rate: 1_000_000, count: 50_000, sizeBytes: 100,
                                       instances: type == "stream" ? 1 : 4)
        let published = try C.figure(.redisStreams, "XADD rate").value
        #expect(C.withinQuarter(report.throughput.ackedPerSecond, published), "\(report.throughput.ackedPerSecond)/s")
    }

    /// RabbitMQ classic with 1 kB messages: 38 MB/s (Confluent's peak for mirrored classic
    /// queues), about 38,000 messages/s, below its 99,413 msg/s for 12-byte bodies.
    @Test func rabbitmqClassicOfKilobyteMessages() throws {
        let report = try Self.saturate(.rabbitmqClassic, rate: 60_000, count: 20_000, sizeBytes: 1_000)
        let megabytes = try C.figure(.rabbitmqClassic, "peak throughput").value
        #expect(C.withinQuarter(report.throughput.ackedPerSecond * 1_000 / 1e6, megabytes), "\(report.throughput.ackedPerSecond)/s")
        #expect(report.brokers["jobs"]?.profile?.bytesPerSecond == 38_000_000)
    }

    /// RabbitMQ quorum: 30,000 msg/s of 1 kB messages on a 3-node cluster (its bytes bound),
    /// measured with the one-node default-flow message rate raised out of the way.
    @Test func rabbitmqQuorumSustainedKilobyteMessages() throws {
        let report = try Self.saturate(.rabbitmqQuorum, rate: 45_000, count: 15_000, sizeBytes: 1_000,
                                       broker: #", "profile": {"messagesPerSecond": 1000000}"#)
        let published = try C.figure(.rabbitmqQuorum, "sustained throughput").value
        #expect(C.withinQuarter(report.throughput.ackedPerSecond, published), "\(report.throughput.ackedPerSecond)/s")
    }
}
