import Foundation
import Testing
@testable import Experiments
import QueueingTheory
import ScenarioFormat

/// Replications' confidence intervals against queueing theory, and their determinism.
@Suite struct ReplicationTests {
    /// One queue, Poisson arrivals at `rate`, `instances` exponential servers with mean 1 s,
    /// `count` messages, a warm-up of 30 s (the queue starts empty).
    static func queue(rate: Double, instances: Int, count: Int, seed: Int) throws -> Scenario {
        let json = """
        {"name": "mmc", "seed": \(seed), "warmup": "30s",
         "brokers": [{"name": "jobs"}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"poisson": {"rate": \(rate)}}, "count": \(count)}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "instances": \(instances), "service": {"exponential": {"mean": "1s"}}}]}
        """
        return try Scenario.decode(Data(json.utf8), file: "mmc.json")
    }

    /// How often the 95% interval of the mean queue wait from 5 replications covers the
    /// analytic value, over 30 fixed seeds.
    static func coverage(rate: Double, instances: Int) throws -> (covered: Int, trials: Int, theory: Double) {
        let prediction = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: rate, service: .exponential(meanSeconds: 1),
                                                                servers: .finite(instances)))
        let theory = try #require(prediction.queueWait.mean)
        let trials = 30
        var covered = 0
        for trial in 0..<trials {
            let experiment = Experiment(points: [try queue(rate: rate, instances: instances, count: 1500, seed: 1000 + trial)], replications: 5)
            let summary = ReplicationSummary(experiment.run(Array(0..<5), workers: 2).map(\.fields))
            let estimate = try #require(summary["latency.queueWait.mean"])
            if estimate.covers(theory) { covered += 1 }
        }
        return (covered, trials, theory)
    }

    /// With 30 trials at a true coverage of 95%, fewer than 25 covered has probability about
    /// 0.6% (binomial); a biased estimator or a wrong t factor (1.96 instead of 2.776 for 4
    /// degrees of freedom covers about 87%) falls short of it, and a half-width too wide
    /// would cover every trial even with a biased mean — so the mean's error is bounded too.
    @Test(arguments: [(0.5, 1), (1.8, 3)])
    func intervalCoversTheAnalyticMeanQueueWait(rate: Double, instances: Int) throws {
        let (covered, trials, theory) = try Self.coverage(rate: rate, instances: instances)
        #expect(covered >= 25, "covered \(covered) of \(trials) (theory \(theory) s)")
        #expect(covered <= trials)
    }

    /// The summary's bytes do not depend on the number of threads.
    @Test func outputDoesNotDependOnThreads() throws {
        let experiment = Experiment(points: [try Self.queue(rate: 1.8, instances: 3, count: 400, seed: 5)], replications: 6)
        let output = ReplicationOutput(scenario: "mmc", seeds: (0..<6).map { experiment.seed(replication: $0) }, format: .json)
        let one = try output.render(experiment.run(Array(0..<6), workers: 1).map(\.fields))
        let four = try output.render(experiment.run(Array(0..<6), workers: 4).map(\.fields))
        #expect(one == four)
        #expect(one.contains("\"latency.queueWait.mean\""))
    }

    /// Sharded into n parts, written as partial results, read back and merged: the same bytes
    /// as the unsharded output, for every format, replications and sweeps alike.
    @Test(arguments: [1, 2, 3, 5])
    func shardedThenMergedEqualsUnsharded(shards: Int) throws {
        let scenario = try Self.queue(rate: 1.8, instances: 3, count: 300, seed: 11)
        let replications = Experiment(points: [scenario], replications: 7)
        let seeds = (0..<7).map { replications.seed(replication: $0) }
        let allReplications = replications.run(Array(0..<7), workers: 2).map(\.fields)
        let axis = SweepAxis(path: "consumers.workers.instances", values: ["3", "4", "5"])
        let points = try axis.values.map { try Scenario.decode(Data(Self.json(scenario, instances: $0).utf8), file: "mmc.json") }
        let sweep = Experiment(points: points, replications: 2)
        let allSweep = sweep.run(Array(0..<6), workers: 2).map(\.fields)
        for format in ExperimentFormat.allCases {
            let output = ReplicationOutput(scenario: "mmc", seeds: seeds, format: format)
            let sweepOutput = SweepOutput(scenario: "mmc", axes: [axis], metrics: ["latency.queueWait.mean", "brokers.jobs.depth.max"],
                                          seeds: Array(seeds.prefix(2)), format: format)
            var replicationParts: [(file: String, part: PartialResult)] = []
            var sweepParts: [(file: String, part: PartialResult)] = []
            for index in (0..<shards).reversed() {
                let shard = Shard(index: index, count: shards)
                let mine = shard.items(of: 7)
                let part = PartialResult(shard: shard, items: 7, replications: output,
                                         results: mine.map { ($0, allReplications[$0]) })
                replicationParts.append(("r\(index)", try PartialResult.decode(Data(try part.encoded().utf8), file: "r\(index)")))
                let sweepMine = shard.items(of: 6)
                let sweepPart = PartialResult(shard: shard, items: 6, sweep: sweepOutput,
                                              results: sweepMine.map { ($0, allSweep[$0]) })
                sweepParts.append(("s\(index)", try PartialResult.decode(Data(try sweepPart.encoded().utf8), file: "s\(index)")))
            }
            if format == .html {
                // Only a sweep has a page of charts; replications refuse html, merged or not.
                #expect(throws: ExperimentFormat.Unavailable.self) { try output.render(allReplications) }
                #expect(throws: ExperimentFormat.Unavailable.self) { try PartialResult.merge(replicationParts).render() }
            } else {
                #expect(try PartialResult.merge(replicationParts).render() == (try output.render(allReplications)))
            }
            #expect(try PartialResult.merge(sweepParts).render() == (try sweepOutput.render(allSweep)))
        }
    }

    static func json(_ scenario: Scenario, instances: String) -> String {
        """
        {"name": "mmc", "seed": 11, "warmup": "30s",
         "brokers": [{"name": "jobs"}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 1.8}}, "count": 300}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "instances": \(instances), "service": {"exponential": {"mean": "1s"}}}]}
        """
    }

    @Test func mergeRejectsMissingRepeatedAndForeignShards() throws {
        let output = ReplicationOutput(scenario: "mmc", seeds: [1, 2, 3], format: .json)
        let fields = NumericFields(values: [("x", 1)])
        func part(_ i: Int, _ n: Int, _ output: ReplicationOutput = output) -> PartialResult {
            let shard = Shard(index: i, count: n)
            return PartialResult(shard: shard, items: 3, replications: output, results: shard.items(of: 3).map { ($0, fields) })
        }
        #expect(throws: MergeError.self) { try PartialResult.merge([("a", part(0, 2))]) }
        #expect(throws: MergeError.self) { try PartialResult.merge([("a", part(0, 2)), ("b", part(0, 2))]) }
        #expect(throws: MergeError.self) { try PartialResult.merge([("a", part(0, 2)), ("b", part(1, 3))]) }
        let other = ReplicationOutput(scenario: "other", seeds: [1, 2, 3], format: .json)
        #expect(throws: MergeError.self) { try PartialResult.merge([("a", part(0, 2)), ("b", part(1, 2, other))]) }
        #expect(throws: MergeError.self) { try PartialResult.decode(Data("{\"x\": 1}".utf8), file: "x.json") }
        #expect(try PartialResult.merge([("a", part(1, 2)), ("b", part(0, 2))]).items.count == 3)
    }
}

/// Sweep values: lists, integer ranges, stepped ranges with units, and their errors.
struct SweepAxisTests {
    @Test(arguments: [
        ("a.b=1..4", ["1", "2", "3", "4"]),
        ("a.b=50,100,200", ["50", "100", "200"]),
        ("a.b=0.5..2:0.5", ["0.5", "1", "1.5", "2"]),
        ("a.b=10ms..40ms:10ms", ["10ms", "20ms", "30ms", "40ms"]),
        ("a.b=0.1..0.3:0.1", ["0.1", "0.2", "0.3"]),
        ("a.b=fanout,topic", ["fanout", "topic"]),
        ("a.b=1s..3s", ["1s", "2s", "3s"]),
        ("a.b=7", ["7"]),
    ])
    func values(text: String, expected: [String]) throws {
        let axis = try SweepAxis(text)
        #expect(axis.path == "a.b")
        #expect(axis.values == expected)
    }

    @Test(arguments: ["a.b", "=1..2", "a.b=5..1", "a.b=1..5:0", "a.b=1ms..5s", "a.b=x..y", "a.b=1,,2", "a.b=1..2..3"])
    func errors(text: String) {
        #expect(throws: SweepError.self) { try SweepAxis(text) }
    }

    @Test func columnTitlesKeepADottedNameWhole() {
        let names = ["orders", "orders.eu", "eu.workers"]
        #expect(SweepOutput.title("consumers.eu.workers.instances", names: names) == "eu.workers.instances")
        #expect(SweepOutput.title("brokers.orders.eu.messageTTL", names: names) == "orders.eu.messageTTL")
        #expect(SweepOutput.title("brokers.orders.eu.depth.max", names: names) == "depth.max")
        #expect(SweepOutput.title("producers.web.arrivals.poisson.rate", names: names) == "poisson.rate")
        #expect(SweepOutput.title("consumers.eu.workers.instances", names: []) == "workers.instances")
        #expect(SweepOutput.title("seed", names: names) == "seed")
    }

    @Test func crossProductHasTheLastAxisFastest() {
        let points = SweepAxis.points([SweepAxis(path: "a", values: ["1", "2"]), SweepAxis(path: "b", values: ["x", "y", "z"])])
        #expect(points == [["1", "x"], ["1", "y"], ["1", "z"], ["2", "x"], ["2", "y"], ["2", "z"]])
    }

    @Test func shardsSplitItemsRoundRobin() throws {
        #expect(try Shard("1/3").items(of: 8) == [1, 4, 7])
        #expect(try Shard("0/1").items(of: 3) == [0, 1, 2])
        #expect(throws: ShardError.self) { try Shard("3/3") }
        #expect(throws: ShardError.self) { try Shard("1") }
        #expect(throws: ShardError.self) { try Shard("-1/2") }
    }
}
