import Expectations
import Foundation
import MessagingModels
import ScenarioFormat
import Testing
@testable import Reporting

/// Expectations end to end inside the library: the catalog of valid metrics follows the real
/// report shape, metrics and units are checked against it, evaluation measures the right
/// field, and the section appears in every format.
@Suite struct ExpectationTests {
    static let root = Repository.root

    /// Ten messages 1 s apart (constant rate 1/s), 0.5 s of constant service each: every
    /// latency is exact (end-to-end 0.5 s, queue wait 0).
    static func document(expect: String, extra: String = "") -> String {
        Snippet.tenMessages(expect: expect, extra: extra)
    }

    /// The scenario with its expectations checked, or the problems found.
    static func checked(_ json: String) -> Result<Scenario, ScenarioErrors> {
        do {
            var scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
            try scenario.checkExpectations(against: Report.metricCatalog(for: scenario.model))
            return .success(scenario)
        } catch let errors as ScenarioErrors {
            return .failure(errors)
        } catch {
            return .failure(ScenarioErrors([]))
        }
    }

    static func report(_ scenario: Scenario) -> Report {
        var report = TestModels.report(scenario.model, description: scenario.description)
        report.expectations = report.evaluate(scenario.expectations)
        return report
    }

    static func results(_ expect: String) throws -> [ExpectationResult] {
        let scenario = try Self.checked(document(expect: expect)).get()
        return Self.report(scenario).expectations ?? []
    }

    static func problems(_ expect: String, extra: String = "") -> [ScenarioError] {
        if case .failure(let errors) = checked(document(expect: expect, extra: extra)) { return errors.errors }
        return []
    }

    // MARK: operators and units

    @Test(arguments: [
        // end-to-end latency is exactly 0.5 s; 10 messages acked
        ("latency.endToEnd.max < 0.5", false), ("latency.endToEnd.max < 501ms", true),
        ("latency.endToEnd.max <= 500ms", true), ("latency.endToEnd.max <= 499ms", false),
        ("latency.endToEnd.max == 500ms", true), ("latency.endToEnd.max == 0.5000001", false),
        ("messages.acked != 10", false), ("messages.acked != 9", true),
        ("messages.acked >= 10", true), ("messages.acked >= 11", false),
        ("messages.acked > 9", true), ("messages.acked > 10", false),
    ])
    func everyOperatorOnAnExactRun(text: String, passes: Bool) throws {
        let result = try #require(try Self.results("[\"\(text)\"]").first)
        #expect(result.passed == passes)
    }

    @Test func unitsAreConvertedToTheFieldsUnit() throws {
        // Busy 5 s of 10.5 s (utilization 0.476…); 10 acks by 10.5 s (0.952…/s).
        let results = try Self.results("""
            ["latency.endToEnd.p99 < 2s", "consumers.workers.utilization < 50%", "throughput.ackedPerSecond > 0.9/s",
             "messages.published == 10", "latency.queueWait.max == 0"]
            """)
        #expect(results.map(\.expected) == [2, 0.5, 0.9, 10, 0])
        #expect(results.map(\.kind) == ["seconds", "fraction", "perSecond", "count", "seconds"])
        #expect(results.map(\.passed) == [true, true, true, true, true])
        #expect(results[0].measured == 0.5)
        #expect(abs((results[1].measured ?? 0) - 5 / 10.5) < 1e-12)
        #expect(abs((results[2].measured ?? 0) - 10 / 10.5) < 1e-12)
    }

    @Test func becauseAndTheWrittenValueAreKept() throws {
        let results = try Self.results(#"[{"metric": "messages.lost", "op": "==", "value": 0, "because": "payments"}]"#)
        #expect(results == [ExpectationResult(metric: "messages.lost", op: "==", expected: 0, expectedText: "0", measured: 0,
                                              passed: true, kind: "count", because: "payments")])
    }

    @Test func anAbsentValueFailsWithMeasuredNull() throws {
        // Nothing is ever dead-lettered: the dlq has no latency samples at all.
        let results = try Self.results(#"["brokers.dlq.latency.endToEnd.p99 < 1s", "messages.droppedByReason.overflow == 0"]"#)
        #expect(results[0].measured == nil)
        #expect(results[0].passed == false)
        #expect(results[0].note == "no value in this run (no samples)")
        // A reason that did not occur counts zero, though the map leaves it out.
        #expect(results[1].measured == 0 && results[1].passed)
    }

    /// `==` sees the field's exact value: measured equals the report's own Double to the last
    /// bit (JSONSerialization on Linux reads 0.27158118400000003 back as …14).
    @Test func measuredIsTheReportsExactValue() throws {
        let scenario = try Scenario.load(path: Self.root.appendingPathComponent("Scenarios/task-queue.json").path)
        let report = TestModels.report(scenario.model)
        let p99 = try #require(report.latency.endToEnd.p99)
        let utilization = try #require(report.consumers["workers"]?.utilization)
        let results = report.evaluate([
            MetricExpectation(metric: "latency.endToEnd.p99", comparison: .equal, value: Quantity(number: p99, unit: .plain, text: "")),
            MetricExpectation(metric: "consumers.workers.utilization", comparison: .equal, value: Quantity(number: utilization, unit: .plain, text: "")),
            MetricExpectation(metric: "throughput.ackedPerSecond", comparison: .equal, value: Quantity(number: report.throughput.ackedPerSecond, unit: .plain, text: "")),
        ])
        #expect(results.map(\.passed) == [true, true, true])
        #expect(results.map(\.measured) == [p99, utilization, report.throughput.ackedPerSecond])
        // Without a checked kind, evaluation takes the field's kind from the report.
        #expect(results.map(\.kind) == ["seconds", "fraction", "perSecond"])
    }

    // MARK: validation against the report's shape

    @Test func unknownMetricSuggestsTheNearest() {
        let errors = Self.problems(#"["latency.endToEnd.p98 < 1s", {"metric": "latency.endtoend.p99", "op": "<", "value": 1}]"#)
        #expect(errors.map(\.path) == ["$.expect[0]", "$.expect[1].metric"])
        #expect(errors.first?.message == #"unknown metric "latency.endToEnd.p98": no numeric field "p98" under "latency.endToEnd" (did you mean "p95"?); valid there: count, max, mean, min, p50, p95, p99, p999, stddev"#)
        #expect(errors.last?.message.contains(#"(did you mean "endToEnd"?)"#) == true)
    }

    @Test func missingEntityListsTheScenariosEntities() {
        let errors = Self.problems(#"["brokers.jobz.depth.max < 3", "consumers.worker.processed > 1"]"#)
        #expect(errors.map(\.message) == [
            #"unknown metric "brokers.jobz.depth.max": no queue named "jobz" in this scenario (did you mean "jobs"?); queues: dlq, jobs"#,
            #"unknown metric "consumers.worker.processed": no consumer named "worker" in this scenario (did you mean "workers"?); consumers: workers"#,
        ])
    }

    /// A batching producer's `meanWait` is a duration [s] (new-user finding: it was taken for a
    /// count, so "< 10ms" was refused); exact run: 3 messages 1 s apart, batches of 2 with a
    /// 1.5 s linger wait 1 s, 0 and 1.5 s: mean 0.833 s.
    @Test func aBatchsMeanWaitIsADuration() throws {
        let scenario = try Self.checked("""
            {"name": "b", "brokers": [{"name": "jobs"}],
             "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"constant": {"rate": 1}}, "count": 3,
                            "batch": {"maxMessages": 2, "linger": "1500ms"}}],
             "consumers": [{"name": "w", "consumeFrom": "jobs", "service": {"constant": "10ms"}}],
             "expect": ["producers.web.batching.meanWait < 834ms", "producers.web.batching.meanWait > 0.833s"]}
            """).get()
        let results = Self.report(scenario).expectations ?? []
        #expect(results.count == 2 && results.allSatisfy(\.passed), "\(results)")
    }

    @Test func optionalSectionsAreValidOnlyWithTheirFeature() {
        let without = Self.problems(#"["brokers.jobs.capacity.rejected == 0"]"#)
        #expect(without.first?.message.contains(#""capacity" is in the report only with a queue length limit"#) == true)
        let with = Self.checked("""
            {"name": "cap", "brokers": [{"name": "jobs", "capacity": 5}],
             "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"constant": {"rate": 1}}, "count": 3}],
             "consumers": [{"name": "w", "consumeFrom": "jobs", "service": {"constant": "10ms"}}],
             "expect": ["brokers.jobs.capacity.rejected == 0", "producers.web.rejected == 0"]}
            """)
        if case .failure(let errors) = with { Issue.record("\(errors)") }
    }

    @Test func aGroupOfFiguresIsNotOneNumber() {
        #expect(Self.problems(#"["latency.endToEnd < 1s"]"#).first?.message
            == #""latency.endToEnd" is a group of figures, not one number; add one of: .count, .max, .mean, .min, .p50, .p95, .p99, .p999, .stddev"#)
    }

    @Test(arguments: [
        ("brokers.jobs.depth.max < 2s", #""2s" is a duration, but "brokers.jobs.depth.max" is a count; expected a plain number"#),
        ("latency.endToEnd.p99 < 5%", #""5%" is a percentage, but "latency.endToEnd.p99" is a duration in seconds; expected a duration such as "2s" or a number of seconds"#),
        ("consumers.workers.utilization < 100/s", #""100/s" is a rate, but "consumers.workers.utilization" is a fraction from 0 to 1; expected a percentage such as "5%" or a fraction from 0 to 1"#),
        ("throughput.ackedPerSecond > 1s", #""1s" is a duration, but "throughput.ackedPerSecond" is a rate per second; expected a rate such as "100/s" or a number per second"#),
    ])
    func unitMustFitTheFieldsKind(text: String, message: String) {
        let errors = Self.problems("[\"\(text)\"]")
        #expect(errors.map(\.message) == [message])
    }

    /// Series, assignments and transitions are left out of the catalog; partitions are in.
    @Test func listsThatGrowWithTheRunAreNotMetrics() {
        #expect(Report.isMetric("brokers.events.partitions[3].lag.billing.max"))
        #expect(!Report.isMetric("brokers.jobs.depthSeries.max[0]"))
        #expect(!Report.isMetric("consumers.guarded.circuitBreaker.transitions[0].at"))
        #expect(!Report.isMetric("brokers.events.groups.billing.assignment[0].partitions[1]"))
    }

    /// Every numeric field of every bundled report is a valid metric of its scenario, with the
    /// same kind the report's own fields have: the catalog follows the real shape.
    @Test func catalogCoversEveryBundledReport() throws {
        let folder = Self.root.appendingPathComponent("Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.sorted()
        #expect(files.count >= 30)
        for file in files {
            let scenario = try Scenario.load(path: folder.appendingPathComponent(file).path)
            let catalog = Report.metricCatalog(for: scenario.model, technologies: scenario.technologies)
            let data = try Data(contentsOf: Self.root.appendingPathComponent("Reports/\(file.dropLast(5))/report.json"))
            let report = try JSONDecoder().decode(Report.self, from: data)
            let fields = try ReportDocument(report)
            // Lists that grow with the run (series, transitions, assignments) are not metrics;
            // per-partition figures are.
            for field in fields.numericFields where Report.isMetric(field.path) {
                #expect(catalog.kind(of: field.path) == field.kind, "\(file): \(field.path)")
            }
        }
    }

    /// A catalog built for the metrics of `expect` holds the fields of the entities they
    /// name and of the first of each map, every entity's name, and checks metrics (valid or
    /// not) exactly as the whole catalog does.
    @Test func aCatalogForSomeMetricsKeepsTheirEntitiesAndEveryName() throws {
        let json = #"""
        {"version": 1, "name": "three", "seed": 1, "duration": "10s",
         "brokers": [{"name": "a", "type": "queue"}, {"name": "b", "type": "queue"}, {"name": "c", "type": "queue"}],
         "producers": [{"name": "p", "publishTo": "b", "arrivals": {"constant": {"rate": 1}}}],
         "consumers": [{"name": "ca", "consumeFrom": "a", "service": {"constant": "1ms"}},
                       {"name": "cc", "consumeFrom": "c", "service": {"constant": "1ms"}}],
         "expect": ["brokers.c.depth.max < 1", "brokers.c.depth.maxx < 1", "brokers.d.depth.max < 1", "brokers < 1",
                    "consumers.cc.utilization < 50%", "consumers.cb.utilization < 1", "ledger.destinations.c.acked > 1",
                    "brokers.c.depth.max < 1s", "latency.endToEnd.p98 < 1s"]}
        """#
        let scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
        let whole = Report.metricCatalog(for: scenario.model)
        let some = Report.metricCatalog(for: scenario.model, only: scenario.expectations.map(\.path))
        #expect(some.kind(of: "brokers.a.depth.max") == .count)
        #expect(some.kind(of: "brokers.c.depth.max") == .count)
        #expect(some.kind(of: "brokers.b.depth.max") == nil && whole.kind(of: "brokers.b.depth.max") == .count)
        #expect(some.kind(of: "consumers.cc.utilization") == .fraction && some.kind(of: "ledger.destinations.c.acked") == .count)
        #expect(some.kind(of: "ledger.destinations.b.acked") == nil)
        #expect(some.entityMaps == whole.entityMaps)
        #expect(some.children(of: "brokers") == ["a", "b", "c"] && whole.children(of: "brokers") == ["a", "b", "c"])
        #expect(some.paths.allSatisfy { whole.kind(of: $0) == some.kind(of: $0) })
        #expect(some.paths.count < whole.paths.count)
        func messages(_ catalog: MetricCatalog) -> [String] {
            var checked = scenario
            do {
                try checked.checkExpectations(against: catalog)
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        #expect(messages(some).count == 6)
        #expect(messages(some) == messages(whole))
    }

    // MARK: rendering and determinism

    @Test func theSectionAppearsInEveryFormat() throws {
        let scenario = try Self.checked(Self.document(expect: #"["latency.endToEnd.p99 < 2s", {"metric": "messages.acked", "op": ">", "value": 10, "because": "all ten"}]"#)).get()
        let report = Self.report(scenario)
        let text = try TextRenderer().render([report])
        #expect(text.contains("Expectations: 1 of 2 met\n  ✓ latency.endToEnd.p99 < 2s: measured 500 ms\n  ✗ messages.acked > 10: measured 10 — all ten\n"))
        let markdown = try MarkdownRenderer().render([report])
        #expect(markdown.contains("**Expectations**: 1 of 2 met.\n\n- ✓ latency.endToEnd.p99 < 2s: measured 500 ms\n- ✗ messages.acked > 10: measured 10 — all ten\n"))
        let json = try JSONRenderer().render([report])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let list = try #require(object["expectations"] as? [[String: Any]])
        #expect(list.count == 2)
        #expect(list[1]["metric"] as? String == "messages.acked" && list[1]["passed"] as? Bool == false)
        #expect(list[1]["measured"] as? Double == 10 && list[1]["expected"] as? Double == 10 && list[1]["because"] as? String == "all ten")
        let csv = try CSVRenderer().render([report])
        #expect(csv.contains("small,expectations[0].measured,0.5\n"))
        #expect(csv.contains("small,expectations[1].passed,false\n"))
    }

    @Test func aReportWithoutExpectationsHasNoSection() throws {
        let scenario = try Scenario.decode(Data(Self.document(expect: "[]").utf8), file: "s.json")
        let report = TestModels.report(scenario.model)
        #expect(report.expectations == nil && report.expectationsMet)
        #expect(try !JSONRenderer().render([report]).contains("expectations"))
        #expect(try !TextRenderer().render([report]).contains("Expectations"))
    }

    @Test func sameScenarioSameBytes() throws {
        let json = Self.document(expect: #"["latency.endToEnd.p99 < 2s", "consumers.workers.utilization <= 60%", "brokers.dlq.latency.endToEnd.p50 < 1s"]"#)
        let first = try JSONRenderer().render([Self.report(try Self.checked(json).get())])
        let second = try JSONRenderer().render([Self.report(try Self.checked(json).get())])
        #expect(first == second)
        #expect(first.contains(#""measured" : null"#))
    }
}
