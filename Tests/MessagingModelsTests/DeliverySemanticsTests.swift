import Testing
import MessagingModels
import SimulationKernel

/// Delivery semantics on small deterministic systems (constant times, scripted failures),
/// with exact expected values.
@Suite struct DeliverySemanticsTests {
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    /// `count` messages published 1 ms apart from t = 1 ms.
    static func burst(_ count: Int, to queue: Int = 0, poison: Double = 0, publishRetry: PublishRetry? = nil) -> ProducerConfiguration {
        ProducerConfiguration(name: "p", target: QueueID(queue), arrivals: .constant(ratePerSecond: 1000), count: count,
                              poisonFraction: poison, publishRetry: publishRetry)
    }

    /// Runs `model`; returns its result and its trace as lines.
    static func run(_ model: SystemModel) -> (SimulationResult, [String]) {
        let (result, entries) = TestModels.traced(model)
        return (result, entries.map(\.description))
    }

    static func expectBalanced(_ result: SimulationResult, sourceLocation: SourceLocation = #_sourceLocation) {
        TestModels.expectBalanced(result, sourceLocation: sourceLocation)
    }

    @Test func poisonMessageIsReceivedMaxReceiveCountTimesThenDeadLettered() {
        let model = SystemModel(
            name: "poison", seed: 1, drainTimeout: Self.seconds(10),
            queues: [QueueConfiguration(name: "jobs", deadLetter: DeadLetterPolicy(queue: QueueID(1), maxReceiveCount: 3)),
                     QueueConfiguration(name: "jobs-dlq")],
            producers: [Self.burst(1, poison: 1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.5))])
        let (result, trace) = Self.run(model)
        let jobs = result.metrics.queues[0], dlq = result.metrics.queues[1]
        #expect(trace.filter { $0.contains(" deliver ") }.count == 3)
        #expect(trace.filter { $0.contains(" fail ") }.count == 3)
        #expect(trace.contains { $0.hasSuffix("deadLetter:maxReceiveCount m1 jobs") })
        #expect(jobs.deadLettered == 1 && jobs.deadLetteredByReason[SettleReason.maxReceiveCount.rawValue] == 1)
        #expect(result.metrics.redeliveries == 2)
        #expect(dlq.enqueued == 1 && dlq.remaining == 1)
        Self.expectBalanced(result)
    }

    /// Every attempt fails on the main queue; after two receives each message moves to the
    /// dead-letter queue, whose consumer (the "fix and requeue" path) processes it.
    @Test func dlqConsumerFixesAndAcks() {
        let fixed = SystemModel(
            name: "dlq-consumer", seed: 1,
            queues: [QueueConfiguration(name: "jobs", deadLetter: DeadLetterPolicy(queue: QueueID(1), maxReceiveCount: 2)),
                     QueueConfiguration(name: "jobs-dlq")],
            producers: [Self.burst(4)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.1), failureRate: 1),
                        ConsumerConfiguration(name: "fixer", source: QueueID(1), service: .constant(0.2))])
        let (result, _) = Self.run(fixed)
        #expect(result.stopReason == .completed)
        #expect(result.metrics.queues[0].deadLettered == 4)
        #expect(result.metrics.queues[1].acked == 4)
        #expect(result.metrics.consumers[0].failed == 8)        // two receives each
        #expect(result.metrics.attemptsPerMessage[3] == 4)       // 2 failed + 1 in the DLQ
        Self.expectBalanced(result)
    }

    /// SQS: a visibility timeout of 1 s with 3 s of processing: the message becomes visible
    /// at 1 s and 2 s and is taken by idle consumers; the first ack at 3 s settles it, and
    /// the two later completions are duplicate processing.
    @Test func visibilityTimeoutShorterThanProcessingGivesPredictedDeliveries() {
        let model = SystemModel(
            name: "vt", seed: 1,
            queues: [QueueConfiguration(name: "q", visibilityTimeout: Self.seconds(1))],
            producers: [Self.burst(1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: 4, service: .constant(3))])
        let (result, trace) = Self.run(model)
        let deliveries = trace.filter { $0.contains(" deliver ") }
        #expect(deliveries.count == 3)     // ⌈3 s / 1 s⌉
        #expect(result.metrics.redeliveries == 2)
        #expect(result.metrics.duplicateDeliveries == 2)
        #expect(result.metrics.duplicateProcessing == 2)
        #expect(result.metrics.acked == 1)
        #expect(result.metrics.consumers[0].processed == 3)
        Self.expectBalanced(result)
    }

    @Test func visibilityTimeoutWithOneBusyConsumerDeliversOnce() {
        let model = SystemModel(
            name: "vt1", seed: 1,
            queues: [QueueConfiguration(name: "q", visibilityTimeout: Self.seconds(1))],
            producers: [Self.burst(1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(3))])
        let (result, trace) = Self.run(model)
        #expect(trace.filter { $0.contains(" deliver ") }.count == 1)
        #expect(result.metrics.acked == 1 && result.metrics.duplicateProcessing == 0)
        Self.expectBalanced(result)
    }

    /// Auto ack: all 10 messages are pushed to the one consumer at once (no prefetch limit);
    /// a crash at 2.5 s (2 processed, 1 in progress, 7 buffered) loses exactly 8.
    @Test func autoAckCrashLosesExactlyTheInFlightMessages() {
        let model = SystemModel(
            name: "auto", seed: 1, drainTimeout: Self.seconds(60),
            queues: [QueueConfiguration(name: "q")],
            producers: [Self.burst(10)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1), ack: .auto)],
            faults: [Fault(at: Self.seconds(2.5), target: .consumer(index: 0, instance: 0), restartAfter: Self.seconds(1))])
        let (result, _) = Self.run(model)
        let q = result.metrics.queues[0]
        #expect(q.acked == 2)
        #expect(q.lost == 8 && q.lostByReason[SettleReason.consumerCrash.rawValue] == 8)
        #expect(result.metrics.consumers[0].crashes == 1)
        Self.expectBalanced(result)
    }

    /// Manual ack, prefetch 1: the message in progress at the crash returns to the head of
    /// the queue and is processed after the restart; nothing is lost.
    @Test func manualAckCrashRequeuesTheUnackedMessage() {
        let model = SystemModel(
            name: "manual", seed: 1,
            queues: [QueueConfiguration(name: "q")],
            producers: [Self.burst(10)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1))],
            faults: [Fault(at: Self.seconds(2.5), target: .consumer(index: 0, instance: nil), restartAfter: Self.seconds(1))])
        let (result, trace) = Self.run(model)
        #expect(result.metrics.acked == 10)
        #expect(result.metrics.redeliveries == 1)
        #expect(result.metrics.queues[0].lost == 0)
        #expect(result.metrics.duplicateProcessing == 0)
        // m3 was cut off at 2.5 s, back at the head; restart at 3.5 s: m3 first, then m4.
        let starts = trace.filter { $0.contains(" start ") }.map { $0.split(separator: " ")[2] }
        #expect(Array(starts.prefix(5)) == ["m1", "m2", "m3", "m3", "m4"])
        #expect(result.end == SimTime.zero + Self.seconds(2.5 + 1 + 8))
        Self.expectBalanced(result)
    }

    /// Retries with a constant backoff, then rejection to the dead-letter queue.
    @Test func retriesThenRejectsToTheDeadLetterQueue() {
        let model = SystemModel(
            name: "retry", seed: 1, drainTimeout: Self.seconds(10),
            queues: [QueueConfiguration(name: "q", deadLetter: DeadLetterPolicy(queue: QueueID(1))),
                     QueueConfiguration(name: "dlq")],
            producers: [Self.burst(1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.5), failureRate: 1,
                                              retry: RetryPolicy(maxAttempts: 3, backoff: .constant(Self.seconds(1))))])
        let (result, trace) = Self.run(model)
        let starts = trace.filter { $0.contains(" start ") }.compactMap { Int64($0.split(separator: " ")[0]) }
        // Published at 1 ms; attempts at +0, +1.5 s, +3 s (0.5 s of processing, 1 s of backoff).
        #expect(starts == [1_000_000, 1_501_000_000, 3_001_000_000])
        #expect(result.metrics.queues[0].deadLetteredByReason[SettleReason.rejected.rawValue] == 1)
        #expect(result.metrics.queues[1].remaining == 1)
        Self.expectBalanced(result)
    }

    @Test func rejectionWithoutDeadLetterQueueIsDropped() {
        let model = SystemModel(
            name: "drop", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [Self.burst(3)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.1), failureRate: 1,
                                              retry: RetryPolicy(maxAttempts: 2))])
        let (result, _) = Self.run(model)
        #expect(result.metrics.queues[0].dropped == 3)
        #expect(result.metrics.queues[0].droppedByReason[SettleReason.rejected.rawValue] == 3)
        #expect(result.metrics.attemptsPerMessage[2] == 3)
        Self.expectBalanced(result)
    }

    /// The successful retry's end-to-end latency decomposes: wait + attempts + retry delay.
    @Test func retryDelayDecomposesEndToEnd() {
        // failureRate 0.5 with a fixed seed: some messages need several attempts.
        let model = SystemModel(
            name: "decompose", seed: 4, queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 0.5), count: 200)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.1), failureRate: 0.5,
                                              retry: RetryPolicy(maxAttempts: 50, backoff: .constant(Self.seconds(0.3))))])
        let (result, _) = Self.run(model)
        let latency = result.metrics.latency
        #expect(result.metrics.acked == 200)
        // One attempt at a time per message, so for every message
        // E2E = first queue wait + Σ its attempts' processing + retry delay; summed over all:
        let attempts = Double(result.metrics.consumers[0].attempts)
        let sum = { (h: LatencyHistogram) in (h.mean ?? 0) * Double(h.count) }
        #expect(abs(sum(latency.endToEnd) - (sum(latency.queueWait) + attempts * 0.1 + sum(latency.retryDelay))) < 1e-6)
        // Each retry waits at least its 0.3 s backoff.
        #expect(sum(latency.retryDelay) >= (attempts - 200) * 0.3 - 1e-6)
        #expect(attempts > 300)
    }

    @Test func exponentialBackoffAndJitter() {
        let policy = RetryPolicy(maxAttempts: 10, backoff: .exponential(initial: Self.seconds(0.1), multiplier: 2, max: Self.seconds(1)))
        var stream = RandomStream(seed: 1)
        let delays = (1...6).map { policy.delay(afterFailure: $0, stream: &stream).seconds }
        #expect(delays == [0.1, 0.2, 0.4, 0.8, 1, 1])
        var full = policy, equal = policy
        full.jitter = .full
        equal.jitter = .equal
        for n in 1...6 {
            let d = delays[n - 1]
            let f = full.delay(afterFailure: n, stream: &stream).seconds
            let e = equal.delay(afterFailure: n, stream: &stream).seconds
            #expect(f >= 0 && f <= d)
            #expect(e >= d / 2 && e <= d)
        }
    }

    /// SQS batch receive with a short visibility timeout: A (slow, prefetch 3) holds m3 in its
    /// buffer past the timeout, B processes it, then A processes it again; m1 expires while A
    /// works on it and A itself receives it a second time (it has prefetch room), processing
    /// it again after acking the first. Without idempotency both late duplicates run again.
    /// Each consumer has its own processed-id store: A skips its own second m1, but not m3,
    /// which only B had processed (`mqlab trace` shows the steps).
    @Test(arguments: [false, true])
    func idempotencySuppressesLateDuplicates(_ idempotent: Bool) {
        let model = SystemModel(
            name: "idem", seed: 1,
            queues: [QueueConfiguration(name: "q", visibilityTimeout: Self.seconds(1))],
            producers: [Self.burst(3)],
            consumers: [
                ConsumerConfiguration(name: "A", source: QueueID(0), service: .constant(1.5), prefetch: 3,
                                      idempotency: idempotent ? IdempotencyPolicy(window: Self.seconds(60)) : nil),
                ConsumerConfiguration(name: "B", source: QueueID(0), service: .constant(0.1),
                                      idempotency: idempotent ? IdempotencyPolicy(window: Self.seconds(60)) : nil),
            ])
        let (result, _) = Self.run(model)
        #expect(result.metrics.acked == 3)
        #expect(result.metrics.duplicateDeliveries == 2)
        #expect(result.metrics.duplicateProcessing == (idempotent ? 1 : 2))
        #expect(result.metrics.consumers[0].duplicatesSkipped == (idempotent ? 1 : 0))
        Self.expectBalanced(result)
    }

    @Test func nackRequeueLoopsUntilADeliveryLimit() {
        func model(limit: Int?) -> SystemModel {
            SystemModel(
                name: "loop", seed: 1, duration: Self.seconds(1), drainTimeout: Self.seconds(10),
                queues: [QueueConfiguration(name: "q", deadLetter: limit.map { DeadLetterPolicy(queue: QueueID(1), maxReceiveCount: $0) }),
                         QueueConfiguration(name: "parking")],
                producers: [Self.burst(1)],
                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01), failureRate: 1)])
        }
        let (unlimited, _) = Self.run(model(limit: nil))
        #expect(unlimited.stopReason == .drainTimeout)
        #expect(unlimited.metrics.redeliveries > 1000)   // 11 s of 10 ms attempts
        #expect(unlimited.metrics.queues[0].remaining == 1)
        let (limited, _) = Self.run(model(limit: 5))
        #expect(limited.metrics.delivered == 5)
        #expect(limited.metrics.queues[0].deadLettered == 1)
        Self.expectBalanced(unlimited)
        Self.expectBalanced(limited)
    }

    @Test func processingTimeoutAbandonsLongAttempts() {
        let model = SystemModel(
            name: "timeout", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [Self.burst(2)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(2), processingTimeout: Self.seconds(1),
                                              retry: RetryPolicy(maxAttempts: 2))])
        let (result, _) = Self.run(model)
        #expect(result.metrics.consumers[0].timedOut == 4)
        #expect(result.metrics.consumers[0].failed == 4)
        #expect(result.metrics.queues[0].dropped == 2)
        Self.expectBalanced(result)
    }

    @Test func autoAckFailureLosesTheMessage() {
        let model = SystemModel(
            name: "auto-fail", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [Self.burst(5)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.1), ack: .auto, failureRate: 1)])
        let (result, _) = Self.run(model)
        #expect(result.metrics.queues[0].lostByReason[SettleReason.autoAckFailure.rawValue] == 5)
        #expect(result.metrics.redeliveries == 0)
        Self.expectBalanced(result)
    }

    /// Broker restart: 5 messages wait (the consumer is slow to start: it is crashed first);
    /// the broker crashes at 1 s and is back at 2 s. A non-durable queue loses them, a
    /// durable one keeps them. Publishes while it is down fail (lost) or are retried.
    @Test(arguments: [(false, false), (true, false), (true, true)])
    func brokerRestartDurabilityAndPublishRetry(_ durable: Bool, _ retry: Bool) {
        let model = SystemModel(
            name: "restart", seed: 1, drainTimeout: Self.seconds(30),
            queues: [QueueConfiguration(name: "q", durable: durable)],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 4), count: 10,
                                              publishRetry: retry ? PublishRetry(interval: Self.seconds(0.3)) : nil)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01))],
            faults: [Fault(at: .zero, target: .consumer(index: 0, instance: nil), restartAfter: Self.seconds(3)),
                     Fault(at: Self.seconds(1.1), target: .queue(QueueID(0)), restartAfter: Self.seconds(1))])
        let (result, _) = Self.run(model)
        let q = result.metrics.queues[0]
        // Published at 0.25 … 2.5 s: 4 before the crash, 4 while down (1.25 … 2.0), 2 after.
        let lostInCrash = durable ? 0 : 4
        let lostPublishing = retry ? 0 : 4
        #expect(q.lostByReason[SettleReason.brokerRestart.rawValue] == lostInCrash)
        #expect(q.lostByReason[SettleReason.publishFailed.rawValue] == lostPublishing)
        #expect(q.acked == 10 - lostInCrash - lostPublishing)
        #expect(q.enqueued == 10)
        Self.expectBalanced(result)
    }

    @Test func zeroTimeLoopStopsAsStalled() {
        let model = SystemModel(
            name: "stall", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [Self.burst(1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0), failureRate: 1)])
        let result = TestModels.run(model)
        #expect(result.stopReason == .stalled)
        #expect(result.metrics.queues[0].remaining == 1)
    }

    /// A failed message requeued at the head goes straight back to the same instance (it has
    /// credit) while that instance is closing the attempt: the redelivery waits behind the
    /// message prefetched before it. m1 (poison) and m2 arrive at 1 s on one instance with
    /// prefetch 2: m1 fails at 2 s and is redelivered; m2 runs 2–3 s, m1 again 3–4 s, fails,
    /// and with a receive limit of 2 is dead-lettered at 4 s. (Before the fix the redelivered
    /// m1 started at once and m2 then replaced it, leaving m1 stuck.)
    @Test func aRedeliveryToTheSameInstanceWaitsBehindItsPrefetchedMessages() {
        let poison = ProducerConfiguration(name: "poison", target: QueueID(0), arrivals: .constant(ratePerSecond: 1), count: 1, poisonFraction: 1)
        let model = SystemModel(
            name: "reentry", seed: 1,
            queues: [QueueConfiguration(name: "jobs", deadLetter: DeadLetterPolicy(queue: QueueID(1), maxReceiveCount: 2)),
                     QueueConfiguration(name: "jobs-dlq")],
            producers: [poison, ProducerConfiguration(name: "good", target: QueueID(0), arrivals: .constant(ratePerSecond: 1), count: 1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1), prefetch: 2)])
        let (result, trace) = Self.run(model)
        #expect(result.end == SimTime.zero + Self.seconds(4))
        #expect(result.metrics.queues[0].acked == 1 && result.metrics.queues[0].deadLettered == 1)
        #expect(result.metrics.queues[0].remaining == 0 && result.metrics.queues[1].remaining == 1)
        #expect(trace.filter { $0.contains(" start ") }.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
                == ["1000000000 start m1", "2000000000 start m2", "3000000000 start m1"])
        Self.expectBalanced(result)
    }

    /// A failing message requeued with a nanosecond of processing: time moves, but so little
    /// that the run would take days; with a window of 10,000 events it stops as `stalled`
    /// within the first windows after the loop starts at 1 s. A busy healthy run at 100,000
    /// messages/s with 1 µs of processing is not mistaken for one.
    @Test func nearZeroTimeLoopStopsAsStalledButABusyRunDoesNot() {
        let looping = SystemModel(
            name: "near-zero", seed: 1, queues: [QueueConfiguration(name: "jobs")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1), count: 1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1e-9), failureRate: 1)])
        var simulation = Simulation(model: looping)
        simulation.stallLimit = 10_000
        let stalled = simulation.run()
        #expect(stalled.stopReason == .stalled)
        #expect(stalled.end < SimTime.zero + Self.seconds(1.001))
        #expect(stalled.metrics.queues[0].remaining == 1)

        let busy = SystemModel(
            name: "busy", seed: 1, queues: [QueueConfiguration(name: "jobs")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 100_000), count: 30_000)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1e-6))])
        var healthy = Simulation(model: busy)
        healthy.stallLimit = 10_000
        let result = healthy.run()
        #expect(result.stopReason == .completed && result.metrics.acked == 30_000)
    }

    /// Many producers publishing once at the same instant, and stopping then, are work, not a
    /// loop: 30,000 events at one instant with a window of 10,000 events still complete.
    @Test func aCrowdAtOneInstantIsNotAStall() {
        var sensors = ProducerConfiguration(name: "sensors", target: QueueID(0), arrivals: .constant(ratePerSecond: 1),
                                            duration: Self.seconds(1))
        sensors.instances = 10_000
        let model = SystemModel(
            name: "crowd", seed: 1, queues: [QueueConfiguration(name: "jobs")], producers: [sensors],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: 100, service: .constant(0.001))])
        var simulation = Simulation(model: model)
        simulation.stallLimit = 10_000
        let result = simulation.run()
        #expect(result.stopReason == .completed && result.metrics.acked == 10_000)
    }

    /// More messages in the system than the limit: the run stops as `messageLimit`, with every
    /// message still accounted for (remaining).
    @Test func anOverloadBeyondTheMessageLimitStops() {
        var model = SystemModel(
            name: "overload", seed: 1, queues: [QueueConfiguration(name: "jobs")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 100), count: 1_000)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1))])
        model.maxMessagesInSystem = 100
        let result = TestModels.run(model)
        #expect(result.stopReason == .messageLimit)
        // The 101st message in the system is published at 1.02 s (one acked at 1.01 s).
        #expect(result.metrics.published == 102 && result.metrics.queues[0].remaining == 101)
        Self.expectBalanced(result)
    }
}
