import Testing
import MessagingModels
import SimulationKernel

/// Rate limits and queue length limits on small deterministic systems, with exact expected
/// values.
@Suite struct FlowControlTests {
    typealias D = DeliverySemanticsTests
    static func at(_ s: Double) -> SimTime { SimTime.zero + SimDuration(seconds: s) }

    /// Times of trace lines of `kind` (e.g. " start "), in seconds.
    static func times(_ trace: [String], _ kind: String) -> [Int64] {
        trace.filter { $0.contains(kind) }.compactMap { Int64($0.split(separator: " ")[0]) }
    }

    // MARK: Token bucket

    @Test("a full bucket grants exactly burst + rate × t tokens over [0, t] to callers that keep asking",
          arguments: [(5, 10.0, 2.0), (1, 10.0, 2.0), (3, 4.0, 1.25), (10, 1000.0, 0.5), (1, 3.0, 7.0)])
    func bucketAdmitsBurstPlusRateTimesT(_ burst: Int, _ rate: Double, _ t: Double) {
        var bucket = TokenBucket(RateLimit(ratePerSecond: rate, burst: burst))
        let grants = (0..<(burst + Int(rate * t) + 50)).map { _ in bucket.reserve(at: .zero) }
        let admitted = grants.filter { $0 <= Self.at(t) }.count
        #expect(admitted == burst + Int((rate * t).rounded(.down)))
        // Grants come in request order, the first `burst` at once, then one per 1/rate.
        #expect(grants == grants.sorted())
        #expect(grants.prefix(burst).allSatisfy { $0 == .zero })
        #expect(grants[burst] > .zero)
    }

    @Test func bucketGrantTimesAreExact() {
        var bucket = TokenBucket(RateLimit(ratePerSecond: 10, burst: 2))
        let grants = (0..<5).map { _ in bucket.reserve(at: Self.at(1)) }.map(\.nanoseconds)
        #expect(grants == [1_000_000_000, 1_000_000_000, 1_100_000_000, 1_200_000_000, 1_300_000_000])
        #expect(bucket.throttled == 3)
        #expect(abs(bucket.throttledSeconds - 0.6) < 1e-9)
        // Idle from 1.3 s (empty) to 5 s: full again at 1.5 s, so 3.5 s × 10/s wasted.
        #expect(bucket.reserve(at: Self.at(5)) == Self.at(5))
        #expect(abs(bucket.tokensWasted - (10 + 35)) < 1e-9)   // 1 s full before the first call
        bucket.close(at: Self.at(6))
        #expect(abs(bucket.tokensWasted - (10 + 35 + 9)) < 1e-9)   // full again at 5.1 s
        #expect(bucket.tokensGranted == 6)
    }

    /// A rate so low that the next token lies beyond the clock's range saturates, not traps.
    @Test func tinyRateSaturates() {
        var bucket = TokenBucket(RateLimit(ratePerSecond: 1e-12))
        #expect(bucket.reserve(at: .zero) == .zero)
        #expect(bucket.reserve(at: .zero) == .distantFuture)
    }

    // MARK: Consumer and producer rate limits

    /// 100 messages published 1 ms apart from 1 ms; 20 instances share 10/s with burst 5: the
    /// first 5 attempts start on arrival, then one every 100 ms from the first call.
    @Test func sharedConsumerLimitSpacesAttempts() {
        var consumer = ConsumerConfiguration(name: "w", source: QueueID(0), instances: 20, service: .constant(0.001))
        consumer.rateLimit = RateLimit(ratePerSecond: 10, burst: 5)
        let model = SystemModel(name: "rl", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [D.burst(100)], consumers: [consumer])
        let (result, trace) = D.run(model)
        let starts = Self.times(trace, " start ")
        #expect(starts.count == 100)
        #expect(Array(starts.prefix(5)) == [1, 2, 3, 4, 5].map { $0 * 1_000_000 })
        #expect(Array(starts.dropFirst(5)) == (1...95).map { 1_000_000 + Int64($0) * 100_000_000 })
        // Over [1 ms, 1 ms + 2 s]: burst + rate × 2 s.
        #expect(starts.filter { $0 <= 2_001_000_000 }.count == 25)
        let limiter = try? #require(result.metrics.flowControl?.consumers[0])
        #expect(limiter?.throttled == 95)
        #expect(limiter?.tokensGranted == 100)
        #expect(result.metrics.acked == 100)
        D.expectBalanced(result)
    }

    @Test func perInstanceLimitGivesEachInstanceItsBucket() {
        var consumer = ConsumerConfiguration(name: "w", source: QueueID(0), instances: 2, service: .constant(0.001))
        consumer.rateLimit = RateLimit(ratePerSecond: 10, burst: 1, perInstance: true)
        let model = SystemModel(name: "rl", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [D.burst(40)], consumers: [consumer])
        let (result, trace) = D.run(model)
        let starts = Self.times(trace, " start ")
        // Two buckets of 10/s: about 2 × (1 + 10 t) starts by t.
        #expect(starts.filter { $0 <= 1_002_000_000 }.count == 22)
        #expect(result.metrics.flowControl?.consumers[0]?.tokensGranted == 40)
        D.expectBalanced(result)
    }

    /// A crash while an instance waits for its token returns the message to the queue; the
    /// stale token event does nothing.
    @Test func crashWhileWaitingForATokenRequeues() {
        var consumer = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01))
        consumer.rateLimit = RateLimit(ratePerSecond: 1, burst: 1)
        let model = SystemModel(name: "rl", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [D.burst(2)], consumers: [consumer],
                                faults: [Fault(at: SimDuration(seconds: 0.5), target: .consumer(index: 0, instance: 0), restartAfter: SimDuration(seconds: 0.1))])
        let (result, trace) = D.run(model)
        #expect(result.metrics.acked == 2)
        #expect(trace.filter { $0.contains(" start ") }.count == 2)
        #expect(result.metrics.consumers[0].attempts == 2)
        D.expectBalanced(result)
    }

    /// A producer wanting 100/s behind a 10/s limit with burst 1 publishes every 100 ms from
    /// its first arrival (10 ms).
    @Test func producerLimitDelaysPublishes() {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 100), count: 20)
        producer.rateLimit = RateLimit(ratePerSecond: 10, burst: 1)
        let model = SystemModel(name: "rl", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [producer],
                                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.001))])
        let (result, trace) = D.run(model)
        let publishes = Self.times(trace, " publish ")
        #expect(publishes == (0..<20).map { 10_000_000 + Int64($0) * 100_000_000 })
        let limiter = result.metrics.flowControl?.producers[0].rateLimit
        #expect(limiter?.throttled == 19)
        #expect(result.metrics.published == 20 && result.metrics.acked == 20)
        D.expectBalanced(result)
    }

    // MARK: Queue capacity

    /// x-max-length 3 and m1…m5 with nobody consuming, as in the RabbitMQ probe.
    static func overflow(_ mode: QueueCapacity.Overflow, deadLetter: Bool = false, publishRetry: PublishRetry? = nil,
                         consumers: [ConsumerConfiguration] = []) -> (SimulationResult, [String]) {
        var queue = QueueConfiguration(name: "q", deadLetter: deadLetter ? DeadLetterPolicy(queue: QueueID(1)) : nil)
        queue.capacity = QueueCapacity(maxLength: 3, overflow: mode)
        let model = SystemModel(name: "cap", seed: 1, drainTimeout: SimDuration(seconds: 60),
                                queues: [queue, QueueConfiguration(name: "dlq")],
                                producers: [D.burst(5, publishRetry: publishRetry)], consumers: consumers)
        return D.run(model)
    }

    @Test func dropHeadKeepsTheNewestAndDropsTheOldest() {
        let (result, trace) = Self.overflow(.dropHead)
        let q = result.metrics.queues[0]
        #expect(trace.filter { $0.contains("drop:maxlen") }.map { $0.split(separator: " ")[2] } == ["m1", "m2"])
        #expect(q.dropped == 2 && q.droppedByReason[SettleReason.maxlen.rawValue] == 2 && q.remaining == 3)
        #expect(result.metrics.flowControl?.queues[0]?.headDropped == 2)
        D.expectBalanced(result)
    }

    @Test func dropHeadDeadLettersWithReasonMaxlen() {
        let (result, trace) = Self.overflow(.dropHead, deadLetter: true)
        #expect(trace.filter { $0.contains("deadLetter:maxlen") }.map { $0.split(separator: " ")[2] } == ["m1", "m2"])
        #expect(result.metrics.queues[0].deadLetteredByReason[SettleReason.maxlen.rawValue] == 2)
        #expect(result.metrics.queues[0].remaining == 3 && result.metrics.queues[1].remaining == 2)
        D.expectBalanced(result)
    }

    @Test func rejectPublishWithoutRetryDropsTheNewest() {
        let (result, trace) = Self.overflow(.rejectPublish)
        #expect(trace.filter { $0.contains("drop:overflow") }.map { $0.split(separator: " ")[2] } == ["m4", "m5"])
        let q = result.metrics.queues[0]
        #expect(q.dropped == 2 && q.droppedByReason[SettleReason.overflow.rawValue] == 2 && q.remaining == 3)
        #expect(result.metrics.flowControl?.producers[0].rejected == 2)
        #expect(result.metrics.flowControl?.producers[0].retried == 0)
        D.expectBalanced(result)
    }

    @Test func dropNewDiscardsArrivals() {
        let (result, trace) = Self.overflow(.dropNew)
        #expect(trace.filter { $0.contains("drop:overflow") }.map { $0.split(separator: " ")[2] } == ["m4", "m5"])
        #expect(result.metrics.flowControl?.queues[0]?.newDropped == 2)
        #expect(result.metrics.flowControl?.queues[0]?.rejected == 0)
        D.expectBalanced(result)
    }

    /// Backpressure: a refused publish is retried every 500 ms until the slow consumer has
    /// made room; nothing is dropped.
    @Test func rejectPublishWithRetryIsBackpressure() {
        let slow = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1))
        let (result, trace) = Self.overflow(.rejectPublish, publishRetry: PublishRetry(interval: SimDuration(seconds: 0.5)), consumers: [slow])
        // m1 goes straight to the consumer; m2–m4 fill the queue; m5 is refused at 5 ms and
        // retried at 505 ms (still full), then accepted at 1.005 s after m2 left at 1.001 s.
        #expect(trace.filter { $0.contains(" rejected ") }.count == 2)
        #expect(Self.times(trace, " republish m5") == [505_000_000, 1_005_000_000])
        #expect(result.metrics.acked == 5 && result.metrics.queues[0].dropped == 0)
        #expect(result.metrics.flowControl?.producers[0].retried == 2)
        D.expectBalanced(result)
    }

    @Test func plainModelHasNoFlowControlFigures() {
        let model = SystemModel(name: "plain", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [D.burst(3)],
                                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01))])
        #expect(D.run(model).0.metrics.flowControl == nil)
    }
}
