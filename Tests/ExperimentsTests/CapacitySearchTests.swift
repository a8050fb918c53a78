import Foundation
import Testing
@testable import Experiments
import QueueingTheory
import ScenarioFormat

/// Capacity search against Erlang C, and its direction and bracketing on exact functions.
@Suite struct CapacitySearchTests {
    /// The arrival rate at which M/M/c's mean queue wait reaches `wait`, from QueueingTheory
    /// (Erlang C), by bisection on the rate.
    static func erlangRate(servers: Int, serviceMean: Double, wait: Double) throws -> Double {
        var low = 0.0, high = Double(servers) / serviceMean
        for _ in 0..<100 {
            let middle = (low + high) / 2
            let prediction = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: middle, service: .exponential(meanSeconds: serviceMean),
                                                                    servers: .finite(servers)))
            if (prediction.queueWait.mean ?? .infinity) < wait { low = middle } else { high = middle }
        }
        return low
    }

    /// M/M/2 with mean service 1 s: the largest rate with mean queue wait < 1 s is
    /// λ = √2 ≈ 1.414/s (Wq = ρ²/(1 − ρ²) for c = 2, μ = 1, so ρ = 1/√2), which the Erlang C
    /// code confirms. The search (4 replications of 10,000 messages per rate, bisection to 1%)
    /// finds it within 4%: the 1% resolution plus the sampling error of the mean wait, which
    /// near that load moves the rate by about a quarter of its own relative error.
    @Test func foundRateMatchesErlangC() throws {
        let theory = try Self.erlangRate(servers: 2, serviceMean: 1, wait: 1)
        #expect(abs(theory - 2.0.squareRoot()) < 1e-6)
        let requirements = CapacityRequirements(try Scenario.readExpectations(Data("[\"latency.queueWait.mean < 1s\"]".utf8), file: "test"))
        let search = CapacitySearch(start: 1, integer: false, tolerance: 0.01)
        let result = try search.run { rate in
            let json = """
            {"name": "mm2", "seed": 77, "warmup": "200s",
             "brokers": [{"name": "jobs"}],
             "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"poisson": {"rate": \(rate)}}, "count": 10000}],
             "consumers": [{"name": "workers", "consumeFrom": "jobs", "instances": 2, "service": {"exponential": {"mean": "1s"}}}]}
            """
            let experiment = Experiment(points: [try Scenario.decode(Data(json.utf8), file: "mm2.json")], replications: 4)
            let summary = ReplicationSummary(experiment.run(Array(0..<4), workers: 2).map(\.fields))
            let (met, margin) = requirements.judge(summary)
            return CapacitySearch.Evaluation(value: rate, met: met, margin: margin, summary: summary)
        }
        #expect(result.direction == .largest && result.outcome == .found)
        let found = try #require(result.answer?.value)
        #expect(abs(found - theory) / theory < 0.04, "found \(found)/s, Erlang C \(theory)/s")
        let beyond = try #require(result.beyond?.value)
        #expect(beyond > found && (beyond - found) <= 0.01 * beyond)
    }

    /// A deterministic response: margin = (limit − value) / limit for "value < limit".
    static func exact(_ value: Double, limit: Double, growthHurts: Bool) -> CapacitySearch.Evaluation {
        let margin = growthHurts ? (limit - value) / limit : (value - limit) / limit
        return CapacitySearch.Evaluation(value: value, met: margin > 0, margin: margin, summary: ReplicationSummary([NumericFields(values: [("x", value)])]))
    }

    @Test(arguments: [
        // (start, limit, integer, growth hurts, expected answer, direction)
        (10.0, 37.0, true, true, 36.0, CapacitySearch.Direction.largest),     // met at 10 and 20: widen up
        (100.0, 37.0, true, true, 36.0, .largest),                             // unmet at 100 and 200: halve down
        (10.0, 37.0, true, false, 38.0, .smallest),                            // unmet at start, widen up
        (100.0, 37.0, true, false, 38.0, .smallest),                           // met at start: halve down
        (30.0, 37.0, true, true, 36.0, .largest),                              // 30 met, 60 not: bisect
    ])
    func directionAndBisectionOnExactResponses(start: Double, limit: Double, integer: Bool, growthHurts: Bool,
                                               expected: Double, direction: CapacitySearch.Direction) throws {
        let result = try CapacitySearch(start: start, integer: integer).run { Self.exact($0, limit: limit, growthHurts: growthHurts) }
        #expect(result.direction == direction)
        #expect(result.outcome == .found)
        #expect(result.answer?.value == expected)
    }

    @Test func realValuesStopAtTheTolerance() throws {
        let result = try CapacitySearch(start: 1, integer: false, tolerance: 0.001).run { Self.exact($0, limit: 7.3, growthHurts: true) }
        let found = try #require(result.answer?.value)
        #expect(found < 7.3 && found > 7.3 * 0.999)
    }

    @Test func aPlateauEndsTheSearch() throws {
        // Never met, and the margin gains less and less: the search stops long before its 30 widenings.
        let result = try CapacitySearch(start: 2, integer: true).run { value in
            let margin = -0.2 - 0.5 / value
            return CapacitySearch.Evaluation(value: value, met: false, margin: margin, summary: ReplicationSummary([NumericFields(values: [("x", 1)])]))
        }
        #expect(result.outcome == .neverMet && result.plateau)
        #expect(result.evaluations.count < 15, "widened to \(result.evaluations.map(\.value))")
    }
}
