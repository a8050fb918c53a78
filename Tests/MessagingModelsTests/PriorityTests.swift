import Testing
import MessagingModels
import SimulationKernel

/// Priority queues on crafted systems, with exact expected delivery orders.
@Suite struct PriorityTests {
    typealias D = DeliverySemanticsTests

    /// One message at `at` seconds with a fixed priority (nil: none).
    static func one(_ name: String, at: Double, priority: Int?) -> ProducerConfiguration {
        var p = ProducerConfiguration(name: name, target: QueueID(0), arrivals: .constant(ratePerSecond: 1 / at), count: 1)
        p.priority = priority.map { WeightedChoice(fixed: $0) }
        return p
    }

    /// Messages m1… published 1 ms apart with these priorities into a queue with
    /// `maxPriority`; the consumer is down until `downUntil` (nil: always up).
    static func deliveries(_ priorities: [Int?], maxPriority: Int?, downUntil: Double?) -> ([String], SimulationResult) {
        var queue = QueueConfiguration(name: "q")
        queue.maxPriority = maxPriority
        let producers = priorities.enumerated().map { one("p\($0.offset)", at: 0.001 * Double($0.offset + 1), priority: $0.element) }
        let faults = downUntil.map { [Fault(at: .zero, target: .consumer(index: 0, instance: 0), restartAfter: SimDuration(seconds: $0))] } ?? []
        let model = SystemModel(name: "prio", seed: 1, queues: [queue], producers: producers,
                                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01))],
                                faults: faults)
        let (result, trace) = D.run(model)
        D.expectBalanced(result)
        return (trace.filter { $0.contains(" deliver ") }.map { String($0.split(separator: " ")[2]) }, result)
    }

    @Test func waitingMessagesAreDeliveredHighestPriorityFirstFIFOWithinALevel() {
        let (order, _) = Self.deliveries([0, 5, 9, nil, 9, 5], maxPriority: 9, downUntil: 1)
        #expect(order == ["m3", "m5", "m2", "m6", "m1", "m4"])
    }

    /// RabbitMQ probe 5: a priority above the maximum counts as the maximum and stays FIFO
    /// with it.
    @Test func priorityAboveTheMaximumCountsAsTheMaximum() {
        let (order, _) = Self.deliveries([1, 200, 10, 0], maxPriority: 10, downUntil: 1)
        #expect(order == ["m2", "m3", "m1", "m4"])
    }

    /// A consumer with credit takes a message as it arrives, so only messages that wait are
    /// reordered (RabbitMQ probe 5, prefetch 1 with slow acks): m1 goes straight to the idle
    /// worker; m2 and m3 wait behind its 10 ms attempt, and m3 (priority 9) overtakes m2.
    @Test func onlyWaitingMessagesAreReordered() {
        let (order, _) = Self.deliveries([0, 5, 9], maxPriority: 9, downUntil: nil)
        #expect(order == ["m1", "m3", "m2"])
    }

    @Test func aQueueWithoutMaxPriorityIgnoresPriorities() {
        let (order, result) = Self.deliveries([0, 5, 9], maxPriority: nil, downUntil: 1)
        #expect(order == ["m1", "m2", "m3"])
        // The latency is still reported per priority.
        #expect(result.metrics.latencyByPriority.map(\.priority) == [0, 5, 9])
        #expect(result.metrics.latencyByPriority.map(\.endToEnd.count) == [1, 1, 1])
    }

    @Test func drawnPrioritiesFollowTheWeightsAndDependOnlyOnTheId() {
        let choice = WeightedChoice([0, 5, 9], weights: [8, 1, 1])
        let salt = MessagePriority.salt(seed: 1, producer: "p")
        let draws = (1...20_000).map { MessagePriority.draw(choice, id: UInt64($0), salt: salt) }
        let share = Double(draws.filter { $0 == 0 }.count) / Double(draws.count)
        #expect(abs(share - 0.8) < 0.02)
        #expect(draws == (1...20_000).map { MessagePriority.draw(choice, id: UInt64($0), salt: salt) })
        #expect(MessagePriority.draw(WeightedChoice(fixed: 7), id: 1, salt: salt) == 7)
    }
}
