import Foundation
import ScenarioFormat
import Testing
@testable import Experiments

/// Every problem of a scenario's `expect` list is reported at once: a malformed entry (an
/// unknown unit) does not hide the metric and unit checks of the others.
@Suite struct ExpectationErrorsTests {
    @Test func aBadUnitDoesNotHideTheOtherEntriesErrors() throws {
        let path = try TemporaryFiles.file("""
        {"name": "s", "brokers": [{"name": "jobs"}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 10}}, "count": 10}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "service": {"constant": "10ms"}}],
         "expect": ["latency.endToEnd.p99 < 2 parsecs", "latency.endToEnd.p99 < 5%", "brokers.jobs.depth.max < 5",
                    "brokers.jbos.depth.max < 5", {"metric": "latency.endToEnd.p50", "op": "=<", "value": "1s"}]}
        """, prefix: "mqlab-expect")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ScenarioErrors.self) { try ScenarioLoader.load(path: path) }
        let found = try #require(error).errors.map { "\($0.path): \($0.message.prefix(40))" }
        #expect(found == [
            #"$.expect[0]: unknown unit "parsecs" in "latency.endTo"#,
            #"$.expect[1]: "5%" is a percentage, but "latency.endTo"#,
            #"$.expect[3]: unknown metric "brokers.jbos.depth.max":"#,
            #"$.expect[4].op: unknown operator "=<" (did you mean "<=""#,
        ])
    }

    /// Problems elsewhere in the file stop there, as before: the metrics are checked only
    /// against a scenario that could be read.
    @Test func otherErrorsStillStopBeforeTheMetricCheck() throws {
        let path = try TemporaryFiles.file("""
        {"name": "s", "brokers": [{"name": "jobs"}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 10}}, "count": 0}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "service": {"constant": "10ms"}}],
         "expect": ["latency.endToEnd.p99 < 2 parsecs", "brokers.jbos.depth.max < 5"]}
        """, prefix: "mqlab-expect")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ScenarioErrors.self) { try ScenarioLoader.load(path: path) }
        #expect(try #require(error).errors.map(\.path) == ["$.producers[0].count", "$.expect[0]"])
    }
}
