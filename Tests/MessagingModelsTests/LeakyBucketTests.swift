import Testing
import MessagingModels
import SimulationKernel

/// The leaky-bucket rate limit: even spacing, a finite queue, refusals.
@Suite struct LeakyBucketTests {
    static func at(_ s: Double) -> SimTime { SimTime.zero + SimDuration(seconds: s) }

    @Test func callsLeaveEvenlyAndTheQueueBoundsTheWait() {
        var bucket = TokenBucket(RateLimit(ratePerSecond: 2, burst: 50, algorithm: .leakyBucket, queue: 2))
        // No burst: the first call passes, the next two wait 0.5 s and 1 s, the fourth finds
        // two waiting and is refused.
        #expect(bucket.reserveUnlessFull(at: .zero) == .zero)
        #expect(bucket.reserveUnlessFull(at: .zero) == Self.at(0.5))
        #expect(bucket.reserveUnlessFull(at: .zero) == Self.at(1))
        #expect(bucket.reserveUnlessFull(at: .zero) == nil)
        // At 0.5 s one call has left: room for one more, which leaves at 1.5 s.
        #expect(bucket.reserveUnlessFull(at: Self.at(0.5)) == Self.at(1.5))
        #expect(bucket.reserveUnlessFull(at: Self.at(0.5)) == nil)
        #expect(bucket.refused == 2 && bucket.tokensGranted == 4)
        // Queue 0 is a policer: a call passes only if it would not wait.
        var policer = TokenBucket(RateLimit(ratePerSecond: 1, algorithm: .leakyBucket, queue: 0))
        #expect(policer.reserveUnlessFull(at: .zero) == .zero)
        #expect(policer.reserveUnlessFull(at: Self.at(0.5)) == nil)
        #expect(policer.reserveUnlessFull(at: Self.at(1)) == Self.at(1))
    }

    @Test func aProducersLeakyBucketShapesAndDrops() {
        // Ten publishes 0.1 s apart through a bucket of 2/s holding 3: m1 passes at 0.1 s;
        // m2, m3, m4 wait (leaving at 0.6, 1.1, 1.6 s); m5 finds three waiting and is dropped;
        // m6 (0.6 s, as m2 leaves) gets 2.1 s; m7…m10 are dropped.
        var producer = ProducerConfiguration(name: "web", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 10)
        producer.rateLimit = RateLimit(ratePerSecond: 2, algorithm: .leakyBucket, queue: 3)
        let model = SystemModel(
            name: "shaped", seed: 1, queues: [QueueConfiguration(name: "jobs")], producers: [producer],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: 2, service: .constant(0.1))])
        let (result, steps) = TestModels.traced(model)
        let q = result.metrics.queues[0]
        #expect(q.enqueued == 10 && q.acked == 5 && q.dropped == 5)
        #expect(q.droppedByReason[SettleReason.rateLimited.rawValue] == 5)
        #expect(steps.filter { $0.kind == "drop:rateLimited" }.map(\.messageID) == [5, 7, 8, 9, 10])
        #expect(steps.filter { $0.kind == "deliver" }.map(\.time) == [0.1, 0.6, 1.1, 1.6, 2.1].map(Self.at))
        // The producer kept its schedule: its last publish is at 1 s.
        #expect(steps.filter { $0.kind == "publish" }.last?.time == Self.at(1))
        let limiter = result.metrics.flowControl?.producers[0].rateLimit
        #expect(limiter?.refused == 5 && limiter?.throttled == 4)
    }

    @Test func aConsumersFullLeakyBucketRefusesAndTheRetryPolicyTakesOver() {
        // Three messages waiting at 0 for three workers behind an API allowing 1 call/s with
        // one call waiting: m1 calls at once, m2 waits until 1 s, m3 is refused (fails at 0)
        // and retried 5 s later, when the bucket has room.
        var queue = QueueConfiguration(name: "jobs")
        queue.initialBacklog = InitialBacklog(messages: 3, producer: 0)
        var consumer = ConsumerConfiguration(name: "w", source: QueueID(0), instances: 3, service: .constant(0.1),
                                             retry: RetryPolicy(maxAttempts: 3, backoff: .constant(SimDuration(seconds: 5))))
        consumer.rateLimit = RateLimit(ratePerSecond: 1, algorithm: .leakyBucket, queue: 1)
        let model = SystemModel(
            name: "refused", seed: 1, queues: [queue],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1), count: 1,
                                              duration: SimDuration(seconds: 0.5))],
            consumers: [consumer])
        let (result, steps) = TestModels.traced(model)
        #expect(result.metrics.acked == 3 && result.metrics.queues[0].acked == 3)
        #expect(steps.filter { $0.kind == "refused" }.map(\.messageID) == [3])
        #expect(steps.filter { $0.kind == "start" }.map { [Double($0.messageID), $0.time.seconds] }
                == [[1, 0], [3, 0], [2, 1], [3, 5]])
        #expect(result.end == Self.at(5.1))
        #expect(result.metrics.flowControl?.consumers[0]?.refused == 1)
        #expect(result.metrics.consumers[0].failed == 1)
    }
}
