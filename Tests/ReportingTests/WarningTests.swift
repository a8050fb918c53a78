import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

/// Run warnings: an exact case that triggers each, and a near miss that does not.
@Suite struct WarningTests {
    /// One queue, one consumer with a constant service time, constant arrivals.
    static func run(rate: Double, count: Int, service: Double = 1, warmup: Double = 0, drainTimeout: Double = 3600) -> Report {
        let model = SystemModel(
            name: "w", seed: 1, warmup: SimDuration(seconds: warmup), drainTimeout: SimDuration(seconds: drainTimeout),
            queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: rate), count: count)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(service))])
        return TestModels.report(model)
    }

    @Test func noWarningsEncodeAsAnEmptyArray() throws {
        let report = Self.run(rate: 1, count: 10, service: 0.5)
        #expect(report.warnings == [])
        let json = try JSONRenderer().render([report])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test func warmupAfterTheLastPublishIsWarned() throws {
        // Publishes at 1, 2, …, 10 s; a warm-up of 10.5 s measures none of them.
        let report = Self.run(rate: 1, count: 10, service: 0.5, warmup: 10.5)
        #expect(report.latency.endToEnd.count == 0 && report.throughput.publishedPerSecond == 0)
        #expect(report.warnings == [ReportWarning(
            code: "warmupExcludesEverything", path: "$.warmup",
            message: #"the warm-up (10.5 s) excludes every message: the last of 10 was published at 10.0 s, so the latency tables are empty and the throughput is 0; set "warmup" below 10.0 s, or publish for longer"#)])
        let text = try TextRenderer().render([report])
        #expect(text.contains("Warnings\n  ! $.warmup: the warm-up (10.5 s) excludes every message"))
        let markdown = try MarkdownRenderer().render([report])
        #expect(markdown.contains("**Warnings**\n\n- ⚠ $.warmup: the warm-up (10.5 s) excludes every message"))
    }

    @Test func warmupThatKeepsOneMessageIsNotWarned() {
        // The message published at 10 s, exactly at the end of the warm-up, is measured.
        let report = Self.run(rate: 1, count: 10, service: 0.5, warmup: 10)
        #expect(report.latency.endToEnd.count == 1)
        #expect(report.warnings == [])
    }

    @Test func overloadedQueueIsWarnedAsUnstable() {
        // 2 arrivals/s, one consumer doing 1/s: the depth grows by 1/s for the 200 s of publishing.
        let report = Self.run(rate: 2, count: 400)
        #expect(report.brokers["q"]?.depth.max == 200)
        #expect(report.warnings.map(\.code) == ["unstableQueue"])
        #expect(report.warnings.first?.path == nil)
        #expect(report.warnings.first?.message.hasPrefix(
            #"queue "q" is unstable: its consumers were busy 99.9% of the time and the depth peaked at 200 messages as publishing ended"#) == true)
    }

    @Test func overloadStoppedByTheDrainTimeoutIsWarned() {
        // The same overload cut off as publishing ends: 200 messages remain.
        let report = Self.run(rate: 2, count: 400, drainTimeout: 0)
        #expect(report.messages.remaining == 201)
        #expect(report.warnings.map(\.code) == ["unstableQueue"])
    }

    @Test(arguments: [
        (rate: 0.9, count: 400),   // stable: utilization 90%, no queue at all
        (rate: 1.0, count: 400),   // saturated (utilization 100%) but arrivals never overlap: depth 0
        (rate: 2.0, count: 150),   // overloaded, but the backlog peaks at 75 < 100 messages
    ])
    func stableOrShortRunsAreNotWarned(rate: Double, count: Int) {
        let report = Self.run(rate: rate, count: count)
        #expect(report.warnings == [])
    }

    /// Constant arrivals into a queue whose broker takes 10 ms to deliver and 10 ms to take an
    /// ack; one prefetch-1 consumer working 10 ms per message can do 1 / 30 ms ≈ 33/s.
    static func hopBound(rate: Double, count: Int) -> Report {
        var queue = QueueConfiguration(name: "q")
        queue.profile = BrokerProfile(deliverLatency: .constant(0.01), ackLatency: .constant(0.01))
        let model = SystemModel(
            name: "w", seed: 1, queues: [queue],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: rate), count: count)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.01))])
        return TestModels.report(model)
    }

    @Test func aLargeBacklogAtTheEndIsUnstableEvenWithIdleLookingConsumers() {
        // 50/s offered, 33/s served: after 6,000 messages (2 min) about 2,000 wait, while the
        // consumer is busy only a third of the time.
        let report = Self.hopBound(rate: 50, count: 6_000)
        #expect(report.warnings.map(\.code) == ["unstableQueue"])
        #expect(report.warnings.first?.message.contains("although its consumers were busy only 33.") == true, "\(report.warnings)")
        // The same overload for a shorter time peaks below 1,000 messages: no warning.
        #expect(Self.hopBound(rate: 50, count: 2_000).warnings == [])
        // Within what the consumer can do: no backlog, no warning.
        #expect(Self.hopBound(rate: 30, count: 6_000).warnings == [])
    }
}
