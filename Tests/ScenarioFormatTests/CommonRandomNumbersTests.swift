import Foundation
import MessagingModels
import ScenarioFormat
import SimulationKernel
import Testing

/// Each purpose draws from its own stream (`RandomPurpose`): changing what one purpose does
/// must leave every other purpose's draws where they were, so variants and technologies being
/// compared see the same workload.
@Suite struct CommonRandomNumbersTests {
    /// A scenario with one Poisson producer and one consumer instance; `producerExtra` and
    /// `consumerExtra` are spliced into the producer and consumer objects, `queueExtra` into
    /// the queue.
    static func scenario(producerExtra: String = "", consumerExtra: String = "", queueExtra: String = "") -> String {
        #"""
        {"name": "crn", "seed": 7,
         "brokers": [{"name": "jobs", "type": "queue"\#(queueExtra)}, {"name": "dlq", "type": "queue"}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 50}},
                        "count": 400\#(producerExtra)}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs",
                        "service": {"exponential": {"mean": "30ms"}}\#(consumerExtra)},
                       {"name": "sink", "consumeFrom": "dlq", "service": {"constant": "1ms"}}]}
        """#
    }

    static func trace(_ text: String) throws -> [TraceEntry] {
        let scenario = try Scenario.decode(Data(text.utf8), file: "crn.json")
        return TestModels.traced(scenario.model).1
    }

    /// Publish times of the producer's messages, in order.
    static func publishTimes(_ entries: [TraceEntry]) -> [Int64] {
        entries.filter { $0.kind == "publish" && $0.entity == "web" }.map(\.time.nanoseconds)
    }

    /// The lengths of the consumer's processing attempts, in order: with a backlog from time 0
    /// the single instance starts each attempt as the previous one ends, so the gaps between
    /// its starts are the service draws (all but the last).
    static func attemptLengths(_ entries: [TraceEntry]) -> [Int64] {
        let starts = entries.filter { $0.kind == "start" && $0.entity == "workers" }.map(\.time.nanoseconds)
        return zip(starts.dropFirst(), starts).map { $0 - $1 }
    }

    @Test(arguments: [
        // A producer's poison fraction, keys and priorities draw from their own streams.
        #", "message": {"poisonFraction": 0.1}"#,
        #", "message": {"keys": {"values": ["a", "b", "c"]}}"#,
        #", "message": {"priority": {"oneOf": [0, 5, 9], "weights": [8, 1, 1]}}"#,
    ])
    func publishTimesDoNotMoveWithMessageProperties(producerExtra: String) throws {
        let base = Self.publishTimes(try Self.trace(Self.scenario()))
        let variant = Self.publishTimes(try Self.trace(Self.scenario(producerExtra: producerExtra)))
        #expect(base.count == 400)
        #expect(variant == base)
    }

    @Test(arguments: [
        #", "failureRate": 0.2"#,
        #", "failureRate": 0.2, "retry": {"maxAttempts": 3, "backoff": {"constant": "5ms"}, "jitter": "full"}"#,
    ])
    func publishTimesAndServiceDrawsDoNotMoveWithConsumerFailures(consumerExtra: String) throws {
        // A backlog at time 0 keeps the one instance busy back to back.
        let backlog = #", "initialBacklog": 300"#
        let base = try Self.trace(Self.scenario(queueExtra: backlog))
        let variant = try Self.trace(Self.scenario(consumerExtra: consumerExtra, queueExtra: backlog))
        #expect(Self.publishTimes(variant) == Self.publishTimes(base))
        let baseLengths = Self.attemptLengths(base)
        let variantLengths = Self.attemptLengths(variant)
        // Failures add attempts (retries) but every attempt draws its service time from the
        // same stream, in the same order.
        #expect(variantLengths.count > 300)
        #expect(Array(variantLengths.prefix(baseLengths.count)) == baseLengths)
        #expect(baseLengths.count > 600)
    }
}
