import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

/// The Markdown report's delivery, priority, capacity and rate-limit figures.
@Suite struct FlowControlReportTests {
    /// Ten messages 0.1 s apart (priority 0 or 9) into a priority queue that holds 2 and drops
    /// new arrivals beyond; one consumer, 1 s per message, limited to 0.5 calls/s.
    static func report() -> Report {
        var queue = QueueConfiguration(name: "jobs")
        queue.capacity = QueueCapacity(maxLength: 2, overflow: .dropNew)
        queue.maxPriority = 9
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 10)
        producer.priority = WeightedChoice([0, 9])
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(1))
        consumer.rateLimit = RateLimit(ratePerSecond: 0.5)
        let model = SystemModel(name: "flow", seed: 4, queues: [queue], producers: [producer], consumers: [consumer])
        return TestModels.report(model)
    }

    @Test func markdownShowsCapacityRateLimitAndPriorities() throws {
        let r = Self.report()
        // m1 (0.1 s) starts at once; m2 and m3 wait; m4…m10 find the queue full. The next
        // tokens come at 2.1 s and 4.1 s, 1 s after each previous attempt ended.
        #expect(r.messages.acked == 3 && r.messages.dropped == 7 && r.ledger.balanced)
        #expect(r.simulatedSeconds == 5.1)
        let md = try MarkdownRenderer().render([r])
        #expect(md.contains("| dropped (overflow) | 7 |"))
        #expect(md.contains("| jobs | 2 | dropNew | 0 | 0 | 7 |"))
        // The two throttled attempts waited 2 s in all: a sum, said so, with its mean.
        #expect(md.contains("| consumer c | 0.50/s, burst 1, shared | 2 | 2.00 s summed over 2 calls, mean 1.00 s per call | 3 |"))
        let priorities = (r.latency.byPriority ?? [:]).keys.sorted()
        #expect(!priorities.isEmpty)
        for level in priorities { #expect(md.contains("| end-to-end, priority \(level) |")) }
        // A plain run has none of these tables.
        let plain = try MarkdownRenderer().render([ReportTests.smallReport()])
        #expect(!plain.contains("overflow") && !plain.contains("flow control") && !plain.contains("priority"))
    }
}
