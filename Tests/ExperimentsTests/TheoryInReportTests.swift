import Foundation
import Testing
@testable import Experiments
import MessagingModels
@testable import Reporting
import ScenarioFormat

/// Theory beside the simulation in every report (`brokers.<queue>.theory`, `littlesLaw` and
/// the Theory section): the analytic vectors through a matching scenario's report, reasons
/// when no model applies, Little's law on a run, and the wording of an unstable queue.
@Suite struct TheoryInReportTests {
    static let cases = Fixtures.url("queueing.json")

    /// The service distribution of a case: exponential (M/M), constant (M/D), Erlang-2
    /// (M/G, SCV 0.5) or lognormal with SCV 2 (M/G), all with mean 1 s.
    static func service(_ c: [String: Any]) -> String {
        switch (c["model"] as? String, c["serviceSCV"] as? Double) {
        case ("M/D/1", _): return #"{"constant": "1s"}"#
        case ("M/G/1", 0.5): return #"{"erlang": {"k": 2, "mean": "1s"}}"#
        case ("M/G/1", 2.0): return #"{"lognormal": {"mean": "1s", "stddev": "\#(2.0.squareRoot())s"}}"#
        default: return #"{"exponential": {"mean": "1s"}}"#
        }
    }

    static func report(_ json: String) throws -> Report {
        Runner.run(try Scenario.decode(Data(json.utf8), file: "case.json")).report
    }

    @Test func everyAnalyticCaseComesThroughTheReportTo1e9() throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.cases)) as? [String: Any])
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count == 11)
        for c in cases {
            let rate = try #require(c["arrivalRate"] as? Double), servers = try #require(c["servers"] as? Int)
            let json = """
            {"name": "case", "brokers": [{"name": "q"}],
             "producers": [{"name": "p", "publishTo": "q", "arrivals": {"poisson": {"rate": \(rate)}}, "count": 50}],
             "consumers": [{"name": "c", "consumeFrom": "q", "instances": \(servers), "service": \(Self.service(c))}]}
            """
            let theory = try #require(try Self.report(json).brokers["q"]?.theory)
            let label = "\(c["model"] ?? "") λ=\(rate) c=\(servers)"
            #expect(theory.model?.hasPrefix("M/") == true && theory.reason == nil, "\(label)")
            #expect(theory.stable == true)
            for (name, value, expected) in [("rho", theory.utilization, c["rho"]), ("P_wait", theory.probabilityOfWaiting, c["P_wait"]),
                                            ("Wq", theory.queueWait?.mean, c["Wq"]), ("W", theory.endToEnd?.mean, c["W"]),
                                            ("Lq", theory.queueLength, c["Lq"])] {
                let want = try #require(expected as? Double, "\(label) \(name)")
                let got = try #require(value, "\(label) \(name)")
                #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "\(label) \(name): \(got) vs \(want)")
            }
        }
    }

    @Test func theModelIsNamedWithItsServersAndCapacity() throws {
        let json = """
        {"name": "k", "brokers": [{"name": "q", "capacity": 6, "overflow": "dropNew"}],
         "producers": [{"name": "p", "publishTo": "q", "arrivals": {"poisson": {"rate": 3}}, "count": 50}],
         "consumers": [{"name": "c", "consumeFrom": "q", "instances": 2, "service": {"exponential": {"mean": "1s"}}}]}
        """
        let theory = try #require(try Self.report(json).brokers["q"]?.theory)
        #expect(theory.model == "M/M/2/8")
        #expect(theory.blockingProbability != nil && theory.blockingProbability! > 0)
    }

    @Test func aQueueNoModelDescribesSaysWhy() throws {
        let json = """
        {"name": "why", "brokers": [{"name": "q"}],
         "producers": [{"name": "p", "publishTo": "q", "arrivals": {"constant": {"rate": 3}}, "count": 50}],
         "consumers": [{"name": "c", "consumeFrom": "q", "service": {"constant": "100ms"}}]}
        """
        let report = try Self.report(json)
        let theory = try #require(report.brokers["q"]?.theory)
        #expect(theory.model == nil && theory.reason == #"producer "p" publishes at constant intervals, not Poisson arrivals"#)
        let text = try TextRenderer().render([report])
        #expect(text.contains(#"  q                  no closed form: producer "p" publishes at constant intervals, not Poisson arrivals"#))
    }

    @Test func littlesLawHoldsOnAnMM2RunThatDrains() throws {
        // M/M/2 at 75%: 20,000 messages. L (time-weighted depth) and λW (wait samples over the
        // window) differ only by the run's edges.
        let json = """
        {"name": "little", "seed": 4, "brokers": [{"name": "q"}],
         "producers": [{"name": "p", "publishTo": "q", "arrivals": {"poisson": {"rate": 15}}, "count": 20000}],
         "consumers": [{"name": "c", "consumeFrom": "q", "instances": 2, "service": {"exponential": {"mean": "100ms"}}}]}
        """
        let little = try #require(try Self.report(json).brokers["q"]?.littlesLaw)
        #expect(abs(little.lambdaW - little.arrivalRate * little.meanWait) < 1e-12)
        #expect(abs(try #require(little.relativeDifference)) < 0.01, "\(little)")
        #expect(abs(little.arrivalRate - 15) < 0.5)
    }

    @Test func anUnstableQueueGetsNoFiguresAndTheTextSaysWhy() throws {
        let json = """
        {"name": "over", "brokers": [{"name": "q"}],
         "producers": [{"name": "p", "publishTo": "q", "arrivals": {"poisson": {"rate": 12}}, "count": 500}],
         "consumers": [{"name": "c", "consumeFrom": "q", "service": {"exponential": {"mean": "100ms"}}}]}
        """
        let report = try Self.report(json)
        let theory = try #require(report.brokers["q"]?.theory)
        let utilization = try #require(theory.utilization)
        #expect(theory.stable == false && theory.queueWait == nil && abs(utilization - 1.2) < 1e-12)
        let text = try TextRenderer().render([report])
        #expect(text.contains("M/M/1 · utilization 120.0% · no steady state: the measured waits describe a backlog that grows with the run's length"))
    }
}
