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

/// Per-message delays (`ProducerConfiguration.messageDelay`, SQS message timers).
@Suite struct MessageDelayTests {
    typealias R = RoutingEngineTests
    typealias D = DeadLetterCycleTests
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    static func five(delay: Double, ttl: Double? = nil) -> ProducerConfiguration {
        var p = D.five()
        p.messageDelay = seconds(delay)
        p.messageTTL = ttl.map(seconds)
        return p
    }

    @Test func aMessageDelayReplacesTheQueuesDelay() throws {
        // Queue delay 5 s, message delay 1 s: delivered 1 s after each publish.
        let worker = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.05))
        let model = SystemModel(name: "timer", seed: 1, queues: [DelayQueueTests.delayed(by: 5)], producers: [Self.five(delay: 1)],
                                consumers: [worker])
        let result = R.run(model)
        #expect(result.end == SimTime.zero + Self.seconds(1.55))
        #expect(result.metrics.queues[0].delayed == 5)
        let wait = try #require(result.metrics.queues[0].latency.queueWait.maximum)
        #expect(abs(wait - 1) < 1e-9)
        R.expectBalanced(result)
    }

    @Test(arguments: [false, true])
    func theProducersTimeToLiveCountsFromThePublishThroughTheDelay(withIdleWorker: Bool) {
        // Message delay 2 s, message TTL 1 s: each is already past its deadline when it
        // becomes visible at publish + 2 s, and expires then — even when a worker is free
        // (an expired message is never handed straight through).
        let workers = withIdleWorker ? [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01))] : []
        let model = SystemModel(name: "timer-ttl", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.five(delay: 2, ttl: 1)], consumers: workers)
        let result = R.run(model)
        #expect(result.end == SimTime.zero + Self.seconds(2.5))
        #expect(result.metrics.queues[0].expired == 5 && result.metrics.queues[0].delayed == 5)
        #expect(result.metrics.queues[0].acked == 0)
        R.expectBalanced(result)
    }

    @Test func everyRoutedCopyIsHeldBackAndTheDeadLetterQueueDoesNotReuseTheProducersDelay() {
        // A fanout into q (whose worker rejects) and r; q dead-letters into dlq. Copies in q
        // and r wait 1 s; the dead-lettered ones enter dlq at once (it has no delay).
        var q = QueueConfiguration(name: "q", deadLetter: DeadLetterPolicy(queue: QueueID(2)))
        q.durable = true
        var p = ProducerConfiguration(name: "p", destination: .exchange(ExchangeID(0)), arrivals: .constant(ratePerSecond: 10), count: 5)
        p.messageDelay = Self.seconds(1)
        let model = SystemModel(
            name: "fanout-timer", seed: 1,
            queues: [q, QueueConfiguration(name: "r"), QueueConfiguration(name: "dlq")],
            exchanges: [R.exchange("x", .fanout, [(.queue(QueueID(0)), ""), (.queue(QueueID(1)), "")])],
            producers: [p], consumers: [D.rejecter(on: 0)])
        let result = R.run(model)
        let m = result.metrics.queues
        #expect(m[0].delayed == 5 && m[1].delayed == 5 && m[2].delayed == 0)
        #expect(m[0].deadLettered == 5 && m[2].enqueued == 5 && m[2].remaining == 5 && m[1].remaining == 5)
        #expect(result.end == SimTime.zero + Self.seconds(1.51))
        R.expectBalanced(result)
    }

    @Test func anInitialBacklogIsNotHeldBack() {
        var q = DelayQueueTests.delayed(by: 10)
        q.initialBacklog = InitialBacklog(messages: 3, producer: 0)
        let worker = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.5))
        var p = D.five()
        p.count = 1
        let model = SystemModel(name: "backlog", seed: 1, queues: [q], producers: [p], consumers: [worker])
        let result = R.run(model)
        // Three backlog messages served at 0 … 1.5 s; the one publish (0.1 s) waits until 10.1 s.
        #expect(result.metrics.queues[0].delayed == 1)
        #expect(result.end == SimTime.zero + Self.seconds(10.6))
        R.expectBalanced(result)
    }
}
