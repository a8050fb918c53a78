import SimulationKernel
import Testing

@testable import MessagingModels

/// Coordinated omission (Simulation+Omission.swift): a producer behind a token bucket keeps its
/// schedule, and latency is measured from the intended send as well as from the actual one.
@Suite struct OmissionTests {
    typealias D = DeliverySemanticsTests

    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    /// Whether `value` [s] is `expected` to the nanosecond (histograms convert ns to s).
    static func exact(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < 1e-9
    }

    /// `count` messages all due at t = 0 behind a token bucket of 1 msg/s (burst 1); one
    /// consumer taking 0.5 s each.
    static func burstBehindBucket(_ count: Int) -> SystemModel {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .interarrival(.constant(0)), count: count)
        producer.rateLimit = RateLimit(ratePerSecond: 1, burst: 1)
        return SystemModel(name: "omission", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [producer],
                           consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.5))])
    }

    /// Three messages due at t = 0 go out at 0, 1 and 2 s: publish delays 0, 1, 2 s; each is
    /// processed at once (0.5 s), so endToEnd is 0.5 s for all and fromIntendedSend is
    /// 0.5, 1.5 and 2.5 s — endToEnd + delay, message by message.
    @Test func tokenBucketDelaysAreExact() throws {
        let (result, trace) = D.run(Self.burstBehindBucket(3))
        #expect(FlowControlTests.times(trace, " publish ") == [0, 1_000_000_000, 2_000_000_000])
        let delays = try #require(result.metrics.publishDelays?.first)
        #expect(delays.count == 3)
        #expect(Self.exact(delays.minimum, 0) && Self.exact(delays.maximum, 2) && Self.exact(delays.mean, 1))
        let latency = result.metrics.latency
        #expect(latency.endToEnd.count == 3)
        #expect(Self.exact(latency.endToEnd.minimum, 0.5) && Self.exact(latency.endToEnd.maximum, 0.5))
        #expect(latency.fromIntendedSend.count == 3)
        #expect(Self.exact(latency.fromIntendedSend.minimum, 0.5) && Self.exact(latency.fromIntendedSend.maximum, 2.5))
        #expect(Self.exact(latency.fromIntendedSend.mean, 1.5))
        #expect(Self.exact(result.metrics.queues[0].latency.fromIntendedSend.mean, 1.5))
        D.expectBalanced(result)
    }

    /// Ten messages due at t = 0, a token a second, and the producer publishes for 2.5 s: it
    /// sends at 0, 1 and 2 s; the next token (3 s) would come after it stops, so it is not
    /// taken — tokens used equal messages published, and two calls waited 1 s each (from the
    /// attempt after the previous send; the delay from the schedule is `publishDelay`).
    @Test func aTokenDueAfterTheProducerStopsIsNotTaken() throws {
        var model = Self.burstBehindBucket(10)
        model.producers[0].duration = Self.seconds(2.5)
        let (result, trace) = D.run(model)
        #expect(FlowControlTests.times(trace, " publish ") == [0, 1_000_000_000, 2_000_000_000])
        let limiter = try #require(result.metrics.flowControl?.producers.first?.rateLimit)
        #expect(limiter.tokensGranted == 3 && limiter.throttled == 2 && Self.exact(limiter.throttledSeconds, 2))
        D.expectBalanced(result)
    }

    /// Ten messages due at t = 0 behind a token a second, publishing for 2.5 s: three go out
    /// (0, 1, 2 s) and the seven the producer meant to send before it stopped are unsent —
    /// bounded by its `count`, not in the ledger.
    @Test func publishesCutByTheStopAreUnsent() throws {
        var model = Self.burstBehindBucket(10)
        model.producers[0].duration = Self.seconds(2.5)
        let (result, _) = D.run(model)
        #expect(result.metrics.published == 3)
        #expect(result.metrics.unsentPublishes == [7])
        D.expectBalanced(result)
    }

    /// Arrivals every 100 ms (0.1 … 1.0 s) behind 4 tokens/s, publishing for 1 s and no
    /// `count`: sends at 0.1, 0.35, 0.6 and 0.85 s; the next token (1.1 s) comes after the
    /// stop, so the six arrivals due from 0.5 s to 1.0 s are unsent. A producer that keeps
    /// up (burst 10) leaves none.
    @Test func unsentPublishesFollowTheSchedule() throws {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10))
        producer.duration = Self.seconds(1)
        producer.rateLimit = RateLimit(ratePerSecond: 4, burst: 1)
        var model = SystemModel(name: "unsent", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [producer],
                                consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.05))])
        let (behind, _) = D.run(model)
        #expect(behind.metrics.published == 4)
        #expect(behind.metrics.unsentPublishes == [6])
        model.producers[0].rateLimit = RateLimit(ratePerSecond: 4, burst: 10)
        let (keepingUp, _) = D.run(model)
        #expect(keepingUp.metrics.published == 10)
        #expect(keepingUp.metrics.unsentPublishes == [0])
    }

    /// A stream producer behind its token bucket (arrivals at 0.1, 0.2, 0.3 s; 4 tokens/s)
    /// appends at 0.1, 0.35 and 0.6 s; a group member takes 50 ms each. endToEnd is 50 ms for
    /// all, and the stream's fromIntendedSend adds each record's publish delay (0, 0.15,
    /// 0.3 s): 0.05, 0.2 and 0.35 s, in the stream's figures and the run's.
    @Test func streamRecordsKeepTheirPublishDelay() throws {
        var model = StreamModels.model(partitions: 1, rate: 10, count: 3, groups: [StreamModels.group("g")],
                                       consumers: [StreamModels.member("m", group: 0, service: .constant(0.05))])
        model.producers[0].rateLimit = RateLimit(ratePerSecond: 4, burst: 1)
        let (result, _) = D.run(model)
        let stream = try #require(result.metrics.streams.first).latency
        #expect(stream.endToEnd.count == 3 && Self.exact(stream.endToEnd.maximum, 0.05))
        #expect(stream.fromIntendedSend.count == 3)
        #expect(Self.exact(stream.fromIntendedSend.minimum, 0.05) && Self.exact(stream.fromIntendedSend.maximum, 0.35))
        #expect(Self.exact(stream.fromIntendedSend.mean, 0.2))
        #expect(result.metrics.latency.fromIntendedSend.count == 3)
        // Without a late-capable producer, nothing is kept or recorded.
        model.producers[0].rateLimit = nil
        let (plain, _) = D.run(model)
        #expect(plain.metrics.streams.first?.latency.fromIntendedSend.count == 0 && plain.metrics.publishDelays == nil)
    }

    /// The same messages behind a leaky bucket: the producer stays on its schedule (the
    /// messages wait in the bucket, inside endToEnd), so nothing is tracked.
    @Test func leakyBucketCannotFallBehind() {
        var model = Self.burstBehindBucket(3)
        model.producers[0].rateLimit = RateLimit(ratePerSecond: 1, algorithm: .leakyBucket)
        let (result, _) = D.run(model)
        #expect(result.metrics.publishDelays == nil)
        #expect(result.metrics.latency.fromIntendedSend.count == 0)
        // Waiting in the bucket counts from the publish: 0.5, 1.5 and 2.5 s end to end.
        #expect(Self.exact(result.metrics.latency.endToEnd.maximum, 2.5))
    }

    /// A Poisson producer at twice its limit (20/s offered, 10/s allowed, burst 1) falls
    /// further behind the longer it runs: the k-th message is due at about k/20 s and sent at
    /// k/10 s, so the mean publish delay is about a quarter of the run (5 s over 20 s, 10 s over
    /// 40 s), while messages sent 100 ms apart to a 1 ms consumer never wait in the queue.
    @Test(arguments: [(20.0, 5.0), (40.0, 10.0)])
    func latencyFromIntendedSendGrowsWithTheRun(_ duration: Double, _ expectedMeanDelay: Double) throws {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .poisson(ratePerSecond: 20))
        producer.rateLimit = RateLimit(ratePerSecond: 10, burst: 1)
        let model = SystemModel(name: "behind", seed: 5, duration: Self.seconds(duration), queues: [QueueConfiguration(name: "q")],
                                producers: [producer],
                                consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.001))])
        var simulation = Simulation(model: model)
        let ideal = simulation.qualifiesForIdealPath()
        #expect(!ideal)
        let result = simulation.run()
        let latency = result.metrics.latency
        // Flat: every message is processed the instant it is sent.
        #expect(Self.exact(latency.endToEnd.maximum, 0.001))
        let delays = try #require(result.metrics.publishDelays?.first)
        let meanDelay = try #require(delays.mean)
        #expect(abs(meanDelay - expectedMeanDelay) / expectedMeanDelay < 0.15, "mean publish delay \(meanDelay) s")
        let fromIntended = try #require(latency.fromIntendedSend.mean)
        #expect(abs(fromIntended - (meanDelay + 0.001)) < 1e-6)
        // Sent at the limit: 10/s over the run.
        #expect(abs(Double(result.metrics.published) - 10 * duration) <= 1)
        D.expectBalanced(result)
    }

    /// A dead-lettered message keeps the publish delay of the publish that made it.
    @Test func deadLetteredMessagesKeepTheirPublishDelay() throws {
        var queue = QueueConfiguration(name: "q")
        queue.deadLetter = DeadLetterPolicy(queue: QueueID(1), maxReceiveCount: 1)
        var model = Self.burstBehindBucket(3)
        model.queues = [queue, QueueConfiguration(name: "dlq")]
        model.consumers[0].failureRate = 1
        model.consumers.append(ConsumerConfiguration(name: "d", source: QueueID(1), service: .constant(0.5)))
        let (result, _) = D.run(model)
        // Each fails in q at once (0.5 s), then is processed in dlq (0.5 s): endToEnd 1 s,
        // fromIntendedSend 1, 2 and 3 s.
        let dlq = result.metrics.queues[1].latency
        #expect(dlq.endToEnd.count == 3 && Self.exact(dlq.endToEnd.minimum, 1) && Self.exact(dlq.endToEnd.maximum, 1))
        #expect(Self.exact(dlq.fromIntendedSend.minimum, 1) && Self.exact(dlq.fromIntendedSend.maximum, 3))
        #expect(Self.exact(dlq.fromIntendedSend.mean, 2))
        D.expectBalanced(result)
    }
}
