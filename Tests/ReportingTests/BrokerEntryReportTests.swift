import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

/// The report's figures of broker profiles and delay queues, in JSON, text and Markdown.
@Suite struct BrokerEntryReportTests {
    /// Five messages 0.1 s apart into a queue whose broker stores 5 msg/s after a 50 ms publish
    /// latency, with a 1 s delay; one consumer, 10 ms each.
    static func report() -> Report {
        var queue = QueueConfiguration(name: "jobs")
        queue.profile = BrokerProfile(publishLatency: .constant(0.05), messagesPerSecond: 5)
        queue.delay = SimDuration(seconds: 1)
        let producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 5)
        let consumer = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.01))
        let model = SystemModel(name: "entry", seed: 1, queues: [queue], producers: [producer], consumers: [consumer])
        return TestModels.report(model)
    }

    @Test func profileAndDelayFiguresInEveryFormat() throws {
        let r = Self.report()
        let jobs = try #require(r.brokers["jobs"])
        // Stored at 0.35, 0.55, 0.75, 0.95, 1.15 s (ingress 0.2 s each, then 50 ms); visible
        // 1 s later; the last acked at 2.16 s.
        #expect(r.simulatedSeconds == 2.16)
        let profile = try #require(jobs.profile)
        #expect(profile.messagesPerSecond == 5 && profile.waited == 4 && abs(profile.waitMeanSeconds - 0.25) < 1e-9)
        #expect(abs(try #require(profile.utilization) - 1.0 / 2.16) < 1e-9)
        #expect(abs(try #require(profile.publishLatency?.max) - 0.65) < 1e-9)
        #expect(profile.deliverLatencyMeanSeconds == nil && profile.ackLatencyMeanSeconds == nil)
        #expect(jobs.delay == Report.DelayFigures(seconds: 1, delayed: 5))

        let json = try JSONRenderer().render([r])
        #expect(json.contains(#""profile" : {"#) && json.contains(#""delayed" : 5"#))
        let text = try TextRenderer().render([r])
        let md = try MarkdownRenderer().render([r])
        for rendered in [text, md] {
            #expect(rendered.contains("delay 1.00 s: 5 held back"), "\(rendered)")
            #expect(rendered.contains("ingress 5.00/s, busy 46.3%, 4 waited (mean 250 ms)"), "\(rendered)")
        }
        // A plain queue has neither.
        let plain = try JSONRenderer().render([ReportTests.smallReport()])
        #expect(!plain.contains(#""profile""#) && !plain.contains(#""delayed""#))
    }
}
