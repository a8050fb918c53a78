import Testing
import MessagingModels
import SimulationKernel

/// Dead-letter cycles, expiration after dead-lettering and dead-lettering into a queue whose
/// broker is down (issue 9): exact small models.
@Suite struct DeadLetterCycleTests {
    typealias R = RoutingEngineTests
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }
    static let cycle = SettleReason.deadLetterCycle.rawValue

    /// Five messages into queue 0 at 0.1 … 0.5 s (constant rate 10/s).
    static func five(to queue: Int = 0) -> ProducerConfiguration {
        ProducerConfiguration(name: "p", target: QueueID(queue), arrivals: .constant(ratePerSecond: 10), count: 5)
    }

    /// A worker on queue `queue` that rejects every message after one 10 ms attempt.
    static func rejecter(on queue: Int) -> ConsumerConfiguration {
        ConsumerConfiguration(name: "rejecter", source: QueueID(queue), service: .constant(0.01), failureRate: 1,
                              retry: RetryPolicy(maxAttempts: 1))
    }

    @Test func ttlZeroQueueDeadLetteringIntoItselfThroughAFanoutDropsEachMessage() {
        // Used to recurse settle → route → enqueue → expire → settle until the stack overflowed.
        var q = QueueConfiguration(name: "q")
        q.messageTTL = .zero
        q.deadLetterExchange = DeadLetterExchange(exchange: ExchangeID(0))
        let model = SystemModel(
            name: "self-fanout", seed: 1, queues: [q], exchanges: [R.exchange("x", .fanout, [(.queue(QueueID(0)), "")])],
            producers: [Self.five()], consumers: [])
        let result = R.run(model)
        let m = result.metrics.queues[0]
        #expect(result.stopReason == .completed)
        #expect(result.end == SimTime.zero + Self.seconds(0.5))
        #expect(m.enqueued == 5 && m.dropped == 5 && m.droppedByReason[Self.cycle] == 5)
        #expect(m.deadLettered == 0 && m.expired == 0 && m.remaining == 0)
        #expect(result.metrics.routing.exchanges[0].published == 5 && result.metrics.routing.exchanges[0].copies == 0)
        #expect(result.metrics.routing.unroutable == 0)
        R.expectBalanced(result)
    }

    @Test func positiveTTLSelfDeadLetterQueueDropsAtTheFirstExpiryInsteadOfCyclingToTheDeadline() {
        // Built in code (the scenario reader refuses deadLetter cycles): 1 s TTL, dead-letter
        // queue = itself. Each message expires once, 1 s after it entered, and is dropped.
        var q = QueueConfiguration(name: "q", deadLetter: DeadLetterPolicy(queue: QueueID(0)))
        q.messageTTL = Self.seconds(1)
        let model = SystemModel(name: "self", seed: 1, queues: [q], producers: [Self.five()], consumers: [])
        let result = R.run(model)
        #expect(result.stopReason == .completed)
        #expect(result.end == SimTime.zero + Self.seconds(1.5))
        #expect(result.metrics.queues[0].enqueued == 5 && result.metrics.queues[0].droppedByReason[Self.cycle] == 5)
        R.expectBalanced(result)
    }

    @Test func twoQueuesDeadLetteringIntoEachOtherDropOnTheWayBack() {
        // a (TTL 1 s) → exchange → b (TTL 0) → a: dead-lettered once from a (expired), then
        // dropped in b, which would send it back to a, where it already died.
        var a = QueueConfiguration(name: "a")
        a.messageTTL = Self.seconds(1)
        a.deadLetterExchange = DeadLetterExchange(exchange: ExchangeID(0))
        var b = QueueConfiguration(name: "b", deadLetter: DeadLetterPolicy(queue: QueueID(0)))
        b.messageTTL = .zero
        let model = SystemModel(
            name: "pair", seed: 1, queues: [a, b], exchanges: [R.exchange("to-b", .fanout, [(.queue(QueueID(1)), "")])],
            producers: [Self.five()], consumers: [])
        let result = R.run(model)
        let (ma, mb) = (result.metrics.queues[0], result.metrics.queues[1])
        #expect(result.stopReason == .completed)
        #expect(ma.enqueued == 5 && ma.deadLettered == 5 && ma.deadLetteredByReason[SettleReason.expired.rawValue] == 5)
        #expect(mb.enqueued == 5 && mb.dropped == 5 && mb.droppedByReason[Self.cycle] == 5 && mb.deadLettered == 0)
        R.expectBalanced(result)
    }

    @Test func aCycleWithARejectionInItKeepsCyclingUntilTheDrainDeadline() {
        // a: every attempt (10 ms) is rejected → b (TTL 0.5 s) → back to a. A lap takes 0.51 s;
        // one message published at 0.1 s enters a at 0.1 + 0.51k until the deadline at 5.1 s.
        var a = QueueConfiguration(name: "a", deadLetter: DeadLetterPolicy(queue: QueueID(1)))
        a.deadLetterExchange = nil
        var b = QueueConfiguration(name: "b")
        b.messageTTL = Self.seconds(0.5)
        b.deadLetterExchange = DeadLetterExchange(exchange: ExchangeID(0))
        let model = SystemModel(
            name: "rejecting-cycle", seed: 1, drainTimeout: Self.seconds(5), queues: [a, b],
            exchanges: [R.exchange("back", .fanout, [(.queue(QueueID(0)), "")])],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 1)],
            consumers: [Self.rejecter(on: 0)])
        let result = R.run(model)
        let (ma, mb) = (result.metrics.queues[0], result.metrics.queues[1])
        #expect(result.stopReason == .drainTimeout)
        #expect(ma.enqueued == 10 && ma.deadLettered == 10 && ma.deadLetteredByReason[SettleReason.rejected.rawValue] == 10)
        #expect(mb.enqueued == 10 && mb.deadLettered == 9 && mb.remaining == 1 && mb.dropped == 0)
        R.expectBalanced(result)
    }

    @Test func aLongChainOfTTLZeroQueuesIsWalkedWithoutRecursion() {
        // 20,000 queues with TTL 0, each dead-lettering into the next; the last keeps it.
        let n = 20_000
        var queues: [QueueConfiguration] = (0..<n).map { k in
            var q = QueueConfiguration(name: "q\(k)", deadLetter: k + 1 < n ? DeadLetterPolicy(queue: QueueID(k + 1)) : nil)
            if k + 1 < n { q.messageTTL = .zero }
            return q
        }
        queues[0].name = "head"
        let model = SystemModel(name: "chain", seed: 1, queues: queues,
                                producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 2)],
                                consumers: [])
        let result = R.run(model)
        #expect(result.metrics.queues.allSatisfy { $0.enqueued == 2 })
        #expect(result.metrics.queues[n - 1].remaining == 2)
        #expect(result.metrics.queues[n - 2].deadLetteredByReason[SettleReason.expired.rawValue] == 2)
        R.expectBalanced(result)
    }

    /// work (rejecting consumer, or TTL) → dead-letter queue or exchange → dlq, no consumer
    /// on dlq; the producer's messages carry a 1 s TTL.
    static func rejectedWithMessageTTL(throughExchange: Bool) -> SystemModel {
        var work = QueueConfiguration(name: "work", deadLetter: throughExchange ? nil : DeadLetterPolicy(queue: QueueID(1)))
        if throughExchange { work.deadLetterExchange = DeadLetterExchange(exchange: ExchangeID(0)) }
        var producer = Self.five()
        producer.messageTTL = Self.seconds(1)
        return SystemModel(
            name: "ttl-after-dlx", seed: 1, drainTimeout: Self.seconds(10), queues: [work, QueueConfiguration(name: "dlq")],
            exchanges: [R.exchange("dlx", .fanout, [(.queue(QueueID(1)), "")])],
            producers: [producer], consumers: [Self.rejecter(on: 0)])
    }

    @Test(arguments: [false, true])
    func aDeadLetteredMessageLosesItsOwnTTL(_ throughExchange: Bool) {
        // Rejected at 0.11 … 0.51 s; without their 1 s expiration they wait in the DLQ.
        let result = R.run(Self.rejectedWithMessageTTL(throughExchange: throughExchange))
        let dlq = result.metrics.queues[1]
        #expect(result.metrics.queues[0].deadLetteredByReason[SettleReason.rejected.rawValue] == 5)
        #expect(dlq.enqueued == 5 && dlq.expired == 0 && dlq.remaining == 5)
        #expect(dlq.depth.value == 5)
        R.expectBalanced(result)
    }

    /// Ten messages at 0.1 … 1.0 s into `work`, which dead-letters them (how: `reason`) into
    /// `dlq`, whose broker is down from 0 to 1.55 s.
    static func deadLetterIntoADownQueue(_ reason: SettleReason) -> SystemModel {
        var work = QueueConfiguration(name: "work", deadLetter: DeadLetterPolicy(queue: QueueID(1)))
        var consumers: [ConsumerConfiguration] = []
        switch reason {
        case .expired: work.messageTTL = Self.seconds(1)                 // dead-lettered at 1.1 … 2.0 s
        case .maxlen: work.capacity = QueueCapacity(maxLength: 1)        // pushed out by the next: 0.2 … 1.0 s
        default: consumers = [Self.rejecter(on: 0)]                      // rejected at 0.11 … 1.01 s
        }
        return SystemModel(
            name: "down-dlq", seed: 1, drainTimeout: Self.seconds(10), queues: [work, QueueConfiguration(name: "dlq")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 10)],
            consumers: consumers,
            faults: [Fault(at: .zero, target: .queue(QueueID(1)), restartAfter: Self.seconds(1.55))])
    }

    @Test(arguments: [(SettleReason.expired, 10, 5), (.maxlen, 9, 9), (.rejected, 10, 10)])
    func deadLetteringIntoADownQueueLosesTheMessageWithoutTouchingItsDepth(_ reason: SettleReason, deadLettered: Int, lost: Int) {
        let result = R.run(Self.deadLetterIntoADownQueue(reason))
        let dlq = result.metrics.queues[1]
        #expect(result.metrics.queues[0].deadLetteredByReason[reason.rawValue] == deadLettered)
        #expect(dlq.enqueued == deadLettered && dlq.lost == lost && dlq.lostByReason[SettleReason.publishFailed.rawValue] == lost)
        #expect(dlq.remaining == deadLettered - lost)
        #expect(dlq.depth.value == Double(deadLettered - lost))
        #expect(dlq.depthSeries.maxima.allSatisfy { $0 >= 0 })
        #expect(dlq.depthSeries.maxima.max() == Double(deadLettered - lost))
        R.expectBalanced(result)
    }
}

/// The simulation clock ends at 2^63 ns (about 292 years): a run that would go past it stops.
@Suite struct ClockOverflowTests {
    @Test func aTimeBeyondTheClockStopsTheRunWithClockOverflow() {
        // One message every 8e9 s: the first at 8e9 s is processed in 1 ms; the second would
        // come at 1.6e10 s, past the clock, and used to land on its last instant with the
        // third, processed in 0 s.
        let model = SystemModel(
            name: "overflow", seed: 1, queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .interarrival(.constant(8e9)), count: 3)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.001))])
        let result = RoutingEngineTests.run(model)
        #expect(result.stopReason == .clockOverflow)
        #expect(result.end == SimTime(nanoseconds: 8_000_000_000_001_000_000))
        #expect(result.metrics.published == 1 && result.metrics.acked == 1)
        #expect(result.metrics.latency.processing.maximum == 0.001)
        RoutingEngineTests.expectBalanced(result)
    }
}
