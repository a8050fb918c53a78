import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

/// `latency.fromIntendedSend`, `producers.<name>.publishDelay` and the `coordinatedOmission`
/// warning (Report+Omission.swift).
@Suite struct OmissionReportTests {
    /// Three messages due at t = 0 behind a token bucket of 1 msg/s; 0.5 s of processing each
    /// (publish delays 0, 1, 2 s; endToEnd 0.5 s; fromIntendedSend 0.5, 1.5, 2.5 s).
    static func model(rateLimit: RateLimit?) -> SystemModel {
        var producer = ProducerConfiguration(name: "feed", target: QueueID(0), arrivals: .interarrival(.constant(0)), count: 3)
        producer.rateLimit = rateLimit
        return SystemModel(name: "omission", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [producer],
                           consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.5))])
    }

    static func report(_ model: SystemModel) -> Report {
        var simulation = Simulation(model: model)
        return Report(result: simulation.run())
    }

    static func json(_ report: Report) throws -> String { try JSONRenderer().render([report]) }

    @Test func tokenBucketReportsBothLatenciesAndThePublishDelay() throws {
        let r = Self.report(Self.model(rateLimit: RateLimit(ratePerSecond: 1)))
        let intended = try #require(r.latency.fromIntendedSend)
        #expect(intended.count == 3 && intended.count == r.latency.endToEnd.count)
        #expect(abs((intended.max ?? 0) - 2.5) < 1e-9 && abs((r.latency.endToEnd.max ?? 0) - 0.5) < 1e-9)
        #expect(r.brokers["q"]?.latency.fromIntendedSend == intended)
        let delay = try #require(r.producers?["feed"]?.publishDelay)
        #expect(delay.count == 3 && abs((delay.max ?? 0) - 2) < 1e-9 && abs((delay.mean ?? 0) - 1) < 1e-9)
        // p99 2.5 s against 0.5 s: material, and said in plain words in every format.
        #expect(r.warnings.map(\.code) == [ReportWarning.coordinatedOmission])
        let message = try #require(r.warnings.first?.message)
        #expect(message.contains("p99 2.50 s from the intended send against 500 ms from the actual send"), "\(message)")
        #expect(message.contains("Producer feed (publish delay p99 2.00 s, max 2.00 s) fell behind its schedule"), "\(message)")
        let text = try TextRenderer().render([r])
        #expect(text.contains("  intended→ack         3"), "\(text)")
        #expect(text.contains("publish delay (intended → actual send) mean 1.00 s · p99 2.00 s · max 2.00 s"), "\(text)")
        #expect(text.contains("differs materially"))
        let markdown = try MarkdownRenderer().render([r])
        #expect(markdown.contains("| from intended send | 3 |"), "\(markdown)")
        #expect(markdown.contains("| feed | 3 | 1.00 s | 2.00 s | 2.00 s |"), "\(markdown)")
        #expect(markdown.contains("differs materially"))
        let json = try Self.json(r)
        #expect(json.contains("\"fromIntendedSend\"") && json.contains("\"publishDelay\""))
    }

    /// Publishes the producer meant to make before it stopped but never sent: `unsent` in
    /// JSON, a line in text, a column in Markdown (six of ten due, as in OmissionTests).
    @Test func unsentPublishesAreShownInEveryFormat() throws {
        var model = Self.model(rateLimit: RateLimit(ratePerSecond: 4))
        model.producers[0].arrivals = .constant(ratePerSecond: 10)
        model.producers[0].count = nil
        model.producers[0].duration = SimDuration(seconds: 1)
        let r = Self.report(model)
        #expect(r.producers?["feed"]?.unsent == 6)
        #expect(try Self.json(r).contains(#""unsent" : 6"#))
        let text = try TextRenderer().render([r])
        #expect(text.contains("unsent 6 (due before the producer stopped, never sent"), "\(text)")
        let markdown = try MarkdownRenderer().render([r])
        #expect(markdown.contains("| producer | publishes | publish delay mean | p99 | max | unsent |"), "\(markdown)")
        #expect(markdown.contains("| 450 ms | 6 |"), "\(markdown)")
        // None unsent: the key says 0, the text says nothing.
        let none = Self.report(Self.model(rateLimit: RateLimit(ratePerSecond: 1)))
        #expect(none.producers?["feed"]?.unsent == 0)
        #expect(!(try TextRenderer().render([none])).contains("unsent"))
    }

    /// Without a producer token bucket nothing can delay a producer: the keys are absent, so
    /// such reports stay byte for byte what they were (a leaky bucket's wait is already in
    /// endToEnd).
    @Test(arguments: [nil, RateLimit(ratePerSecond: 1, algorithm: .leakyBucket)])
    func unaffectedReportsHaveNoSuchKey(_ limit: RateLimit?) throws {
        let r = Self.report(Self.model(rateLimit: limit))
        #expect(r.latency.fromIntendedSend == nil)
        let json = try Self.json(r)
        #expect(!json.contains("fromIntendedSend") && !json.contains("publishDelay") && !json.contains("unsent"))
        #expect(!r.warnings.contains { $0.code == ReportWarning.coordinatedOmission })
        #expect(!(try TextRenderer().render([r])).contains("intended"))
    }

    /// A bucket that never makes the producer wait: both latencies agree and nothing is said.
    @Test func noWarningWhenTheProducerKeepsUp() throws {
        let r = Self.report(Self.model(rateLimit: RateLimit(ratePerSecond: 1, burst: 3)))
        #expect(r.latency.fromIntendedSend == r.latency.endToEnd)
        #expect(r.producers?["feed"]?.publishDelay?.max == 0)
        #expect(r.warnings.isEmpty)
    }
}
