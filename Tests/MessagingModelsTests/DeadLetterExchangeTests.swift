import Testing
import MessagingModels
import SimulationKernel

/// RabbitMQ dead-letter exchanges: a rejected message is republished through the queue's
/// dead-letter exchange, with the dead-letter routing key or its own.
@Suite struct DeadLetterExchangeTests {
    typealias R = RoutingEngineTests

    /// Queues: 0 work, 1 dead-a, 2 dead-b, 3 parked. A worker that rejects everything
    /// (failure, one attempt) on `work`.
    static func model(exchange: ExchangeConfiguration, routingKey: String?, producerKey: String = "orders.eu") -> SystemModel {
        var work = QueueConfiguration(name: "work")
        work.deadLetterExchange = DeadLetterExchange(exchange: ExchangeID(0), routingKey: routingKey)
        var failing = ConsumerConfiguration(name: "worker", source: QueueID(0), service: .constant(0.01), failureRate: 1,
                                            retry: RetryPolicy(maxAttempts: 1))
        failing.onFailure = []
        return SystemModel(
            name: "dlx", seed: 1, drainTimeout: SimDuration(seconds: 5),
            queues: [work, QueueConfiguration(name: "dead-a"), QueueConfiguration(name: "dead-b"), QueueConfiguration(name: "parked")],
            exchanges: [exchange],
            producers: [R.producer(to: .queue(QueueID(0)), count: 3, routingKey: producerKey)],
            consumers: [failing])
    }

    @Test func fanoutDeadLetterExchangeCopiesToEveryBoundQueue() {
        let dlx = R.exchange("dlx", .fanout, [(.queue(QueueID(1)), ""), (.queue(QueueID(2)), "")])
        let result = R.run(Self.model(exchange: dlx, routingKey: nil))
        #expect(result.metrics.queues[0].deadLettered == 3)
        #expect(result.metrics.queues[0].deadLetteredByReason[SettleReason.rejected.rawValue] == 3)
        #expect(R.enqueued(result) == [3, 3, 3, 0])
        #expect(result.metrics.queues[1].remaining == 3 && result.metrics.queues[2].remaining == 3)
        // Dead-lettering publishes to the exchange: 3 messages, 6 copies.
        #expect(result.metrics.routing.exchanges[0].published == 3 && result.metrics.routing.exchanges[0].copies == 6)
        R.expectBalanced(result)
    }

    @Test func deadLetterRoutingKeyReplacesTheMessagesOwn() {
        let dlx = R.exchange("dlx", .direct, [(.queue(QueueID(1)), "orders.eu"), (.queue(QueueID(3)), "parked")])
        let own = R.run(Self.model(exchange: dlx, routingKey: nil))
        #expect(R.enqueued(own) == [3, 3, 0, 0])     // routed by the message's key
        let replaced = R.run(Self.model(exchange: dlx, routingKey: "parked"))
        #expect(R.enqueued(replaced) == [3, 0, 0, 3])
        R.expectBalanced(own)
        R.expectBalanced(replaced)
    }

    @Test func unroutableDeadLetterEndsAsDeadLettered() {
        let dlx = R.exchange("dlx", .direct, [(.queue(QueueID(1)), "nothing-matches")])
        let result = R.run(Self.model(exchange: dlx, routingKey: nil))
        #expect(result.metrics.queues[0].deadLettered == 3)
        #expect(R.enqueued(result) == [3, 0, 0, 0])
        #expect(result.metrics.routing.unroutable == 3)
        #expect(result.metrics.routing.exchanges[0].published == 3 && result.metrics.routing.exchanges[0].unroutable == 3)
        #expect(result.stopReason == .completed)
        R.expectBalanced(result)
    }
}
