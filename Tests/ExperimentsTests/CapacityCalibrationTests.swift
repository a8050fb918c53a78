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

    /// Kafka under LinkedIn's published conditions: three producers writing 100-byte records
    /// to a topic of 6 partitions on the preset's 3 brokers (2 partition leaders each), offered
    /// 3 M records/s, unbatched or in the preset's batches (16 KiB, 5 ms): the 3 brokers' shared
    /// capacity carries about the published 2,024,032 records/s.
    @Test(arguments: ["", #", "batch": {}"#])
    func kafkaThreeProducersOnSixPartitions(_ batch: String) throws {
        let json = """
        {"name": "linkedin", "seed": 7,
         "brokers": [{"name": "events", "type": "stream", "technology": "kafka", "partitions": 6, "partitioner": "roundRobin"}],
         "producers": [{"name": "load", "publishTo": "events", "instances": 3, "arrivals": {"constant": {"rate": 1000000}},
                        "count": 20000, "message": {"sizeBytes": 100}\(batch)}],
         "consumers": [{"name": "workers", "consumeFrom": "events", "group": "g", "commit": "afterProcessing", "instances": 6,
                        "service": {"constant": "1us"}}]}
        """
        let outcome = Runner.run(try Scenario.decode(Data(json.utf8), file: "linkedin.json"))
        #expect(outcome.result.stopReason.rawValue == "completed" && outcome.report.ledger.balanced)
        let report = outcome.report
        let published = try C.figure(.kafka, "producer throughput, three producers").value
        #expect(C.withinQuarter(report.throughput.ackedPerSecond, published), "\(report.throughput.ackedPerSecond)/s")
        let profile = try #require(report.brokers["events"]?.profile)
        #expect(profile.brokerMessagesPerSecond == 674_677 && profile.brokerBytesPerSecond == 67_467_733)
        #expect(profile.messagesPerSecond == nil && profile.brokers?.map(\.partitions) == [2, 2, 2])
        // Appends that waited: records one by one, or a few hundred batches of up to 163.
        #expect(profile.brokers?.allSatisfy { $0.utilization > 0.85 } == true && profile.waited > (batch.isEmpty ? 1_000 : 100))
    }

    /// Kafka, 1 kB records on one partition: the byte rate of its broker binds (67.5 MB/s,
    /// about 67,500 records/s; the preset has no per-partition limit).
    @Test func kafkaLargeRecordsAreBoundByBytes() throws {
        let report = try Self.saturate(.kafka, type: "stream", rate: 200_000, count: 20_000, sizeBytes: 1_000, instances: 1)
        #expect(C.withinQuarter(report.throughput.ackedPerSecond, 67_467.7), "\(report.throughput.ackedPerSecond)/s")
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
