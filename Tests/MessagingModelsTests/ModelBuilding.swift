import Foundation
import MessagingModels
import SimulationKernel

/// Small helpers for building models in tests.
enum TestModels {
    /// One queue, one Poisson producer, one consumer with `servers` instances.
    static func singleQueue(
        name: String = "test", seed: UInt64 = 1, arrivalRate: Double, count: Int? = nil,
        producerDuration: Double? = nil, duration: Double? = nil, servers: Int, service: Distribution,
        warmup: Double = 0, drainTimeout: Double = 3600, prefetch: Int = 1
    ) -> SystemModel {
        SystemModel(
            name: name, seed: seed, duration: duration.map(SimDuration.init(seconds:)),
            warmup: SimDuration(seconds: warmup), drainTimeout: SimDuration(seconds: drainTimeout),
            queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(
                name: "p", target: QueueID(0), arrivals: .poisson(ratePerSecond: arrivalRate), count: count,
                duration: producerDuration.map(SimDuration.init(seconds:)))],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), instances: servers, service: service, prefetch: prefetch)])
    }

    static func run(_ model: SystemModel) -> SimulationResult {
        var simulation = Simulation(model: model)
        return simulation.run()
    }

    /// Runs `model` and returns its trace as lines.
    static func trace(_ model: SystemModel) -> [String] {
        final class Box: @unchecked Sendable { var lines: [String] = [] }
        let box = Box()
        var simulation = Simulation(model: model)
        simulation.trace = { box.lines.append($0.description) }
        _ = simulation.run()
        return box.lines
    }
}

/// The public test vectors copied from ../shared/cases into Tests/Fixtures/cases.
enum Fixtures {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cases/\(name)")
    }

    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(name)))
    }
}
