import Testing
import MessagingModels
import SimulationKernel

/// Delay queues (`QueueConfiguration.delay`, SQS `DelaySeconds`): exact small models with
/// constant times.
@Suite struct DelayQueueTests {
    typealias R = RoutingEngineTests
    typealias D = DeadLetterCycleTests
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    static func delayed(_ name: String = "q", by delay: Double) -> QueueConfiguration {
        var q = QueueConfiguration(name: name)
        q.delay = seconds(delay)
        return q
    }

    @Test func eachMessageBecomesDeliverableExactlyTheDelayAfterItEntered() throws {
        // Five messages at 0.1 … 0.5 s, delay 2 s, one idle worker taking 50 ms each: every
        // message is delivered at publish + 2 s and acked 50 ms later; none ever waits visibly.
        let worker = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.05))
        let model = SystemModel(name: "delay", seed: 1, queues: [Self.delayed(by: 2)], producers: [D.five()], consumers: [worker])
        let result = R.run(model)
        let m = result.metrics.queues[0]
        #expect(result.stopReason == .completed)
        #expect(result.end == SimTime.zero + Self.seconds(2.55))
        #expect(m.enqueued == 5 && m.acked == 5 && m.delayed == 5 && m.delay == Self.seconds(2))
        #expect(m.depth.maximum == 0)
        let wait = m.latency.queueWait, endToEnd = m.latency.endToEnd
        let (shortest, longest, mean) = (try #require(wait.minimum), try #require(wait.maximum), try #require(endToEnd.mean))
        #expect(wait.count == 5 && abs(shortest - 2) < 1e-9 && abs(longest - 2) < 1e-9)
        #expect(abs(mean - 2.05) < 1e-9)
        R.expectBalanced(result)
    }

    @Test func heldBackMessagesDoNotCountInDepthThenQueueInArrivalOrder() {
        // Delay 1 s, a worker taking 1 s: the five become visible at 1.1 … 1.5 s; the first is
        // delivered at once, the other four wait (depth 4 at 1.5 s) and leave one per second.
        let worker = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1))
        let model = SystemModel(name: "delay", seed: 1, queues: [Self.delayed(by: 1)], producers: [D.five()], consumers: [worker])
        var simulation = Simulation(model: model)
        var order: [UInt64] = []
        simulation.trace = { if $0.kind == "deliver" { order.append($0.messageID) } }
        let result = simulation.run()
        #expect(order == [1, 2, 3, 4, 5])
        #expect(result.metrics.queues[0].depth.maximum == 4)
        #expect(result.end == SimTime.zero + Self.seconds(6.1))
        R.expectBalanced(result)
    }

    @Test func aTimeToLiveStartsWhenTheDelayEnds() {
        // Delay 2 s, TTL 1 s, nobody consumes: each message expires at publish + 3 s.
        var q = Self.delayed(by: 2)
        q.messageTTL = Self.seconds(1)
        let model = SystemModel(name: "delay-ttl", seed: 1, queues: [q], producers: [D.five()], consumers: [])
        let result = R.run(model)
        #expect(result.end == SimTime.zero + Self.seconds(3.5))
        #expect(result.metrics.queues[0].expired == 5 && result.metrics.queues[0].delayed == 5)
        R.expectBalanced(result)
    }

    @Test func aDeadLetteredMessageIsHeldBackByTheDeadLetterQueuesDelay() {
        // Rejected at 0.11 … 0.51 s into a dead-letter queue with delay 1 s, drained by a
        // 10 ms worker: each dead-lettered message is acked 1.01 s after its rejection.
        let q = QueueConfiguration(name: "q", deadLetter: DeadLetterPolicy(queue: QueueID(1)))
        let drain = ConsumerConfiguration(name: "d", source: QueueID(1), service: .constant(0.01))
        let model = SystemModel(name: "dlq-delay", seed: 1, queues: [q, Self.delayed("dlq", by: 1)], producers: [D.five()],
                                consumers: [D.rejecter(on: 0), drain])
        let result = R.run(model)
        #expect(result.metrics.queues[0].deadLettered == 5)
        #expect(result.metrics.queues[1].delayed == 5 && result.metrics.queues[1].acked == 5)
        #expect(result.end == SimTime.zero + Self.seconds(1.52))
        R.expectBalanced(result)
    }

    @Test func messagesStillHeldBackWhenTheRunEndsAreRemaining() {
        // A 1 s run with a 10 s delay: the drain timeout (2 s) ends it with all five held back.
        let model = SystemModel(name: "held", seed: 1, duration: Self.seconds(1), drainTimeout: Self.seconds(2),
                                queues: [Self.delayed(by: 10)], producers: [D.five()], consumers: [])
        let result = R.run(model)
        #expect(result.metrics.queues[0].remaining == 5 && result.metrics.queues[0].depth.value == 0)
        R.expectBalanced(result)
    }
}
