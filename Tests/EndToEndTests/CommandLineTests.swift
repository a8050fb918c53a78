import Foundation
import Testing

@Suite(.serialized) struct CommandLineTests {
    /// Two runs of one scenario give the same bytes; every bundled scenario is checked the
    /// same way against its committed report in `bundledScenariosRunBalancedAndReproduce…`.
    @Test func twoRunsGiveIdenticalJSON() throws {
        let first = try CLIRunner.run(["run", "Scenarios/poison-pills.json", "--format", "json"])
        let second = try CLIRunner.run(["run", "Scenarios/poison-pills.json", "--format", "json"])
        #expect(first.exitCode == 0)
        #expect(first.stdout == second.stdout)
    }

    @Test func jsonIsOneObjectWithTheContractKeys() throws {
        let outcome = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--format", "json"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stderr.isEmpty)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        for key in ["scenario", "seed", "simulatedSeconds", "events", "messages", "ledger", "latency", "throughput", "brokers", "consumers"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        let latency = try #require(report["latency"] as? [String: Any])
        for stage in ["endToEnd", "queueWait", "processing"] {
            let stats = try #require(latency[stage] as? [String: Any])
            for key in ["count", "min", "mean", "p50", "p95", "p99", "p999", "max"] { #expect(stats[key] != nil, "\(stage).\(key)") }
        }
        let messages = try #require(report["messages"] as? [String: Any])
        for key in ["published", "delivered", "acked", "redeliveries", "deadLettered", "expired", "dropped", "lost",
                    "unroutable", "remaining", "duplicateDeliveries", "duplicateProcessing", "orderingViolations"] {
            #expect(messages[key] is Int, "messages.\(key)")
        }
        let jobs = try #require((report["brokers"] as? [String: Any])?["jobs"] as? [String: Any])
        #expect(jobs["enqueued"] is Int)
        #expect((jobs["depth"] as? [String: Any])?["mean"] is Double)
        #expect(((report["consumers"] as? [String: Any])?["workers"] as? [String: Any])?["utilization"] is Double)
        // Sorted keys: the top-level keys (indented two spaces) appear in alphabetical order.
        let order = ["brokers", "consumers", "description", "events", "latency", "ledger", "messages", "scenario"]
        let positions = order.compactMap { outcome.stdout.range(of: "\n  \"\($0)\" :")?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
    }

    @Test func seedOverrideIsEchoedAndChangesTheRun() throws {
        let base = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--format", "json"])
        let other = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--format", "json", "--seed", "999"])
        #expect(other.exitCode == 0)
        #expect(other.stdout.contains("\"seed\" : 999"))
        #expect(base.stdout != other.stdout)
    }

    @Test func invalidScenarioExitsTwoWithPathAndNothingOnStdout() throws {
        let bad = try TemporaryFiles.url(#"{"name": "x", "brokers": [{"name": "q"}], "producers": [{"name": "p", "publishTo": "qq", "arrivals": {"poisson": {"rate": 0}}, "count": 5}], "consumers": [{"name": "c", "consumeFrom": "q", "instnces": 2, "service": {"constant": "1s"}}]}"#, name: "bad.json")
        let outcome = try CLIRunner.run(["run", bad.path])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("error: \(bad.path): $.producers[0].publishTo: no broker named \"qq\" (did you mean \"q\"?)"))
        #expect(outcome.stderr.contains("$.producers[0].arrivals.poisson.rate: expected a rate per second > 0"))
        #expect(outcome.stderr.contains("$.consumers[0].instnces: unknown key \"instnces\" (did you mean \"instances\"?)"))
    }

    @Test func missingFileAndBadUsageExitTwo() throws {
        let missing = try CLIRunner.run(["run", "no/such/file.json"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("no/such/file.json: $: no such file"))
        #expect(try CLIRunner.run(["rnu"]).exitCode == 2)
        #expect(try CLIRunner.run(["run"]).exitCode == 2)
        #expect(try CLIRunner.run(["run", "Scenarios/task-queue.json", "--format", "yaml"]).exitCode == 2)
        #expect(try CLIRunner.run(["run", "Scenarios/task-queue.json", "--sed", "1"]).stderr.contains("did you mean --seed"))
        #expect(try CLIRunner.run(["run", "Scenarios/task-queue.json", "--seed", "-4"]).exitCode == 2)
        // A seed a scenario file could not hold, an option given twice, no command at all,
        // a folder where one file is expected.
        let bigSeed = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--seed", "18446744073709551615"])
        #expect(bigSeed.exitCode == 2 && bigSeed.stderr.contains("from 0 to 9007199254740991"))
        let twice = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--seed", "1", "--seed", "2"])
        #expect(twice.exitCode == 2 && twice.stderr.contains("--seed is given twice"))
        let nothing = try CLIRunner.run([])
        #expect(nothing.exitCode == 2 && nothing.stdout.isEmpty && nothing.stderr.contains("run FILE"))
        let folder = try CLIRunner.run(["trace", "Scenarios"])
        #expect(folder.exitCode == 2 && folder.stderr.contains("Scenarios: $: is a folder"))
    }

    @Test func eventLimitExitsThree() throws {
        let outcome = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--format", "json", "--max-events", "1000"])
        #expect(outcome.exitCode == 3)
        #expect(outcome.stdout.contains("\"stopReason\" : \"eventLimit\""))
        #expect(outcome.stdout.contains("\"events\" : 1000"))
        #expect(outcome.stdout.contains("\"balanced\" : true"))
    }

    @Test func helpVersionListAndValidate() throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.exitCode == 0 && help.stdout.contains("run FILE"))
        #expect(try CLIRunner.run(["help", "--help"]).stdout == help.stdout)
        for command in ["run", "validate", "list"] {
            let commandHelp = try CLIRunner.run([command, "--help"])
            #expect(commandHelp.exitCode == 0 && commandHelp.stdout.contains("usage: mqlab \(command)"))
        }
        let version = try CLIRunner.run(["--version"])
        #expect(version.exitCode == 0 && version.stdout.hasPrefix("mqlab "))
        let list = try CLIRunner.run(["list"])
        #expect(list.exitCode == 0)
        #expect(list.stdout.contains("task-queue: "))
        #expect(list.stdout.contains("traffic-spike: "))
        let validate = try CLIRunner.run(["validate"] + CLIRunner.bundledScenarios())
        #expect(validate.exitCode == 0, "\(validate.stderr)")
    }

    @Test func outWritesEveryFormatAndAFailedRunKeepsTheOldReport() throws {
        let folder = try CLIRunner.temporaryFolder()
        let outcome = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--out", folder.path])
        #expect(outcome.exitCode == 0)
        let reportFolder = folder.appendingPathComponent("task-queue")
        for name in ["report.json", "report.txt", "report.md", "report.csv", "report.html", "series.csv"] {
            #expect(FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent(name).path), "\(name)")
        }
        let before = try Data(contentsOf: reportFolder.appendingPathComponent("report.json"))
        #expect(before == Data(try CLIRunner.run(["run", "Scenarios/task-queue.json", "--format", "json"]).stdout.utf8))
        // No temporary files are left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: reportFolder.path).sorted()
        #expect(names == ["report.csv", "report.html", "report.json", "report.md", "report.txt", "series.csv"])

        // A failing invocation (one bad file) writes nothing and leaves the good report alone.
        let bad = try TemporaryFiles.write("{\"name\": \"task-queue\", ", to: "bad.json", in: folder)
        let failed = try CLIRunner.run(["run", "Scenarios/task-queue.json", bad.path, "--out", folder.path, "--seed", "5"])
        #expect(failed.exitCode == 2)
        #expect(failed.stderr.contains("unexpected end of file"))
        #expect(try Data(contentsOf: reportFolder.appendingPathComponent("report.json")) == before)
    }

    /// Every bundled scenario runs from the built binary with a balanced ledger, and
    /// regenerating `Reports/` (`swift run -c release mqlab run Scenarios --out Reports`) gives
    /// the committed bytes: the runs are reproducible across processes and builds.
    @Test func bundledScenariosRunBalancedAndReproduceTheirReports() throws {
        let scenarios = CLIRunner.bundledScenarios()
        #expect(scenarios.count >= 3)
        let folder = try CLIRunner.temporaryFolder()
        let outcome = try CLIRunner.run(["run", "Scenarios", "--out", folder.path, "--format", "json"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let committed = CLIRunner.repositoryRoot.appendingPathComponent("Reports")
        let generated = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(generated.count == scenarios.count)
        #expect(generated == (try FileManager.default.contentsOfDirectory(atPath: committed.path).filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") && !$0.hasSuffix(".svg") }.sorted()))
        for scenario in generated {
            let json = try Data(contentsOf: folder.appendingPathComponent(scenario).appendingPathComponent("report.json"))
            let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            #expect((report["ledger"] as? [String: Any])?["balanced"] as? Bool == true, "\(scenario): ledger not balanced")
            #expect(((report["messages"] as? [String: Any])?["published"] as? Int ?? 0) > 0, "\(scenario): nothing published")
            for name in ["report.json", "report.txt", "report.md", "report.csv", "report.html", "series.csv"] {
                let fresh = try Data(contentsOf: folder.appendingPathComponent(scenario).appendingPathComponent(name))
                let kept = try? Data(contentsOf: committed.appendingPathComponent(scenario).appendingPathComponent(name))
                #expect(fresh == kept, "Reports/\(scenario)/\(name) is stale: regenerate with the README's command")
            }
        }
    }

    @Test func outIsCheckedBeforeRunningAndLimitsDoNotOverwrite() throws {
        let folder = try CLIRunner.temporaryFolder()
        let file = try TemporaryFiles.write("x", to: "plain-file", in: folder)
        let notAFolder = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--out", file.path])
        #expect(notAFolder.exitCode == 2)
        #expect(notAFolder.stdout.isEmpty)
        #expect(notAFolder.stderr.contains("a file, not a folder"))
        let good = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--out", folder.path])
        #expect(good.exitCode == 0)
        let saved = try Data(contentsOf: folder.appendingPathComponent("task-queue/report.json"))
        let cut = try CLIRunner.run(["run", "Scenarios/task-queue.json", "--out", folder.path, "--max-events", "100"])
        #expect(cut.exitCode == 3)
        #expect(try Data(contentsOf: folder.appendingPathComponent("task-queue/report.json")) == saved)
        let empty = folder.appendingPathComponent("empty.json")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try CLIRunner.run(["run", empty.path]).exitCode == 2)
        let twice = try CLIRunner.run(["run", "Scenarios/task-queue.json", "Scenarios/task-queue.json", "--out", folder.path])
        #expect(twice.exitCode == 2)
        #expect(twice.stderr.contains("would overwrite each other"))
    }
}
