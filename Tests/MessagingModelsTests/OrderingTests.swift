import Testing
import MessagingModels
import SimulationKernel

/// Per-key order on small deterministic systems (constant service times), with exact expected
/// values: the violation counter, message groups, best-effort queues and the resequencer.
@Suite struct OrderingTests {
    typealias D = DeliverySemanticsTests
    static func at(_ s: Double) -> SimTime { SimTime.zero + SimDuration(seconds: s) }

    /// A producer of `count` messages with key `key`, one every `1/rate` s from `1/rate`.
    static func keyed(_ name: String, key: MessageKeys, count: Int, rate: Double = 1000, to queue: Int = 0) -> ProducerConfiguration {
        var producer = ProducerConfiguration(name: name, target: QueueID(queue), arrivals: .constant(ratePerSecond: rate), count: count)
        producer.keys = key
        return producer
    }

    /// Message ids in the order their processing ended (trace "ack" lines).
    static func ackOrder(_ trace: [String]) -> [Int] {
        trace.filter { $0.contains(" ack ") }.compactMap { Int($0.split(separator: " ")[2].dropFirst()) }
    }

    // MARK: Violation counter

    /// One key; a 3 s consumer and a 1 s consumer compete for the queue, a message every second
    /// (order is judged per queue: competing consumers do one job).
    /// Processing ends in the order m2 (t 3), m1 (t 4), m3 (t 4), m5 (t 6), m4 (t 7), m6 (t 7):
    /// m1 comes after m2 and m4 after m5, so exactly 2 violations.
    @Test func violationsOnAHandMadeSequence() throws {
        let model = SystemModel(
            name: "violations", seed: 1, queues: [QueueConfiguration(name: "q")],
            producers: [Self.keyed("p", key: .fixed("k"), count: 6, rate: 1)],
            consumers: [ConsumerConfiguration(name: "slow", source: QueueID(0), service: .constant(3)),
                        ConsumerConfiguration(name: "fast", source: QueueID(0), service: .constant(1))])
        let (result, trace) = D.run(model)
        #expect(Self.ackOrder(trace) == [2, 1, 3, 5, 4, 6])
        let ordering = try #require(result.metrics.ordering)
        #expect(ordering.violations == 2)
        #expect(ordering.consumers[0]?.violations == 2)   // both late messages were the slow one's
        #expect(ordering.consumers[1]?.violations == 0)
        #expect(ordering.queues[0].violations == 2)
        #expect(result.end == Self.at(7))
        D.expectBalanced(result)
    }

    /// Without keys, ordered queues or resequencers, the run tracks no ordering at all.
    @Test func noKeysNoOrderingFigures() {
        let model = SystemModel(
            name: "plain", seed: 1, queues: [QueueConfiguration(name: "q")],
            producers: [D.burst(6)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), instances: 2, service: .constant(1))])
        let result = TestModels.run(model)
        #expect(result.metrics.ordering == nil)
    }

    /// The hand-made sequence again, behind a fanout exchange that also copies every message
    /// into a queue with one 1 s worker: the copies carry their publish's key and sequence,
    /// and order is judged per queue, so the single worker's queue has no violation while the
    /// competing consumers' queue still has 2.
    @Test func routedCopiesCarryTheKeyAndOrderIsJudgedPerQueue() throws {
        let exchange = ExchangeConfiguration(name: "x", kind: .fanout, bindings: [
            .init(target: .queue(QueueID(0)), matcher: .always), .init(target: .queue(QueueID(1)), matcher: .always)])
        var producer = ProducerConfiguration(name: "p", destination: .exchange(ExchangeID(0)), arrivals: .constant(ratePerSecond: 1), count: 6)
        producer.keys = .fixed("k")
        let model = SystemModel(
            name: "fanout", seed: 1, queues: [QueueConfiguration(name: "competing"), QueueConfiguration(name: "single")],
            exchanges: [exchange], producers: [producer],
            consumers: [ConsumerConfiguration(name: "slow", source: QueueID(0), service: .constant(3)),
                        ConsumerConfiguration(name: "fast", source: QueueID(0), service: .constant(1)),
                        ConsumerConfiguration(name: "one", source: QueueID(1), service: .constant(0.5))])
        let result = TestModels.run(model)
        let ordering = try #require(result.metrics.ordering)
        #expect(ordering.queues.map(\.violations) == [2, 0])
        #expect(ordering.violations == 2)
        #expect(ordering.consumers[2]?.violations == 0)
        D.expectBalanced(result)
    }

    // MARK: Message groups

    /// Two groups of 3 messages (published 1 ms apart, A and B at the same instants) on 4
    /// workers taking 1 s each: a group has one message in flight at a time, so each group
    /// takes 3 s and the two run side by side: the run ends at 3.001 s (without groups, at
    /// 2.001 s: four start at once, the last two at 1.001 s), with no violation.
    @Test func groupsNeverHaveTwoInFlightAndRunInParallel() throws {
        func model(groups: Bool) -> SystemModel {
            var queue = QueueConfiguration(name: "q")
            queue.ordering = .fifo(messageGroups: groups)
            return SystemModel(
                name: "groups", seed: 1, queues: [queue],
                producers: [Self.keyed("a", key: .fixed("A"), count: 3), Self.keyed("b", key: .fixed("B"), count: 3)],
                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: 4, service: .constant(1))])
        }
        let (result, trace) = D.run(model(groups: true))
        #expect(result.end == Self.at(3.001))
        // Per key, from the trace: a delivery never starts before the previous one's ack.
        var keyOf: [String: String] = [:]
        for line in trace where line.contains(" publish ") {
            let parts = line.split(separator: " ")
            keyOf[String(parts[2])] = String(parts[3])
        }
        var inFlight: [String: Int] = [:]
        var most = 0
        for line in trace {
            let parts = line.split(separator: " ")
            guard let key = keyOf[String(parts[2])] else { continue }
            if parts[1] == "deliver" { inFlight[key, default: 0] += 1 }
            if parts[1] == "ack" { inFlight[key, default: 0] -= 1 }
            most = max(most, inFlight[key] ?? 0)
        }
        #expect(most == 1)
        let ordering = try #require(result.metrics.ordering)
        #expect(ordering.violations == 0)
        #expect(ordering.queues[0].groups == 2)
        #expect(ordering.queues[0].maxGroupsInFlight == 2)
        D.expectBalanced(result)
        #expect(TestModels.run(model(groups: false)).end == Self.at(2.001))
    }

    /// A group's message waiting for a retry backoff keeps the group locked: the failed
    /// message is retried before the next one of its group (order holds through retries).
    @Test func retryBackoffKeepsTheGroupLocked() throws {
        var queue = QueueConfiguration(name: "q")
        queue.ordering = .fifo(messageGroups: true)
        let consumer = ConsumerConfiguration(name: "w", source: QueueID(0), instances: 2, service: .constant(1),
                                             retry: RetryPolicy(maxAttempts: 3, backoff: .constant(SimDuration(seconds: 5))))
        var poison = Self.keyed("poison", key: .fixed("A"), count: 1)
        poison.poisonFraction = 1
        // The poison message (seq 1) is published first; the good one (seq 2) waits behind it
        // while it fails three times (1 s each, 5 s apart): 0.001 + 1 + 5 + 1 + 5 + 1 = 13.001 s.
        let model = SystemModel(name: "retry", seed: 1, queues: [queue], producers: [poison, Self.keyed("a", key: .fixed("A"), count: 1)],
                                consumers: [consumer])
        let (result, trace) = D.run(model)
        let starts = trace.filter { $0.contains(" start ") }.map { $0.split(separator: " ")[0] }
        #expect(starts == ["1000000", "6001000000", "12001000000", "13001000000"])
        #expect(result.metrics.ordering?.violations == 0)
        #expect(result.metrics.queues[0].dropped == 1)
        D.expectBalanced(result)
    }

    /// A visibility timeout (1.5 s) shorter than the work (2 s): A1 becomes visible again at
    /// 1.501 s and is redelivered, which locks the group again, so A2 waits until A1 is acked at
    /// 2.001 s; A2's own timeout then redelivers it at 3.501 s.
    @Test func visibilityTimeoutRedeliveryKeepsTheGroupOrdered() throws {
        var queue = QueueConfiguration(name: "q", visibilityTimeout: SimDuration(seconds: 1.5))
        queue.ordering = .fifo(messageGroups: true)
        let model = SystemModel(name: "visibility", seed: 1, queues: [queue],
                                producers: [Self.keyed("a", key: .fixed("A"), count: 2)],
                                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: 2, service: .constant(2))])
        let (result, trace) = D.run(model)
        let starts = trace.filter { $0.contains(" start ") }.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        #expect(starts == ["1000000 start m1", "1501000000 start m1", "2001000000 start m2", "3501000000 start m2"])
        #expect(result.metrics.duplicateProcessing == 2)
        #expect(result.metrics.ordering?.violations == 0)
        #expect(result.end == Self.at(5.501))
        D.expectBalanced(result)
    }

    /// The worker holding A1 crashes at 1 s: A1 returns to the head of its group, unlocking
    /// it, and goes to the other worker at once; A2 still waits for A1's ack (at 3 s).
    @Test func crashReturnsTheMessageToTheHeadOfItsGroup() throws {
        var queue = QueueConfiguration(name: "q")
        queue.ordering = .fifo(messageGroups: true)
        let model = SystemModel(name: "crash", seed: 1, queues: [queue],
                                producers: [Self.keyed("a", key: .fixed("A"), count: 2)],
                                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: 2, service: .constant(2))],
                                faults: [Fault(at: SimDuration(seconds: 1), target: .consumer(index: 0, instance: 0), restartAfter: nil)])
        let (result, trace) = D.run(model)
        let starts = trace.filter { $0.contains(" start ") }.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        #expect(starts == ["1000000 start m1", "1000000000 start m1", "3000000000 start m2"])
        #expect(result.metrics.ordering?.violations == 0)
        #expect(result.end == Self.at(5))
        D.expectBalanced(result)
    }

    // MARK: Best effort

    static func bestEffort(reorder: Double, duplicate: Double, instances: Int, count: Int,
                           resequence: Double? = nil) -> SystemModel {
        var queue = QueueConfiguration(name: "q")
        queue.ordering = .bestEffort(reorderProbability: reorder, duplicateProbability: duplicate)
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: instances, service: .constant(1))
        consumer.resequence = resequence.map { ResequencePolicy(window: SimDuration(seconds: $0)) }
        return SystemModel(name: "best-effort", seed: 1, queues: [queue],
                           producers: [Self.keyed("p", key: .fixed("k"), count: count)], consumers: [consumer])
    }

    /// One worker, 4 messages: with probability 1 the second waiting message always goes
    /// first (order 1, 3, 4, 2: one violation, two reorders); with 0, FIFO.
    @Test(arguments: [(1.0, [1, 3, 4, 2], 2, 1), (0.0, [1, 2, 3, 4], 0, 0)])
    func reorderWithProbabilityOneAndZero(_ p: Double, _ order: [Int], _ reordered: Int, _ violations: Int) throws {
        let (result, trace) = D.run(Self.bestEffort(reorder: p, duplicate: 0, instances: 1, count: 4))
        #expect(Self.ackOrder(trace) == order)
        let ordering = try #require(result.metrics.ordering)
        #expect(ordering.queues[0].reordered == reordered)
        #expect(ordering.queues[0].duplicated == 0)
        #expect(ordering.violations == violations)
        D.expectBalanced(result)
    }

    /// Two workers, 3 messages, duplicate probability 1: every first delivery leaves a copy
    /// that the other worker receives and processes while the first is still at work: 3
    /// copies, 3 duplicate deliveries, 3 duplicate processings, 3 acks; ends at 3.001 s.
    @Test func duplicateWithProbabilityOne() throws {
        let (result, _) = D.run(Self.bestEffort(reorder: 0, duplicate: 1, instances: 2, count: 3))
        let ordering = try #require(result.metrics.ordering)
        #expect(ordering.queues[0].duplicated == 3)
        #expect(result.metrics.duplicateDeliveries == 3)
        #expect(result.metrics.duplicateProcessing == 3)
        #expect(result.metrics.delivered == 6)
        #expect(result.metrics.acked == 3)
        #expect(ordering.violations == 0)
        #expect(result.end == Self.at(3.001))
        D.expectBalanced(result)
    }

    // MARK: Resequencer

    /// Processing ends m1 1.001, m3 2.001, m4 3.001, m2 4.001 (reorder probability 1). With a
    /// 10 s window, m3 and m4 wait for m2 and go with it: added latency 0, 2, 1, 0 s; no
    /// violation.
    @Test func resequencerReleasesInOrder() throws {
        let (result, _) = D.run(Self.bestEffort(reorder: 1, duplicate: 0, instances: 1, count: 4, resequence: 10))
        let ordering = try #require(result.metrics.ordering)
        let r = try #require(ordering.consumers[0]?.resequencing)
        #expect(ordering.violations == 0)
        #expect(r.released == 4)
        #expect(r.buffered == 2)
        #expect(r.maxBuffered == 2)
        #expect(r.releasedByTimeout == 0)
        #expect(r.releasedAtEnd == 0)
        #expect(r.addedLatency.count == 4)
        #expect(r.addedLatency.maximum == 2)
        #expect(abs((r.addedLatency.mean ?? 0) - 0.75) < 1e-9)
        #expect(result.end == Self.at(4.001))
        D.expectBalanced(result)
    }

    /// The same with a 1.5 s window: m3's window runs out at 3.501 s, releasing it and then m4
    /// (now next); m2 arrives at 4.001 s behind them: released at once, one violation.
    @Test func resequencerTimeoutGivesUpTheGap() throws {
        let (result, _) = D.run(Self.bestEffort(reorder: 1, duplicate: 0, instances: 1, count: 4, resequence: 1.5))
        let ordering = try #require(result.metrics.ordering)
        let r = try #require(ordering.consumers[0]?.resequencing)
        #expect(r.releasedByTimeout == 1)
        #expect(r.buffered == 2)
        #expect(ordering.violations == 1)
        #expect(r.addedLatency.maximum == 1.5)
        #expect(abs((r.addedLatency.mean ?? 0) - 0.5) < 1e-9)   // (0 + 1.5 + 0.5 + 0) / 4
        D.expectBalanced(result)
    }

    /// A predecessor that never comes (it expired in the queue): its successor is released
    /// when its window runs out, and the run goes on until then although the queue is empty.
    @Test func resequencerKeepsTheRunGoingUntilItsWindowEnds() throws {
        var queue = QueueConfiguration(name: "q")
        queue.messageTTL = SimDuration(seconds: 0.5)
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(1))
        consumer.resequence = ResequencePolicy(window: SimDuration(seconds: 1))
        // seq 1 at 0.001 (processed until 1.001), seq 2 at 0.002 expires at 0.502 while waiting;
        // seq 3, published at 2 s, is processed until 3 s and waits for seq 2 until 4 s.
        let model = SystemModel(name: "gap", seed: 1, queues: [queue],
                                producers: [Self.keyed("p", key: .fixed("k"), count: 2),
                                            Self.keyed("q", key: .fixed("k"), count: 1, rate: 0.5)],
                                consumers: [consumer])
        let result = TestModels.run(model)
        let r = try #require(result.metrics.ordering?.consumers[0]?.resequencing)
        #expect(result.metrics.queues[0].expired == 1)
        #expect(r.releasedByTimeout == 1)
        #expect(r.releasedAtEnd == 0)
        #expect(r.addedLatency.maximum == 1)
        #expect(result.end == Self.at(4))
        D.expectBalanced(result)
    }

    /// A best-effort copy does not get a failing message past its retry limit. One poison
    /// message, every first delivery copied, retry at most 2 attempts. Two workers: the copy
    /// goes to the second at once (a duplicate delivery); both attempts fail at 1.001 s and
    /// the second attempt's failure rejects it. One worker: the copy waits, the only attempt
    /// allowed with a limit of 1 fails and rejects the message wherever its copy waits.
    @Test(arguments: [(2, 2, 2, 1), (1, 1, 1, 0)])
    func aCopyDoesNotEscapeTheRetryLimit(_ workers: Int, _ maxAttempts: Int, _ delivered: Int, _ duplicates: Int) {
        var queue = QueueConfiguration(name: "q")
        queue.ordering = .bestEffort(reorderProbability: 0, duplicateProbability: 1)
        let model = SystemModel(
            name: "copy-retry", seed: 1, queues: [queue], producers: [D.burst(1, poison: 1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: workers, service: .constant(1),
                                              retry: RetryPolicy(maxAttempts: maxAttempts))])
        let (result, _) = D.run(model)
        #expect(result.end == Self.at(1.001))
        #expect(result.metrics.delivered == delivered && result.metrics.duplicateDeliveries == duplicates)
        #expect(result.metrics.queues[0].dropped == 1 && result.metrics.queues[0].remaining == 0)
        D.expectBalanced(result)
    }
}
