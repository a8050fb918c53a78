import Foundation
import Testing
@testable import Experiments
import Reporting
import ScenarioFormat
import Technologies

/// Each preset's latency and capacity model, run under the conditions of the figure it was
/// calibrated on (`Preset.published`): latencies within a factor of 2 of the published figure,
/// capacities within 25%. The figures and their sources are in the presets themselves.
@Suite struct TechnologyCalibrationTests {
    /// Runs a one-queue (or one-stream) workload on `technology` and returns its report.
    static func run(_ technology: Technology, type: String = "queue", rate: Double, seconds: Double,
                    instances: Int = 4, prefetch: Int = 1, service: String = "10us", broker: String = "",
                    consumer: String = "") throws -> Report {
        let group = (type == "stream" ? #", "group": "g""# : #", "prefetch": \#(prefetch)"#) + consumer
        let json = """
        {"name": "calibration", "seed": 7, "duration": "\(seconds)s", "drainTimeout": "10m",
         "brokers": [{"name": "jobs", "type": "\(type)", "technology": "\(technology.rawValue)"\(broker)}],
         "producers": [{"name": "load", "publishTo": "jobs", "arrivals": {"poisson": {"rate": \(rate)}}}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "instances": \(instances),
                        "service": {"constant": "\(service)"}\(group)}]}
        """
        let scenario = try Scenario.decode(Data(json.utf8), file: "calibration.json")
        let outcome = Runner.run(scenario)
        #expect(outcome.result.stopReason.rawValue == "completed")
        return outcome.report
    }

    /// `measured` is within a factor of 2 of `published` (both in the same unit).
    static func withinFactorOfTwo(_ measured: Double?, _ published: Double) -> Bool {
        guard let measured, measured > 0 else { return false }
        return measured >= published / 2 && measured <= published * 2
    }

    static func withinQuarter(_ measured: Double, _ published: Double) -> Bool {
        abs(measured - published) <= 0.25 * published
    }

    static func figure(_ technology: Technology, _ metric: String) throws -> PublishedFigure {
        try #require(Preset.for(technology).published.first { $0.metric == metric }, "\(technology.rawValue) has no \(metric)")
    }

    /// RabbitMQ classic, low load: end-to-end p50 ≈ 1 ms, p99 ≈ 2 ms.
    @Test func rabbitmqClassicLatencyAtLowLoad() throws {
        let report = try Self.run(.rabbitmqClassic, rate: 200, seconds: 60)
        let p50 = try Self.figure(.rabbitmqClassic, "end-to-end latency p50").value / 1000
        let p99 = try Self.figure(.rabbitmqClassic, "end-to-end latency p99").value / 1000
        #expect(Self.withinFactorOfTwo(report.latency.endToEnd.p50, p50), "p50 \(report.latency.endToEnd.p50 ?? 0)")
        #expect(Self.withinFactorOfTwo(report.latency.endToEnd.p99, p99), "p99 \(report.latency.endToEnd.p99 ?? 0)")
        #expect(report.brokers["jobs"]?.technology == "rabbitmq-classic")
    }

    /// RabbitMQ classic, saturated: about 99,413 messages/s end to end.
    @Test func rabbitmqClassicCapacity() throws {
        let report = try Self.run(.rabbitmqClassic, rate: 150_000, seconds: 0.5, instances: 4, prefetch: 300, service: "1us")
        let published = try Self.figure(.rabbitmqClassic, "throughput").value
        #expect(Self.withinQuarter(report.throughput.ackedPerSecond, published), "\(report.throughput.ackedPerSecond)/s")
        #expect((report.brokers["jobs"]?.profile?.utilization ?? 0) > 0.9)
        #expect(report.brokers["jobs"]?.profile?.throttled == nil)   // RabbitMQ slows publishers down, it does not refuse
    }

    /// RabbitMQ quorum, default flow control near its 9,983 msg/s: p50 ≈ 18 ms, p99 ≈ 30 ms.
    @Test func rabbitmqQuorumLatencyAndCapacity() throws {
        let loaded = try Self.run(.rabbitmqQuorum, rate: 8_000, seconds: 10, instances: 8, prefetch: 200)
        let p50 = try Self.figure(.rabbitmqQuorum, "end-to-end latency p50").value / 1000
        let p99 = try Self.figure(.rabbitmqQuorum, "end-to-end latency p99").value / 1000
        #expect(Self.withinFactorOfTwo(loaded.latency.endToEnd.p50, p50), "p50 \(loaded.latency.endToEnd.p50 ?? 0)")
        #expect(Self.withinFactorOfTwo(loaded.latency.endToEnd.p99, p99), "p99 \(loaded.latency.endToEnd.p99 ?? 0)")

        let saturated = try Self.run(.rabbitmqQuorum, rate: 15_000, seconds: 4, instances: 8, prefetch: 200)
        let published = try Self.figure(.rabbitmqQuorum, "throughput").value
        #expect(Self.withinQuarter(saturated.throughput.ackedPerSecond, published), "\(saturated.throughput.ackedPerSecond)/s")
        #expect((saturated.brokers["jobs"]?.profile?.utilization ?? 0) > 0.9)
    }

    /// SQS: a send (publish until stored) takes about 16 ms; end to end is tens of ms with
    /// long-polling consumers (with the default short polls, a message also waits for the
    /// next poll: `sqsShortPollingAddsThePollWait`).
    @Test(arguments: [Technology.sqsStandard, .sqsFIFO])
    func sqsSendLatency(_ technology: Technology) throws {
        let report = try Self.run(technology, rate: 20, seconds: 120, instances: 4, broker: #", "messageGroups": false"#.filter { _ in technology == .sqsFIFO },
                                  consumer: #", "receiveWait": "20s""#)
        let send = try Self.figure(technology, "send latency").value / 1000
        #expect(Self.withinFactorOfTwo(report.brokers["jobs"]?.profile?.publishLatency?.p50, send))
        let endToEnd = try #require(report.latency.endToEnd.p50)
        #expect(endToEnd > 0.02 && endToEnd < 0.2, "end to end p50 \(endToEnd)")
    }

    /// SQS consumers short-poll by default (receiveWait 0, a poll a second when idle, each
    /// short poll seeing a visible message with chance 0.5): at 1 msg/s to one instance the
    /// end-to-end mean is the three 16 ms hops plus the poll wait, about 0.5 s to the next
    /// poll plus one second per false empty poll (mean (1 − 0.5) / 0.5 = 1): 1.2 … 2 s.
    @Test func sqsShortPollingAddsThePollWait() throws {
        let report = try Self.run(.sqsStandard, rate: 1, seconds: 600, instances: 1)
        let receives = try #require(report.brokers["jobs"]?.receives)
        let falseEmpty = try #require(receives.falseEmpty)
        #expect(falseEmpty > 300 && falseEmpty < 900, "false empty receives \(falseEmpty) for about 600 messages")
        let mean = try #require(report.latency.endToEnd.mean)
        #expect(mean > 1.2 && mean < 2, "end-to-end mean \(mean)")
    }

    /// SQS FIFO without batching: 300 sends/s per queue; past it the service throttles.
    @Test func sqsFIFOCapacity() throws {
        let over = try Self.run(.sqsFIFO, rate: 600, seconds: 20, instances: 20, broker: #", "messageGroups": false"#)
        let published = try Self.figure(.sqsFIFO, "API calls per action").value
        #expect(Self.withinQuarter(over.throughput.ackedPerSecond, published), "\(over.throughput.ackedPerSecond)/s")
        #expect((over.brokers["jobs"]?.profile?.throttled ?? 0) > 1_000)
        let under = try Self.run(.sqsFIFO, rate: 150, seconds: 20, instances: 20, broker: #", "messageGroups": false"#)
        #expect(under.brokers["jobs"]?.profile?.throttled == 0)
        #expect(Self.withinQuarter(under.throughput.ackedPerSecond, 150))
    }

    /// Azure Storage Queue: about 2,000 messages/s per queue (1 KiB messages).
    @Test func azureStorageQueueCapacity() throws {
        let report = try Self.run(.azureStorageQueue, rate: 4_000, seconds: 5, instances: 4, broker: "")
        let published = try Self.figure(.azureStorageQueue, "single queue target throughput").value
        #expect(Self.withinQuarter(report.throughput.ackedPerSecond, published), "\(report.throughput.ackedPerSecond)/s")
        #expect((report.brokers["jobs"]?.profile?.throttled ?? 0) > 0)
        #expect((report.brokers["jobs"]?.profile?.utilization ?? 0) > 0.9)
    }

    /// Kafka at moderate load: end-to-end p99 ≈ 5 ms (Confluent), p50 ≈ 2 ms (LinkedIn).
    @Test func kafkaLatencyAtModerateLoad() throws {
        let report = try Self.run(.kafka, type: "stream", rate: 2_000, seconds: 20, instances: 6, service: "50us",
                                  broker: #", "partitions": 6"#)
        let p99 = try Self.figure(.kafka, "end-to-end latency p99").value / 1000
        let p50 = try Self.figure(.kafka, "end-to-end latency p50").value / 1000
        #expect(Self.withinFactorOfTwo(report.latency.endToEnd.p99, p99), "p99 \(report.latency.endToEnd.p99 ?? 0)")
        #expect(Self.withinFactorOfTwo(report.latency.endToEnd.p50, p50), "p50 \(report.latency.endToEnd.p50 ?? 0)")
        #expect(report.brokers["jobs"]?.technology == "kafka")
    }

    /// A quorum queue's delivery limit: a poison message is delivered limit + 1 times (observed:
    /// x-delivery-limit 3 delivers 4 times on RabbitMQ 3.10.8), then dead-lettered with reason
    /// delivery_limit; an SQS redrive moves it after maxReceiveCount receives.
    @Test(arguments: [(Technology.rabbitmqQuorum, 21, "deliveryLimit"), (.sqsStandard, 10, "maxReceiveCount")])
    func poisonMessagesAreDeadLetteredAtTheLimit(_ technology: Technology, deliveries: Int, reason: String) throws {
        let json = """
        {"name": "limit", "seed": 1,
         "brokers": [{"name": "jobs", "technology": "\(technology.rawValue)", "deadLetter": {"queue": "parked"}},
                     {"name": "parked"}],
         "producers": [{"name": "p", "publishTo": "jobs", "arrivals": {"constant": {"rate": 1}}, "count": 1, "message": {"poisonFraction": 1}}],
         "consumers": [{"name": "c", "consumeFrom": "jobs", "service": {"constant": "1ms"}}]}
        """
        let report = Runner.run(try Scenario.decode(Data(json.utf8), file: "limit.json")).report
        #expect(report.messages.delivered == deliveries)
        #expect(report.messages.deadLetteredByReason == [reason: 1])
    }

    /// Redis Streams, one group of blocked XREADGROUP consumers: 99.9% of deliveries within
    /// 2 ms (and most within 1 ms).
    @Test func redisStreamsDeliveryLatency() throws {
        let report = try Self.run(.redisStreams, rate: 1_000, seconds: 30, instances: 4)
        let fraction = try Self.figure(.redisStreams, "deliveries within 2 ms")
        #expect(fraction.value == 0.999)
        let p999 = try #require(report.latency.endToEnd.p999)
        #expect(p999 <= 0.002 && Self.withinFactorOfTwo(p999, 0.002), "p99.9 \(p999)")
        #expect((report.latency.endToEnd.p50 ?? 1) <= 0.001)
    }
}
