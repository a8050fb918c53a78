import Testing
import MessagingModels
import SimulationKernel

/// Message TTL on crafted queues, with exact expected times.
@Suite struct ExpiryTests {
    typealias D = DeliverySemanticsTests
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    /// One message from producer `name` at `at` seconds, with a message TTL.
    static func one(_ name: String, at: Double, ttl: Double?) -> ProducerConfiguration {
        var p = ProducerConfiguration(name: name, target: QueueID(0), arrivals: .constant(ratePerSecond: 1 / at), count: 1)
        p.messageTTL = ttl.map(seconds)
        return p
    }

    /// RabbitMQ probe 1: A (TTL 10 s), B (500 ms) and C (none) are queued at 1, 2 and 3 ms;
    /// the only consumer is down until 2 s.
    static func probe(_ mode: MessageExpiry, deadLetter: Bool = false) -> (SimulationResult, [String]) {
        var queue = QueueConfiguration(name: "q", deadLetter: deadLetter ? DeadLetterPolicy(queue: QueueID(1)) : nil)
        queue.ttlExpiry = mode
        let model = SystemModel(
            name: "ttl", seed: 1, drainTimeout: seconds(60),
            queues: [queue, QueueConfiguration(name: "dlq")],
            producers: [one("a", at: 0.001, ttl: 10), one("b", at: 0.002, ttl: 0.5), one("c", at: 0.003, ttl: nil)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.1))],
            faults: [Fault(at: .zero, target: .consumer(index: 0, instance: 0), restartAfter: seconds(2))])
        return D.run(model)
    }

    @Test func headOnlyExpiryWaitsForTheHeadToBeFetched() {
        let (result, trace) = Self.probe(.head)
        // B stays behind A past its deadline; it is removed when A is delivered at 2 s.
        #expect(trace.contains("2000000000 expire m2 q"))
        #expect(trace.filter { $0.contains(" deliver ") }.map { $0.split(separator: " ")[2] } == ["m1", "m3"])
        #expect(result.metrics.queues[0].expired == 1 && result.metrics.queues[0].acked == 2)
        D.expectBalanced(result)
    }

    @Test func anywhereExpiryRemovesAtTheDeadline() {
        let (result, trace) = Self.probe(.anywhere)
        #expect(trace.contains("502000000 expire m2 q"))
        #expect(result.metrics.queues[0].expired == 1 && result.metrics.queues[0].acked == 2)
        D.expectBalanced(result)
    }

    @Test func expiredMessageIsDeadLetteredWithReasonExpired() {
        let (result, trace) = Self.probe(.anywhere, deadLetter: true)
        #expect(trace.contains("502000000 deadLetter:expired m2 q"))
        let q = result.metrics.queues[0]
        #expect(q.deadLetteredByReason[SettleReason.expired.rawValue] == 1 && q.expired == 0)
        // The dead-lettered copy lost its own TTL: it waits in the DLQ.
        #expect(result.metrics.queues[1].remaining == 1)
        D.expectBalanced(result)
    }

    /// Queue TTL 1 s, no consumer for 3 s: the five messages published 1 ms apart expire
    /// 1 s after each entered; TTL 0 expires everything that cannot be delivered at once.
    @Test(arguments: [MessageExpiry.anywhere, .head])
    func queueTTLCountsFromEnqueue(_ mode: MessageExpiry) {
        var queue = QueueConfiguration(name: "q")
        queue.messageTTL = Self.seconds(1)
        queue.ttlExpiry = mode
        let model = SystemModel(
            name: "ttl", seed: 1, drainTimeout: Self.seconds(60), queues: [queue], producers: [D.burst(5)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.1))],
            faults: [Fault(at: .zero, target: .consumer(index: 0, instance: 0), restartAfter: Self.seconds(3))])
        let (result, trace) = D.run(model)
        #expect(trace.filter { $0.contains(" expire ") }.map { $0.split(separator: " ")[0] }
                == ["1001000000", "1002000000", "1003000000", "1004000000", "1005000000"])
        #expect(result.metrics.queues[0].expired == 5)
        D.expectBalanced(result)
    }

    @Test func zeroTTLExpiresUnlessDeliveredAtOnce() {
        var queue = QueueConfiguration(name: "q")
        queue.messageTTL = .zero
        let model = SystemModel(
            name: "ttl0", seed: 1, queues: [queue], producers: [D.burst(3)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.0015))])
        let (result, _) = D.run(model)
        // m1 at 1 ms goes straight through; m2 at 2 ms finds the worker busy; m3 at 3 ms
        // finds it free again.
        #expect(result.metrics.queues[0].acked == 2 && result.metrics.queues[0].expired == 1)
        D.expectBalanced(result)
    }

    /// A requeued message keeps its deadline: nacked after its deadline, it expires at once.
    @Test func requeuedMessageKeepsItsDeadline() {
        var queue = QueueConfiguration(name: "q")
        queue.messageTTL = Self.seconds(1)
        let model = SystemModel(
            name: "ttl-requeue", seed: 1, queues: [queue], producers: [D.burst(1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(2), failureRate: 1)])
        let (result, trace) = D.run(model)
        #expect(trace.contains("2001000000 expire m1 q"))
        #expect(result.metrics.queues[0].expired == 1 && result.metrics.consumers[0].failed == 1)
        D.expectBalanced(result)
    }
}
