import MessagingModels
import SimulationKernel
import Testing

/// Short polls with a back-off (`ReceivePolling.maxBackoff`) and short-poll sampling
/// (`QueueConfiguration.shortPollSampling`): exact poll times with constant arrivals, and the
/// fraction of false empty receives within a stated tolerance.
@Suite struct PollBackoffAndSamplingTests {
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    static func run(_ queue: QueueConfiguration, _ producer: ProducerConfiguration, _ polling: ReceivePolling,
                    service: Double = 0.01, seed: UInt64 = 1) -> ([Double], SimulationResult) {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(service), prefetch: 1)
        consumer.polling = polling
        let model = SystemModel(name: "polling", seed: seed, queues: [queue], producers: [producer], consumers: [consumer])
        var simulation = Simulation(model: model)
        var times: [Double] = []
        simulation.trace = { if $0.kind == "deliver" { times.append(($0.time.seconds * 1e6).rounded() / 1e6) } }
        let result = simulation.run()
        return (times, result)
    }

    @Test func theBackoffDoublesFromThePollIntervalUpToItsMost() {
        // 1 s doubling to 8 s: polls at offsets 0, 1, 3, 7, 15, 23, 31, …
        let polling = ReceivePolling(pollInterval: Self.seconds(1), maxBackoff: Self.seconds(8))
        let times: [Double] = [0, 1, 3, 7, 15, 23, 31, 39]
        let polls = times.map { polling.firstPoll(atOrAfter: Self.seconds($0).nanoseconds) }
        #expect(polls.map(\.index) == Array(0...7))
        #expect(polls.map(\.offset) == times.map { Self.seconds($0).nanoseconds })
        // Between two polls: the next one.
        let next = polling.firstPoll(atOrAfter: Self.seconds(16).nanoseconds)
        #expect(next.index == 5 && next.offset == Self.seconds(23).nanoseconds)
        // Without a back-off: every second.
        let constant = ReceivePolling(pollInterval: Self.seconds(1)).firstPoll(atOrAfter: Self.seconds(16.5).nanoseconds)
        #expect(constant.index == 17 && constant.offset == Self.seconds(17).nanoseconds)
    }

    @Test func aBackedOffPollerFindsAMessageAtItsNextBackedOffPoll() {
        // Polls at 0, 1, 3, 7, 15, 23 s: the message of 16 s is received at 23 s after 5
        // empty polls; its ack at 23.01 s ends the run (no poll at the very end).
        let producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .interarrival(.constant(16)), count: 1)
        let polling = ReceivePolling(pollInterval: Self.seconds(1), maxBackoff: Self.seconds(8))
        let (times, result) = Self.run(QueueConfiguration(name: "q"), producer, polling)
        #expect(times == [23])
        let q = result.metrics.queues[0]
        #expect(q.receiveCalls == 6 && q.emptyReceives == 5)
        #expect(result.metrics.latency.queueWait.mean == 7)
        TestModels.expectBalanced(result)
    }

    @Test func withoutSamplingEveryShortPollSeesTheVisibleMessages() {
        // shortPollSampling 1 is today's model: same deliveries, calls and no falseEmpty.
        let producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 3), count: 30)
        let polling = ReceivePolling(pollInterval: Self.seconds(0.5))
        var sampled = QueueConfiguration(name: "q")
        sampled.shortPollSampling = 1
        let plain = Self.run(QueueConfiguration(name: "q"), producer, polling)
        let one = Self.run(sampled, producer, polling)
        #expect(plain.0 == one.0)
        #expect(plain.1.metrics.queues[0].receiveCalls == one.1.metrics.queues[0].receiveCalls)
        #expect(plain.1.metrics.queues[0].emptyReceives == one.1.metrics.queues[0].emptyReceives)
        #expect(one.1.metrics.queues[0].falseEmptyReceives == 0 && !one.1.metrics.queues[0].samplesShortPolls)
    }

    /// One message every 100 s (one visible at a time), short polls every second, sampling p:
    /// each poll sees the message with probability p, so the false empty polls per message are
    /// geometric with mean (1 − p) / p.
    @Test(arguments: [0.25, 0.5, 0.8])
    func falseEmptyReceivesFollowTheSamplingChance(p: Double) {
        let messages = 4_000
        let producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .interarrival(.constant(100)), count: messages)
        var queue = QueueConfiguration(name: "q")
        queue.shortPollSampling = p
        // Processing takes 1 s, so the next idle stretch starts on a whole second and polls
        // meet each message the second it arrives.
        let (times, result) = Self.run(queue, producer, ReceivePolling(pollInterval: Self.seconds(1)), service: 1)
        let q = result.metrics.queues[0]
        #expect(times.count == messages && q.samplesShortPolls)
        let perMessage = Double(q.falseEmptyReceives) / Double(messages)
        let expected = (1 - p) / p
        // Standard deviation of the mean: sqrt((1 − p) / p²) / sqrt(4,000) ≤ 0.055; 4 σ.
        #expect(abs(perMessage - expected) < 4 * ((1 - p).squareRoot() / p) / Double(messages).squareRoot())
        // Every false empty is an empty receive; a message waits one second per miss.
        #expect(q.emptyReceives >= q.falseEmptyReceives)
        #expect(abs((result.metrics.latency.queueWait.mean ?? -1) - perMessage) < 1e-6)
        TestModels.expectBalanced(result)
    }

    @Test func samplingIsDeterministicAndDrawsFromItsOwnStream() {
        let producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .poisson(ratePerSecond: 2), count: 200)
        var queue = QueueConfiguration(name: "q")
        queue.shortPollSampling = 0.5
        let polling = ReceivePolling(maxMessages: 3, pollInterval: Self.seconds(0.2))
        let first = Self.run(queue, producer, polling)
        let second = Self.run(queue, producer, polling)
        #expect(first.0 == second.0)
        #expect(first.1.metrics.queues[0].falseEmptyReceives == second.1.metrics.queues[0].falseEmptyReceives)
        #expect(first.1.metrics.queues[0].falseEmptyReceives > 0)
        // The publish times do not move with the sampling (common random numbers).
        let unsampled = Self.run(QueueConfiguration(name: "q"), producer, polling)
        #expect(first.1.metrics.published == unsampled.1.metrics.published)
        #expect(first.1.metrics.latency.endToEnd.count == unsampled.1.metrics.latency.endToEnd.count)
        #expect((first.1.metrics.latency.queueWait.mean ?? 0) > (unsampled.1.metrics.latency.queueWait.mean ?? 0))
    }

    @Test func longPollsSeeEveryMessage() {
        let producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .interarrival(.constant(10)), count: 50)
        var queue = QueueConfiguration(name: "q")
        queue.shortPollSampling = 0.1
        let (times, result) = Self.run(queue, producer, ReceivePolling(wait: Self.seconds(20)))
        #expect(times == (1...50).map { Double($0 * 10) })
        #expect(result.metrics.queues[0].falseEmptyReceives == 0)
    }
}
