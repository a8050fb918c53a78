import MessagingModels
import SimulationKernel
import Testing

/// Consumers that pull (`ReceivePolling`): long and short polls, receive batches, and the
/// receive calls and empty receives counted per queue; exact small models with constant times.
@Suite struct ReceivePollingTests {
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    /// One message at `at` seconds.
    static func oneMessage(at: Double) -> ProducerConfiguration {
        ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .interarrival(.constant(at)), count: 1)
    }

    static func poller(_ polling: ReceivePolling, service: Double = 1, prefetch: Int = 1) -> ConsumerConfiguration {
        var c = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(service), prefetch: prefetch)
        c.polling = polling
        return c
    }

    static func run(_ producer: ProducerConfiguration, _ consumer: ConsumerConfiguration) -> ([Double], SimulationResult) {
        let model = SystemModel(name: "polling", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [producer], consumers: [consumer])
        var simulation = Simulation(model: model)
        var times: [Double] = []
        simulation.trace = { if $0.kind == "deliver" { times.append(($0.time.seconds * 1e6).rounded() / 1e6) } }
        let result = simulation.run()
        return (times, result)
    }

    @Test func aLongPollReturnsEmptyEveryWaitAndAtOnceWhenAMessageComes() {
        // receiveWait 20 s, one message at 50 s: empty receives at 20 and 40 s, delivery at 50 s.
        let (times, result) = Self.run(Self.oneMessage(at: 50), Self.poller(ReceivePolling(wait: Self.seconds(20))))
        #expect(times == [50])
        let q = result.metrics.queues[0]
        #expect(q.polled && q.receiveCalls == 3 && q.emptyReceives == 2)
        #expect(result.metrics.latency.endToEnd.mean == 1)
        #expect(result.end == SimTime.zero + Self.seconds(51))
        TestModels.expectBalanced(result)
    }

    @Test func aShortPollFindsTheMessageAtItsNextPoll() {
        // Polls every 3 s from 0: the message of 50 s waits for the poll at 51 s; the 17 polls
        // at 0, 3, …, 48 s were empty.
        let polling = ReceivePolling(wait: .zero, pollInterval: Self.seconds(3))
        let (times, result) = Self.run(Self.oneMessage(at: 50), Self.poller(polling))
        #expect(times == [51])
        let q = result.metrics.queues[0]
        #expect(q.receiveCalls == 18 && q.emptyReceives == 17)
        #expect(result.metrics.latency.queueWait.mean == 1 && result.metrics.latency.endToEnd.mean == 2)
        #expect(result.end == SimTime.zero + Self.seconds(52))
        TestModels.expectBalanced(result)
    }

    @Test func anIdleHourCostsNoEvents() {
        // One message after an hour: 180 empty long polls (20 s) or 3,600 empty short polls
        // (1 s), counted, not simulated.
        let long = Self.run(Self.oneMessage(at: 3_600), Self.poller(ReceivePolling(wait: Self.seconds(20)))).1
        #expect(long.metrics.queues[0].emptyReceives == 180 && long.events < 10)
        let short = Self.run(Self.oneMessage(at: 3_600.5), Self.poller(ReceivePolling())).1
        #expect(short.metrics.queues[0].emptyReceives == 3_601 && short.events < 10)
        #expect(short.end == SimTime.zero + Self.seconds(3_602))
    }

    @Test func aReceiveReturnsUpToMaxMessagesWithinTheCredit() {
        // Five messages by 0.5 s; short polls every second with batches of 2 and prefetch 10:
        // at 1 s the instance calls three times in a row (2 + 2 + 1 messages).
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 5)
        producer.count = 5
        let (times, result) = Self.run(producer, Self.poller(ReceivePolling(maxMessages: 2), service: 0.01, prefetch: 10))
        #expect(times == [1, 1, 1, 1, 1])
        let q = result.metrics.queues[0]
        // Empty: the poll at 0 s and the call right after the last batch (at 1 s, credit left).
        #expect(q.receiveCalls - q.emptyReceives == 3 && q.emptyReceives == 2)
        TestModels.expectBalanced(result)
    }

    @Test func theCreditCapsAReceiveBatch() {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 5)
        producer.count = 5
        let (times, result) = Self.run(producer, Self.poller(ReceivePolling(maxMessages: 10), service: 0.01, prefetch: 3))
        // Three at the poll of 1 s (prefetch 3); each ack gives one credit back, and the call
        // the instance makes then (at 1.01 and 1.02 s) takes one message.
        #expect(times == [1, 1, 1, 1.01, 1.02])
        #expect(result.metrics.queues[0].receiveCalls - result.metrics.queues[0].emptyReceives == 3)
        TestModels.expectBalanced(result)
    }
}
