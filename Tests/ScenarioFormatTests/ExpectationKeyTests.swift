import Expectations
import Foundation
import Testing
@testable import ScenarioFormat

/// Reading `expect`: the object and string forms, the values with their units, and every
/// syntax error with its JSON path. (Metric paths are checked against the report's shape in
/// ReportingTests/ExpectationTests.)
@Suite struct ExpectationKeyTests {
    static func scenario(expect: String) throws -> Scenario {
        try Scenario.decode(Data(Snippet.document(top: #""expect": \#(expect)"#).utf8), file: "s.json")
    }

    @Test func objectFormReadsEveryKey() throws {
        let s = try Self.scenario(expect: #"[{"metric": "latency.endToEnd.p99", "op": "<", "value": "2s", "because": "the SLO"}]"#)
        #expect(s.expectations == [MetricExpectation(
            metric: "latency.endToEnd.p99", comparison: .less, value: Quantity(number: 2, unit: .duration, text: "2s"),
            because: "the SLO", metricPath: "$.expect[0].metric", valuePath: "$.expect[0].value")])
    }

    @Test func noExpectKeyMeansNoExpectations() throws {
        let s = try Scenario.decode(Data(Snippet.document().utf8), file: "s.json")
        #expect(s.expectations.isEmpty)
    }

    @Test(arguments: [
        ("latency.endToEnd.p99 < 2s", "latency.endToEnd.p99", MetricExpectation.Comparison.less, 2.0, Quantity.Unit.duration),
        ("messages.acked<=100", "messages.acked", .lessOrEqual, 100, .plain),
        ("messages.lost == 0", "messages.lost", .equal, 0, .plain),
        ("messages.duplicateProcessing != 3", "messages.duplicateProcessing", .notEqual, 3, .plain),
        ("throughput.ackedPerSecond >= 100/s", "throughput.ackedPerSecond", .greaterOrEqual, 100, .rate),
        ("consumers.workers.utilization > 5%", "consumers.workers.utilization", .greater, 0.05, .percent),
        ("latency.queueWait.mean < 250ms", "latency.queueWait.mean", .less, 0.25, .duration),
        ("latency.queueWait.max < 1m30s", "latency.queueWait.max", .less, 90, .duration),
        ("brokers.jobs.depth.mean < 1.5", "brokers.jobs.depth.mean", .less, 1.5, .plain),
        ("latency.endToEnd.p50 > 1e-3", "latency.endToEnd.p50", .greater, 0.001, .plain),
    ])
    func stringFormEveryOperatorAndUnit(text: String, metric: String, op: MetricExpectation.Comparison, number: Double, unit: Quantity.Unit) throws {
        let s = try Self.scenario(expect: "[\"\(text)\"]")
        let e = try #require(s.expectations.first)
        #expect(e.metric == metric)
        #expect(e.comparison == op)
        #expect(e.value.number == number)
        #expect(e.value.unit == unit)
        #expect(e.metricPath == "$.expect[0]")
    }

    @Test func numbersInTheObjectFormArePlain() throws {
        let s = try Self.scenario(expect: #"[{"metric": "messages.acked", "op": "==", "value": 20}, {"metric": "messages.lost", "op": "<", "value": "1"}]"#)
        #expect(s.expectations.map(\.value) == [Quantity(number: 20, unit: .plain, text: "20"), Quantity(number: 1, unit: .plain, text: "1")])
    }

    @Test(arguments: [
        (#"["messages.acked 20"]"#, "$.expect[0]", #"expected "METRIC OP VALUE" such as "latency.endToEnd.p99 < 2s", with an operator (<, <=, ==, !=, >=, >), found "messages.acked 20""#),
        (#"["messages.acked = 20"]"#, "$.expect[0]", #"("=" alone is not an operator: write "==")"#),
        (#"["messages.acked => 20"]"#, "$.expect[0]", #"unknown operator "=>" (did you mean ">="?)"#),
        (#"["messages.acked <"]"#, "$.expect[0]", #"expected a value after "<""#),
        (#"["< 3"]"#, "$.expect[0]", #"expected a metric before "<""#),
        (#"["latency.endToEnd.p99 < 2 parsecs"]"#, "$.expect[0]", #"unknown unit "parsecs""#),
        (#"["latency.endToEnd.p99 < 2secs"]"#, "$.expect[0]", #"unknown unit "secs" (did you mean "s"?)"#),
        (#"["latency.endToEnd.p99 < fast"]"#, "$.expect[0]", #"found "fast""#),
        (#"["throughput.ackedPerSecond > 5/min"]"#, "$.expect[0]", #"rates are per second"#),
        (#"["consumers.c.utilization < x%"]"#, "$.expect[0]", #"expected a number, a duration such as "2s", a rate such as "100/s" or a percentage such as "5%""#),
        (#"[42]"#, "$.expect[0]", "expected an expectation: an object"),
        (#"{"metric": "messages.acked"}"#, "$.expect", "expected an array, found"),
        (#"[{"op": "<", "value": 1}]"#, "$.expect[0].metric", #"missing required key "metric""#),
        (#"[{"metric": "messages.acked", "value": 1}]"#, "$.expect[0].op", #"missing required key "op""#),
        (#"[{"metric": "messages.acked", "op": "<"}]"#, "$.expect[0].value", #"missing required key "value""#),
        (#"[{"metric": "messages.acked", "op": "=<", "value": 1}]"#, "$.expect[0].op", #"unknown operator "=<" (did you mean "<="?)"#),
        (#"[{"metric": "messages.acked", "op": "<", "value": true}]"#, "$.expect[0].value", "found true"),
        (#"[{"metric": "messages.acked", "op": "<", "value": 1, "becuase": "x"}]"#, "$.expect[0].becuase", #"unknown key "becuase" (did you mean "because"?)"#),
    ])
    func syntaxErrors(expect: String, path: String, message: String) {
        let errors = Snippet.errors(Snippet.document(top: #""expect": \#(expect)"#))
        #expect(errors.count == 1)
        #expect(errors.first?.path == path)
        #expect(errors.first?.message.contains(message) == true, "\(errors.first?.message ?? "no error")")
    }

    @Test func everyBadItemIsReportedInDocumentOrder() {
        let errors = Snippet.errors(Snippet.document(top: #""expect": ["a.b < 1", "bad", {"metric": "x", "op": "~", "value": 1}, "c <"]"#))
        #expect(errors.map(\.path) == ["$.expect[1]", "$.expect[2].op", "$.expect[3]"])
    }

    @Test func aListReadsOnItsOwnWithItsPath() throws {
        let list = try Scenario.readExpectations(Data(#"["messages.lost == 0", {"metric": "messages.acked", "op": ">=", "value": 10}]"#.utf8),
                                                 file: "exercise.json", path: "$.objectives")
        #expect(list.map(\.metric) == ["messages.lost", "messages.acked"])
        #expect(list.map(\.metricPath) == ["$.objectives[0]", "$.objectives[1].metric"])
        #expect(throws: ScenarioErrors.self) {
            try Scenario.readExpectations(Data(#"["messages.lost 0"]"#.utf8), file: "exercise.json")
        }
    }
}
