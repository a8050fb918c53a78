import Foundation
import Testing
@testable import Experiments
import MessagingModels
import ScenarioFormat
import SimulationKernel

/// The run library: one run, replications in parallel, variants on common random numbers.
@Suite struct RunnerTests {
    static let json = """
    {"name": "runner", "seed": 9, "duration": "20s",
     "brokers": [{"name": "jobs"}],
     "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 50}}}],
     "consumers": [{"name": "workers", "consumeFrom": "jobs", "instances": 3, "service": {"exponential": {"mean": "50ms"}}}]}
    """

    static func scenario(_ sets: [String] = []) throws -> Scenario {
        let overrides = try sets.map { text throws(ScenarioError) in try ScenarioOverride(text) }
        return try Scenario.decode(Data(json.utf8), file: "runner.json", overrides: overrides)
    }

    @Test func replicationsDoNotDependOnThreadsOrOnHowManyAreRun() throws {
        let scenario = try Self.scenario()
        let serial = Runner.replications(scenario, count: 4, workers: 1).map(\.report)
        let parallel = Runner.replications(scenario, count: 4, workers: 4).map(\.report)
        #expect(serial == parallel)
        let fewer = Runner.replications(scenario, count: 2, workers: 3).map(\.report)
        #expect(Array(serial.prefix(2)) == fewer)
        // Replication 0 is the plain run; the others are independent (different seeds).
        #expect(serial[0] == Runner.run(scenario).report)
        #expect(Set(serial.map(\.seed)).count == 4)
        #expect(serial[1].messages.published != serial[2].messages.published)
        #expect(serial[1].seed == Runner.replicationSeed(9, index: 1))
    }

    @Test func variantsOfTheConsumersKeepEveryPublishTime() throws {
        let variants = [("3 workers", try Self.scenario()), ("6 workers", try Self.scenario(["consumers.workers.instances=6"]))]
        let outcomes = Runner.variants(variants, workers: 2)
        #expect(outcomes.map(\.label) == ["3 workers", "6 workers"])
        #expect(outcomes[0].outcome.report.messages.published == outcomes[1].outcome.report.messages.published)
        #expect(outcomes[1].outcome.report.overrides == ["consumers.workers.instances=6"])
        #expect(outcomes[0].outcome.report.overrides == nil)

        func publishTimes(_ scenario: Scenario) -> [Int64] {
            final class Times: @unchecked Sendable { var values: [Int64] = [] }
            let times = Times()
            _ = Runner.run(scenario) { $0.trace = { if $0.kind == "publish" { times.values.append($0.time.nanoseconds) } } }
            return times.values
        }
        let three = publishTimes(variants[0].1), six = publishTimes(variants[1].1)
        #expect(three.count > 900 && three == six)
        // More workers: shorter waits on the same arrivals.
        let wait = outcomes.map { $0.outcome.report.latency.queueWait.mean ?? .nan }
        #expect(wait[1] < wait[0])
    }

    @Test func aLimitStopComesBackAsAValueWithItsMessage() throws {
        let outcome = Runner.run(try Self.scenario(), options: Runner.Options(maxEvents: 10))
        #expect(outcome.hitLimit && outcome.result.stopReason == .eventLimit)
        #expect(outcome.limitMessage == "run stopped after 10 events (--max-events); the report covers the run so far")
        #expect(!Runner.run(try Self.scenario()).hitLimit)
    }

    @Test func optionsChangeTheModelAsRun() throws {
        let outcome = Runner.run(try Self.scenario(), options: Runner.Options(seed: 3, maxMessages: 1_000))
        #expect(outcome.model.seed == 3 && outcome.model.maxMessagesInSystem == 1_000 && outcome.report.seed == 3)
    }
}
