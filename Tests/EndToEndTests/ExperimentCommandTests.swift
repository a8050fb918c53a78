import Foundation
import Testing
@testable import MQLabCLI

/// `run --replications`, `run --batch-means`, `sweep`, `--shard` and `merge` from the command line.
@Suite struct ExperimentCommandTests {
    typealias Captured = OutputPromiseTests.Captured
    static let taskQueue = OutputPromiseTests.taskQueue
    /// A short task queue: 3,000 messages.
    static let short = ["--set", "producers.web.count=3000", "--set", "warmup=5s"]

    static func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) { InProcessCLI.run(arguments) }

    @Test func replicationsPrintEveryFieldWithItsInterval() throws {
        let result = Self.run(["run", Self.taskQueue, "--replications", "3", "--format", "json"] + Self.short)
        #expect(result.code == 0, "\(result.err)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(document["replications"] as? Int == 3)
        #expect((document["seeds"] as? [Any])?.count == 3)
        let fields = try #require(document["fields"] as? [String: [String: Double]])
        let p99 = try #require(fields["latency.endToEnd.p99"])
        #expect(p99["min"]! <= p99["mean"]! && p99["mean"]! <= p99["max"]! && p99["halfWidth"]! > 0)
        // Every replication publishes the 3,000 messages: no spread.
        #expect(fields["messages.published"]?["mean"] == 3000 && fields["messages.published"]?["halfWidth"] == 0)
        let text = Self.run(["run", Self.taskQueue, "--replications", "3"] + Self.short)
        #expect(text.out.contains("end to end p99") && text.out.contains(" ± ") && text.out.contains("theory"))
    }

    /// The scenario's expect list is judged on the means: three workers cannot keep up.
    @Test func expectationsAreJudgedOnTheMeans() {
        let met = Self.run(["run", Self.taskQueue, "--replications", "3"] + Self.short)
        #expect(met.code == 0, "\(met.err)")
        let unmet = Self.run(["run", Self.taskQueue, "--replications", "3", "--set", "consumers.workers.instances=3"] + Self.short)
        #expect(unmet.code == 1)
        #expect(unmet.err.contains("expectation not met by the mean of the replications: consumers.workers.utilization <= 85%"))
        #expect(unmet.err.contains("2 of 3 expectations not met (on the mean)"))
    }

    @Test func threadsNeverChangeTheOutput() {
        let one = Self.run(["run", Self.taskQueue, "--replications", "4", "--format", "csv", "--threads", "1"] + Self.short)
        let three = Self.run(["run", Self.taskQueue, "--replications", "4", "--format", "csv", "--threads", "3"] + Self.short)
        #expect(one.code == 0 && one.out == three.out)
    }

    @Test func sweepPrintsOneRowPerPoint() throws {
        let result = Self.run(["sweep", Self.taskQueue, "--set", "consumers.workers.instances=4..6", "--set", "producers.web.count=1000,2000",
                               "--set", "warmup=1s", "--format", "csv"])
        #expect(result.code == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 1 + 3 * 2)
        #expect(lines[0].hasPrefix("consumers.workers.instances,producers.web.count,warmup,throughput.ackedPerSecond,latency.endToEnd.p50"))
        #expect(lines[1].hasPrefix("4,1000,1s,") && lines[6].hasPrefix("6,2000,1s,"))
    }

    /// `--format html`: a page with one chart per metric, one line per value of the second
    /// parameter through a point per value of the first, each with its error bar; the same
    /// bytes at any thread count. Other experiments have no html form and say so.
    @Test func sweepDrawsAChartPerMetric() throws {
        let command = ["sweep", Self.taskQueue, "--set", "consumers.workers.instances=4..6", "--set", "producers.web.count=1000,2000",
                       "--set", "warmup=1s", "--replications", "2", "--metric", "throughput.ackedPerSecond",
                       "--metric", "latency.endToEnd.p99", "--format", "html"]
        let result = Self.run(command)
        #expect(result.code == 0, "\(result.err)")
        #expect(Self.run(command + ["--threads", "1"]).out == result.out)
        let html = result.out
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script"))
        let charts = html.matches(of: /<svg[^>]*data-chart="(sweep-\d)"[^>]*>.*?<\/svg>/)
        #expect(charts.map { String($0.1) } == ["sweep-1", "sweep-2"])
        for chart in charts.map(\.output.0) {
            let lines = chart.matches(of: /<path class="series c\d" d="([^"]+)"><title>([^<]+)</).map { ($0.2, $0.1.filter { $0 == "M" || $0 == "L" }.count) }
            #expect(lines.map(\.0) == ["web.count=1000", "web.count=2000"])
            #expect(lines.map(\.1) == [3, 3])
            #expect(chart.matches(of: /<path class="interval c\d"/).count == 6)
        }
        #expect(html.matches(of: /<tr><td>/).count == 6 && html.contains("<p>Set at every point: warmup=1s.</p>"))
        let refused = Self.run(["run", Self.taskQueue, "--replications", "2", "--format", "html"] + Self.short)
        #expect(refused.code == 2 && refused.err.contains("unknown format \"html\" (html is for single runs and sweeps)"))
    }

    /// The scenario's expect list is judged at every point: three workers miss two items.
    @Test func sweepJudgesTheExpectListAtEveryPoint() {
        let result = Self.run(["sweep", Self.taskQueue, "--set", "consumers.workers.instances=3..4"] + Self.short)
        #expect(result.code == 0, "\(result.err)")
        let rows = result.out.split(separator: "\n").filter { $0.hasPrefix("3 ") || $0.hasPrefix("4 ") }
        #expect(rows.count == 2)
        #expect(rows.first?.hasSuffix("2 of 3 not met") == true && rows.last?.hasSuffix("met") == true && rows.last?.contains("not") == false)
        #expect(result.out.contains("expect (on the means): latency.endToEnd.p99 < 500ms · messages.lost == 0"))
    }

    /// Shards written to files by the command line and merged by `mqlab merge` give the bytes
    /// of the unsharded command.
    @Test(arguments: [2, 3])
    func shardedCommandsMergeToTheUnshardedBytes(shards: Int) throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let commands: [[String]] = [
            ["sweep", Self.taskQueue, "--set", "consumers.workers.instances=4..5", "--replications", "2", "--format", "markdown"] + Self.short,
            ["run", Self.taskQueue, "--replications", "5", "--format", "text"] + Self.short,
            ["sweep", Self.taskQueue, "--set", "consumers.workers.instances=4..5", "--set", "producers.web.count=1000,2000",
             "--replications", "2", "--format", "html", "--set", "warmup=1s"],
        ]
        for command in commands {
            let whole = Self.run(command)
            #expect(whole.code == 0, "\(whole.err)")
            var parts: [String] = []
            for index in 0..<shards {
                let part = Self.run(command + ["--shard", "\(index)/\(shards)"])
                #expect(part.code == 0, "\(part.err)")
                let path = folder.appendingPathComponent("part-\(index).json").path
                try Data(part.out.utf8).write(to: URL(fileURLWithPath: path))
                parts.append(path)
            }
            let merged = Self.run(["merge"] + parts.reversed())
            #expect(merged.code == 0, "\(merged.err)")
            #expect(merged.out == whole.out)
            let missing = Self.run(["merge"] + parts.dropFirst())
            #expect(missing.code == 2 && missing.err.contains("missing shard 0/\(shards)"))
        }
    }

    @Test(arguments: [
        (["sweep", "Scenarios/task-queue.json"], "nothing to sweep"),
        (["sweep", "Scenarios/task-queue.json", "--set", "consumers.workers.instances=5..1"], "is empty"),
        (["sweep", "Scenarios/task-queue.json", "--set", "consumers.wrkers.instances=1,2"], "did you mean \"consumers.workers.instances\""),
        (["run", "Scenarios/task-queue.json", "--replications", "1"], "--replications expects an integer from 2"),
        (["run", "Scenarios/task-queue.json", "--replications", "3", "--shard", "3/3"], "0 ≤ i < n"),
        (["run", "Scenarios/task-queue.json", "--batch-means", "10", "--replications", "3"], "does not combine"),
        (["merge", "Scenarios/task-queue.json"], "not a partial result"),
        (["capacity", "Scenarios/task-queue.json", "--until", "messages.lost == 0"], "--vary PATH is required"),
        (["capacity", "Scenarios/task-queue.json", "--vary", "consumers.workers.instances", "--until", "latency.endToEnd.p99x < 1s"],
         "--until: $[0]: unknown metric \"latency.endToEnd.p99x\""),
        (["capacity", "Scenarios/task-queue.json", "--vary", "consumers.nope.instances", "--until", "messages.lost == 0"], "--vary consumers.nope.instances: no consumer named \"nope\""),
        (["capacity", "Scenarios/task-queue.json", "--vary", "consumers.workers.instances", "--shard", "0/2"], "capacity does not shard"),
        (["sweep", "Scenarios/task-queue.json", "--set", "consumers.workers.instances=1..1000", "--set", "producers.web.arrivals.poisson.rate=1..1000"],
         "is more than 100000 runs"),
        (["sweep", "Scenarios/task-queue.json", "--set", "consumers.workers.instances=3,4", "--set", "consumers.workers.instances=5,6"], "is given twice"),
    ])
    func mistakesExitTwoWithAMessage(arguments: [String], message: String) {
        let result = Self.run(arguments.map { $0 == "Scenarios/task-queue.json" ? Self.taskQueue : $0 })
        #expect(result.code == 2)
        #expect(result.err.contains(message), "\(result.err)")
        #expect(result.out.isEmpty)
    }

    /// A `--metric` the report has no numeric field for is refused before any point runs, with
    /// the message a scenario's `expect` would get, and exit 2 (not an empty column and 0).
    @Test func sweepRefusesAnUnknownMetricBeforeRunning() {
        let p98 = Self.run(["sweep", Self.taskQueue, "--set", "consumers.workers.instances=1,2", "--metric", "latency.endToEnd.p98"])
        #expect(p98.code == 2 && p98.out.isEmpty)
        #expect(p98.err == """
            error: --metric: unknown metric "latency.endToEnd.p98": no numeric field "p98" under "latency.endToEnd" (did you mean "p95"?); \
            valid there: count, max, mean, min, p50, p95, p99, p999, stddev

            """)
        let queue = Self.run(["sweep", Self.taskQueue, "--set", "consumers.workers.instances=1,2",
                              "--metric", "throughput.ackedPerSecond", "--metric", "brokers.jbs.depth.max"])
        #expect(queue.code == 2 && queue.out.isEmpty)
        #expect(queue.err == "error: --metric: unknown metric \"brokers.jbs.depth.max\": no queue named \"jbs\" in this scenario (did you mean \"jobs\"?); queues: jobs\n")
    }

    /// Fewest workers for the scenario's p99 at a reduced load: 3 cannot keep up, 4 can.
    @Test func capacityFindsTheFewestInstances() throws {
        let result = Self.run(["capacity", Self.taskQueue, "--vary", "consumers.workers.instances", "--until", "latency.endToEnd.p99 < 1s",
                               "--replications", "3", "--format", "json"] + Self.short)
        #expect(result.code == 0, "\(result.err)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(document["direction"] as? String == "smallest" && document["outcome"] as? String == "found")
        #expect(document["answer"] as? Double == 4 && document["beyond"] as? Double == 3)
        #expect((document["evaluations"] as? [Any])?.count ?? 0 >= 3)
        // The same search on the scenario's own expect list, whose `messages.lost == 0` holds
        // everywhere: it must not hide which way the other requirements move.
        let byExpect = Self.run(["capacity", Self.taskQueue, "--vary", "consumers.workers.instances",
                                 "--replications", "3", "--format", "json"] + Self.short)
        let expectDocument = try #require(try JSONSerialization.jsonObject(with: Data(byExpect.out.utf8)) as? [String: Any])
        #expect(expectDocument["direction"] as? String == "smallest", "\(byExpect.err)")
    }

    @Test func batchMeansGiveIntervalsFromOneRun() throws {
        let result = Self.run(["run", Self.taskQueue, "--batch-means", "10", "--format", "json"] + Self.short)
        #expect(result.code == 0, "\(result.err)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let wait = try #require(document["queueWait"] as? [String: Double])
        #expect(document["batches"] as? Int == 10 && wait["halfWidth"]! > 0 && wait["batchSize"]! >= 250)
        #expect((document["theory"] as? [String: Double])?["queueWait"] != nil)
    }

    /// The scale-out scripts and manifests sit beside the scenarios but are not scenarios.
    @Test func scaleOutFilesAreNotScenarios() {
        let folder = CLIRunner.repositoryRoot.appendingPathComponent("Scenarios").path
        let files = expandScenarioPaths([folder])
        #expect(!files.isEmpty)
        #expect(!files.contains { $0.contains("scale-out") })
        for name in ["README.md", "gnu-parallel.sh", "indexed-job.yaml", "slurm-array.sh"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/scale-out/" + name), "\(name)")
        }
        let job = (try? String(contentsOfFile: folder + "/scale-out/indexed-job.yaml", encoding: .utf8)) ?? ""
        #expect(job.contains("completionMode: Indexed") && job.contains("--shard \"${JOB_COMPLETION_INDEX}/8\""))
        let slurm = (try? String(contentsOfFile: folder + "/scale-out/slurm-array.sh", encoding: .utf8)) ?? ""
        #expect(slurm.contains("#SBATCH --array=0-15") && slurm.contains("${SLURM_ARRAY_TASK_ID}/${SHARDS}"))
    }
}
