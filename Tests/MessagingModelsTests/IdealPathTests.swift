import MessagingModels
import SimulationKernel
import Testing

@testable import MessagingModels

/// The ideal path (Simulation+IdealPath.swift) must give exactly what the general path gives:
/// every model below runs both ways and the results are compared by their full reflection
/// (every stored field, histogram buckets and depth series included).
@Suite struct IdealPathTests {
    /// Runs `model` with or without the ideal path; returns the result and whether it was taken.
    static func run(_ model: SystemModel, ideal: Bool) -> (result: SimulationResult, tookIdealPath: Bool) {
        var simulation = Simulation(model: model)
        simulation.idealPathAllowed = ideal
        let took = simulation.qualifiesForIdealPath()
        return (simulation.run(), took)
    }

    static func twoQueues(ack: AckMode, prefetch: Int) -> SystemModel {
        SystemModel(
            name: "two-queues", seed: 11, duration: SimDuration(seconds: 400), warmup: SimDuration(seconds: 20),
            drainTimeout: SimDuration(seconds: 30),
            queues: [QueueConfiguration(name: "a"), QueueConfiguration(name: "b")],
            producers: [
                ProducerConfiguration(name: "pa", target: QueueID(0), arrivals: .poisson(ratePerSecond: 5)),
                ProducerConfiguration(name: "pb", target: QueueID(1), arrivals: .constant(ratePerSecond: 3), count: 900),
                ProducerConfiguration(name: "pa2", target: QueueID(0), arrivals: .interarrival(.uniform(min: 0.1, max: 0.5))),
            ],
            consumers: [
                ConsumerConfiguration(name: "ca", source: QueueID(0), instances: 3, service: .erlang(k: 2, mean: 0.6),
                                      prefetch: prefetch, ack: ack),
                ConsumerConfiguration(name: "ca-slow", source: QueueID(0), instances: 1, service: .exponential(mean: 2),
                                      prefetch: prefetch, ack: ack),
                ConsumerConfiguration(name: "cb", source: QueueID(1), instances: 1, service: .constant(0.3), ack: ack),
            ])
    }

    static let models: [SystemModel] = [
        // The benchmark's M/M/1, with a warm-up.
        TestModels.singleQueue(seed: 7, arrivalRate: 0.9, count: 20_000, servers: 1, service: .exponential(mean: 1), warmup: 100),
        // M/M/4 with prefetch 3, bounded by a duration (a backlog left at the drain deadline).
        TestModels.singleQueue(seed: 3, arrivalRate: 4.5, duration: 2_000, servers: 4, service: .exponential(mean: 1),
                               drainTimeout: 5, prefetch: 3),
        twoQueues(ack: .manual, prefetch: 1),
        twoQueues(ack: .manual, prefetch: 5),
        twoQueues(ack: .auto, prefetch: 1),
    ]

    @Test(arguments: models.indices)
    func idealPathGivesTheGeneralPathsResult(index: Int) {
        let model = Self.models[index]
        let ideal = Self.run(model, ideal: true)
        let general = Self.run(model, ideal: false)
        #expect(ideal.tookIdealPath)
        #expect(!general.tookIdealPath)
        #expect(general.result.metrics.acked > 1_000)
        #expect(String(reflecting: ideal.result) == String(reflecting: general.result))
    }

    @Test func aModelWithAFeatureTakesTheGeneralPath() {
        var failing = TestModels.singleQueue(arrivalRate: 1, count: 100, servers: 1, service: .exponential(mean: 0.5))
        failing.consumers[0].failureRate = 0.1
        #expect(!Self.run(failing, ideal: true).tookIdealPath)
        var batching = TestModels.singleQueue(arrivalRate: 1, count: 100, servers: 1, service: .exponential(mean: 0.5))
        batching.producers[0].batch = ProducerBatching(maxMessages: 10, linger: SimDuration(seconds: 1))
        #expect(!Self.run(batching, ideal: true).tookIdealPath)
        var polling = TestModels.singleQueue(arrivalRate: 1, count: 100, servers: 1, service: .exponential(mean: 0.5))
        polling.consumers[0].polling = ReceivePolling(wait: SimDuration(seconds: 20))
        #expect(!Self.run(polling, ideal: true).tookIdealPath)
        var traced = Simulation(model: TestModels.singleQueue(arrivalRate: 1, count: 100, servers: 1, service: .constant(0.5)))
        traced.trace = { _ in }
        let qualifies = traced.qualifiesForIdealPath()
        #expect(!qualifies)
    }
}
