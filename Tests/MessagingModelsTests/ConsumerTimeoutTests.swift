import Testing
import MessagingModels
import SimulationKernel

/// RabbitMQ's broker-side consumer timeout (`QueueConfiguration.consumerTimeout`) on small
/// exact cases.
@Suite struct ConsumerTimeoutTests {
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    /// `count` messages 1 ms apart from t = 1 ms.
    static func burst(_ count: Int) -> ProducerConfiguration {
        ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1000), count: count)
    }

    /// Three messages prefetched by one instance that takes 4 s each: m3, delivered at
    /// 0.003 s, is still unacked (in progress since 8.001 s) when its 10 s run out at
    /// 10.003 s. The broker closes the channel, requeues m3 (the only message it still holds)
    /// and the instance, on its new channel, gets it again at once: done at 14.003 s instead
    /// of 12.001 s, with one abandoned attempt and one redelivery. A 30-minute timeout never
    /// fires.
    @Test(arguments: [(10.0, true), (1_800.0, false)])
    func aLateAckClosesTheChannelAndRequeuesWhatItHolds(_ timeout: Double, _ fires: Bool) {
        var queue = QueueConfiguration(name: "q")
        queue.consumerTimeout = Self.seconds(timeout)
        let model = SystemModel(
            name: "timeout", seed: 1, queues: [queue], producers: [Self.burst(3)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(4), prefetch: 3)])
        var lines: [String] = []
        var simulation = Simulation(model: model)
        simulation.trace = { lines.append($0.description) }
        let result = simulation.run()
        let q = result.metrics.queues[0]
        #expect(q.consumerTimeout == Self.seconds(timeout))
        #expect(q.channelsClosed == (fires ? 1 : 0))
        #expect(q.timeoutRequeues == (fires ? 1 : 0))
        #expect(q.redeliveries == (fires ? 1 : 0))
        #expect(q.acked == 3 && q.isBalanced)
        #expect(result.metrics.consumers[0].attempts == (fires ? 4 : 3))
        #expect(result.metrics.consumers[0].processed == 3)
        #expect(result.end == SimTime.zero + Self.seconds(fires ? 14.003 : 12.001))
        #expect(lines.contains("10003000000 consumerTimeout m3 c") == fires)
    }

    /// A message whose processing always outlasts the timeout is requeued each time, until
    /// the queue's delivery limit dead-letters it: with maxReceiveCount 2 it is delivered at
    /// 0.001 s and 10.001 s, and at 20.001 s, when its second delivery times out, it goes to
    /// the dead-letter queue instead of a third delivery.
    @Test func aJobLongerThanTheTimeoutIsRequeuedUntilItsDeliveryLimit() {
        var queue = QueueConfiguration(name: "q", deadLetter: DeadLetterPolicy(queue: QueueID(1), maxReceiveCount: 2))
        queue.consumerTimeout = Self.seconds(10)
        let model = SystemModel(
            name: "timeout", seed: 1, queues: [queue, QueueConfiguration(name: "dlq")], producers: [Self.burst(1)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(15))])
        let result = TestModels.run(model)
        let q = result.metrics.queues[0]
        #expect(q.channelsClosed == 2)
        #expect(q.timeoutRequeues == 2)
        #expect(q.deadLettered == 1)
        #expect(result.metrics.consumers[0].attempts == 2)
        #expect(result.metrics.consumers[0].processed == 0)
        #expect(result.metrics.queues[1].remaining == 1)
        // The run ends with the last event: the end of the abandoned second attempt (10.001 s
        // + 15 s), which no longer counts.
        #expect(result.end == SimTime.zero + Self.seconds(25.001))
        #expect(q.isBalanced && result.metrics.queues[1].isBalanced)
    }
}
