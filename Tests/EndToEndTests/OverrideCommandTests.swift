import Foundation
import ScenarioFormat
import Testing
@testable import MQLabCLI

/// `--set PATH=VALUE` on run, validate and trace.
@Suite struct OverrideCommandTests {
    typealias Captured = OutputPromiseTests.Captured
    static let taskQueue = OutputPromiseTests.taskQueue

    static func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) { InProcessCLI.run(arguments) }

    @Test func runAppliesTheChangesInOrderAndTheReportSaysSo() throws {
        let changed = Self.run(["run", Self.taskQueue, "--format", "json", "--set", "consumers.workers.instances=8",
                                "--set=producers.web.arrivals.poisson.rate=40"])
        #expect(changed.code == 0, "\(changed.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(changed.out.utf8)) as? [String: Any])
        #expect(report["overrides"] as? [String] == ["consumers.workers.instances=8", "producers.web.arrivals.poisson.rate=40"])
        let consumers = try #require(report["consumers"] as? [String: [String: Any]])
        #expect(consumers["workers"]?["instances"] as? Int == 8)
        // Half the load on twice the workers: far fewer messages than the bundled run.
        let plain = Self.run(["run", Self.taskQueue, "--format", "json"])
        let plainReport = try #require(try JSONSerialization.jsonObject(with: Data(plain.out.utf8)) as? [String: Any])
        #expect(plainReport["overrides"] == nil)
        let published = { (r: [String: Any]) in (r["messages"] as? [String: Any])?["published"] as? Int ?? 0 }
        #expect(published(report) * 2 < published(plainReport) + 2_000)

        let text = Self.run(["run", Self.taskQueue, "--set", "consumers.workers.instances=8"])
        #expect(text.out.contains("\n  changed by --set: consumers.workers.instances=8\n"))
    }

    @Test func badChangesAreUsageErrorsBeforeAnyRun() {
        let misspelt = Self.run(["run", Self.taskQueue, "--set", "consumers.workerz.instances=8"])
        #expect(misspelt.code == 2 && misspelt.out.isEmpty)
        #expect(misspelt.err.hasSuffix(#"--set consumers.workerz.instances=8: no consumer named "workerz" in $.consumers (did you mean "consumers.workers.instances"?)"# + "\n"))
        let invalid = Self.run(["validate", Self.taskQueue, "--set", "consumers.workers.instances=0"])
        #expect(invalid.code == 2)
        #expect(invalid.err.hasSuffix("$.consumers[0].instances: expected an integer ≥ 1, found 0\n"))
        let malformed = Self.run(["trace", Self.taskQueue, "--set", "consumers.workers.instances"])
        #expect(malformed.code == 2)
        #expect(malformed.err.hasPrefix("error: --set consumers.workers.instances: expected PATH=VALUE"))
        #expect(Self.run(["validate", Self.taskQueue, "--set", "seed=5"]).code == 0)
    }

    /// Queue `orders.eu` (and `orders`), producer `web.1`, consumer `eu.workers`.
    static let dotted = #"""
    {"name": "dotted", "brokers": [{"name": "orders"}, {"name": "orders.eu"}],
     "producers": [{"name": "web.1", "publishTo": "orders.eu", "arrivals": {"constant": {"rate": 1}}, "count": 3}],
     "consumers": [{"name": "eu.workers", "consumeFrom": "orders.eu", "service": {"constant": "500ms"}}]}
    """#

    @Test func namesWithDotsAreAddressedWholeByRunAndSweep() throws {
        let file = try TemporaryFiles.file(Self.dotted)
        let run = Self.run(["run", file, "--format", "json", "--set", "consumers.eu.workers.instances=2", "--set", "producers.web.1.count=4"])
        #expect(run.code == 0, "\(run.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect((report["consumers"] as? [String: [String: Any]])?["eu.workers"]?["instances"] as? Int == 2)
        #expect((report["messages"] as? [String: Any])?["published"] as? Int == 4)

        let misspelt = Self.run(["run", file, "--set", "producers.web.2.count=4"])
        #expect(misspelt.code == 2)
        #expect(misspelt.err == "error: \(file): --set producers.web.2.count=4: no producer named \"web.2\" in $.producers (did you mean \"producers.web.1.count\"?)\n")

        // The column titles keep the consumer's whole name.
        let sweep = Self.run(["sweep", file, "--set", "consumers.eu.workers.instances=1,2", "--metric", "consumers.eu.workers.utilization"])
        #expect(sweep.code == 0, "\(sweep.err)")
        #expect(sweep.out.contains("\neu.workers.instances  eu.workers.utilization\n1                     42.9%\n2                     21.4%\n"), "\(sweep.out)")
    }


    /// `capacity --vary` starts from the value the path has in the file, found as `--set` finds it.
    @Test func capacityReadsTheVariedValueAtADottedName() throws {
        let file = try TemporaryFiles.file(Self.dotted)
        #expect(CapacityCommand.currentValue(file: file, path: "producers.web.1.count", overrides: []) == 3)
        #expect(CapacityCommand.currentValue(file: file, path: "producers.0.arrivals.constant.rate", overrides: []) == 1)
        #expect(CapacityCommand.currentValue(file: file, path: "producers.web.1.count", overrides: [try ScenarioOverride("producers.web.1.count=7")]) == 7)
        #expect(CapacityCommand.currentValue(file: file, path: "producers.web.2.count", overrides: []) == nil)
    }

}
