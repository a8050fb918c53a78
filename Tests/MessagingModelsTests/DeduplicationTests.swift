import Testing
import MessagingModels
import SimulationKernel

/// Re-sent publishes (`PublishTimeouts`) and a queue's duplicate detection
/// (`DeduplicationPolicy`), on small exact cases.
@Suite struct DeduplicationTests {
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    /// `count` messages 1 ms apart from t = 1 ms; a share `fraction` of them re-sent
    /// `resendAfter` seconds later.
    static func producer(count: Int, fraction: Double, resendAfter: Double) -> ProducerConfiguration {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1000), count: count)
        producer.publishTimeouts = PublishTimeouts(fraction: fraction, resendAfter: seconds(resendAfter))
        return producer
    }

    static func model(count: Int = 1, fraction: Double = 1, resendAfter: Double = 10, window: Double?,
                      idempotency: IdempotencyPolicy? = nil, drainTimeout: Double = 3600) -> SystemModel {
        var queue = QueueConfiguration(name: "q")
        queue.deduplication = window.map { DeduplicationPolicy(window: seconds($0)) }
        return SystemModel(
            name: "dedup", seed: 7, drainTimeout: seconds(drainTimeout), queues: [queue],
            producers: [producer(count: count, fraction: fraction, resendAfter: resendAfter)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(1), idempotency: idempotency)])
    }

    /// One message whose confirmation is lost is sent again 10 s later (t = 10.001 s), long
    /// after it was processed: without deduplication, or with a window shorter than 10 s, the
    /// copy enters the queue and runs a second time; within a 5-minute window the queue accepts
    /// the copy and stores nothing.
    @Test(arguments: [(nil, false), (300.0, true), (5.0, false)] as [(Double?, Bool)])
    func duplicatePublishIsProcessedOnceOnlyWithinTheWindow(_ window: Double?, _ suppressed: Bool) {
        var lines: [String] = []
        var simulation = Simulation(model: Self.model(window: window))
        simulation.trace = { lines.append($0.description) }
        let result = simulation.run()
        let q = result.metrics.queues[0]
        #expect(q.resent == 1)
        #expect(q.deduplicated == (suppressed ? 1 : 0))
        #expect(q.enqueued == (suppressed ? 1 : 2))
        #expect(q.acked == q.enqueued)
        #expect(result.metrics.consumers[0].processed == (suppressed ? 1 : 2))
        #expect(result.metrics.duplicateProcessing == (suppressed ? 0 : 1))
        #expect(q.duplicateProcessing == result.metrics.duplicateProcessing)
        #expect(result.metrics.published == 1)
        #expect(q.isBalanced)
        #expect(lines.contains(suppressed ? "10001000000 deduplicated m1 p" : "10001000000 resend m1 p"))
        // The pending copy keeps the run going after the original's ack at 1.001 s.
        #expect(result.end == SimTime.zero + Self.seconds(suppressed ? 10.001 : 11.001))
        #expect(result.stopReason == .completed)
    }

    /// An idempotent consumer recognises the copy by its id and acks it without running it.
    @Test func idempotentConsumerSkipsTheCopy() {
        let result = TestModels.run(Self.model(window: nil, idempotency: IdempotencyPolicy(window: Self.seconds(60))))
        #expect(result.metrics.queues[0].enqueued == 2)
        #expect(result.metrics.consumers[0].processed == 1)
        #expect(result.metrics.consumers[0].duplicatesSkipped == 1)
        #expect(result.metrics.duplicateProcessing == 0)
    }

    /// With a quarter of 400 sends re-sent 5 s later, the same sends are re-sent whether or
    /// not the queue deduplicates (the draws come from the producer's own stream); a 1-minute
    /// window suppresses every copy, and without it every copy is processed again.
    @Test func everyCopyWithinTheWindowIsSuppressed() {
        let plain = TestModels.run(Self.model(count: 400, fraction: 0.25, resendAfter: 5, window: nil))
        let deduplicated = TestModels.run(Self.model(count: 400, fraction: 0.25, resendAfter: 5, window: 60))
        let resent = plain.metrics.queues[0].resent
        #expect(resent > 70 && resent < 130)
        #expect(deduplicated.metrics.queues[0].resent == resent)
        #expect(deduplicated.metrics.queues[0].deduplicated == resent)
        #expect(deduplicated.metrics.queues[0].enqueued == 400)
        #expect(deduplicated.metrics.duplicateProcessing == 0)
        #expect(plain.metrics.queues[0].enqueued == 400 + resent)
        #expect(plain.metrics.duplicateProcessing == resent)
        #expect(plain.metrics.queues[0].isBalanced && deduplicated.metrics.queues[0].isBalanced)
    }

    /// Copies still waiting for their re-send when the drain deadline ends the run never
    /// entered the queue: they are neither remaining nor lost, and the ledger balances.
    @Test func copiesPendingAtTheEndAreNotInTheLedger() {
        let result = TestModels.run(Self.model(count: 10, fraction: 1, resendAfter: 60, window: nil, drainTimeout: 2))
        #expect(result.stopReason == .drainTimeout)
        #expect(result.metrics.queues[0].resent == 0)
        #expect(result.metrics.queues[0].enqueued == 10)
        #expect(result.metrics.queues[0].acked == 2)         // 1 s each, 2 s of drain
        #expect(result.metrics.queues[0].remaining == 8)     // the originals still queued; no copy
        #expect(result.metrics.queues[0].isBalanced)
    }
}
