import MessagingModels
import SimulationKernel
import Testing

/// Producers' send batches (`ProducerBatching`) and a broker ingress counted in calls
/// (`BrokerProfile.ingressUnit`): exact small models with constant times.
@Suite struct ProducerBatchingTests {
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }
    static let worker = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01))

    /// Messages at 0.1, 0.2, … s (10/s), `count` of them, in batches of `size` lingering `linger`.
    static func batcher(count: Int, size: Int, linger: Double) -> ProducerConfiguration {
        var p = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: count)
        p.batch = ProducerBatching(maxMessages: size, linger: seconds(linger))
        return p
    }

    /// (time, message id) of every delivery.
    static func deliveries(_ model: SystemModel) -> ([Double], SimulationResult) {
        var simulation = Simulation(model: model)
        var times: [Double] = []
        simulation.trace = { if $0.kind == "deliver" { times.append(($0.time.seconds * 1e6).rounded() / 1e6) } }
        let result = simulation.run()
        return (times, result)
    }

    @Test func aFullBatchLeavesAtOnceAndAPartialOneAfterItsLinger() throws {
        // Created at 0.1 … 0.5 s in batches of 2 lingering 1 s: {0.1, 0.2} leaves full at 0.2,
        // {0.3, 0.4} at 0.4, {0.5} when its linger ends at 1.5 s.
        let model = SystemModel(name: "batches", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.batcher(count: 5, size: 2, linger: 1)], consumers: [Self.worker])
        let (times, result) = Self.deliveries(model)
        #expect(times == [0.2, 0.21, 0.4, 0.41, 1.5])
        let batching = try #require(result.metrics.batching?.first)
        #expect(batching.batches == 3 && batching.messages == 5)
        // Waits 0.1, 0, 0.1, 0, 1.0 s.
        #expect(abs(batching.waitSeconds - 1.2) < 1e-9 && abs(batching.meanSize - 5.0 / 3) < 1e-12)
        // The wait in the batch is part of the end-to-end latency: (0.11 + 0.02 + 0.11 + 0.02 + 1.01) / 5.
        #expect(abs(try #require(result.metrics.latency.endToEnd.mean) - 0.254) < 1e-9)
        #expect(result.end == SimTime.zero + Self.seconds(1.51))
        TestModels.expectBalanced(result)
    }

    @Test func aZeroLingerBatchesOnlyMessagesOfTheSameInstant() throws {
        let model = SystemModel(name: "no-linger", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.batcher(count: 3, size: 10, linger: 0)], consumers: [Self.worker])
        let (times, result) = Self.deliveries(model)
        #expect(times == [0.1, 0.2, 0.3])
        let batching = try #require(result.metrics.batching?.first)
        #expect(batching.batches == 3 && batching.waitSeconds == 0)
    }

    /// A 5-per-second ingress (0.2 s a slot) counting `unit`, fed batches of 2 at 0.2 and 0.4 s.
    static func ingressRun(_ unit: BrokerProfile.IngressUnit) -> ([Double], SimulationResult) {
        var q = QueueConfiguration(name: "q")
        q.profile = BrokerProfile(messagesPerSecond: 5, ingressUnit: unit)
        let model = SystemModel(name: "ingress-\(unit)", seed: 1, queues: [q],
                                producers: [Self.batcher(count: 4, size: 2, linger: 1)], consumers: [Self.worker])
        return Self.deliveries(model)
    }

    @Test func aBatchTakesOneSlotOfAnIngressCountedInCalls() {
        // Calls: the first batch is stored at 0.4 s, the second (sent at 0.4) at 0.6 s.
        let (times, result) = Self.ingressRun(.calls)
        #expect(times == [0.4, 0.41, 0.6, 0.61])
        let ingress = result.metrics.queues[0].ingress
        #expect(abs(ingress.busySeconds - 0.4) < 1e-9 && ingress.publishLatency.count == 4)
        TestModels.expectBalanced(result)
    }

    @Test func aBatchTakesASlotPerMessageOfAnIngressCountedInMessages() {
        // Messages: the first batch takes 0.4 s (stored at 0.6), the second 0.6 … 1.0 s.
        let (times, result) = Self.ingressRun(.messages)
        #expect(times == [0.6, 0.61, 1.0, 1.01])
        #expect(abs(result.metrics.queues[0].ingress.busySeconds - 0.8) < 1e-9)
        TestModels.expectBalanced(result)
    }

    @Test func messagesStillInABatchAtTheDrainDeadlineAreRemaining() {
        var p = Self.batcher(count: 3, size: 10, linger: 100)
        p.count = 3
        let model = SystemModel(name: "stuck", seed: 1, duration: Self.seconds(1), drainTimeout: Self.seconds(1),
                                queues: [QueueConfiguration(name: "q")], producers: [p], consumers: [Self.worker])
        let result = TestModels.run(model)
        #expect(result.metrics.queues[0].remaining == 3 && result.metrics.acked == 0)
        TestModels.expectBalanced(result)
    }
}
