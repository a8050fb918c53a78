import Foundation
import Testing
@testable import MQLabCLI

/// `mqlab advise`: every branch of the decision tree from flags, the JSON shape, the questions
/// asked on a terminal, the starter scenario (checked by the scenario reader through
/// `mqlab validate` and run) and the exit codes.
@Suite struct AdviseCommandTests {
    typealias Captured = OutputPromiseTests.Captured

    static func advise(_ arguments: [String], input: [String]? = nil) -> (code: Int32, out: String, err: String) {
        let captured = Captured()
        let code: Int32
        if let input {
            var lines = input[...]
            code = AdviseCommand.main(arguments, console: captured.console, input: { lines.popFirst() }).rawValue
        } else {
            code = MQLab.main(["advise"] + arguments, console: captured.console)
        }
        return (code, captured.out, captured.err)
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = advise(arguments + ["--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    }

    /// Flags → the pick and the number of questions on the branch.
    static let branches: [([String], String, Int)] = [
        (["--cloud", "aws"], "sqs-standard", 1),
        (["--cloud", "azure"], "azure-service-bus", 2),
        (["--cloud", "none", "--peak-rate", "2000000"], "kafka", 3),
        (["--peak-rate", "5000", "--replay"], "kafka", 4),
        (["--complex-routing"], "rabbitmq-classic", 5),
        (["--have-redis"], "redis-streams", 6),
        (["--simplest"], "redis-streams", 7),
        (["--cloud", "none", "--peak-rate", "100"], "rabbitmq-classic", 7),
    ]

    @Test(arguments: 0..<8) func everyBranchFromFlags(index: Int) throws {
        let (flags, pick, steps) = Self.branches[index]
        let object = try Self.json(flags)
        #expect(object["pick"] as? String == pick)
        let branch = try #require(object["branch"] as? [[String: Any]])
        #expect(branch.count == steps)
        #expect(object["isDefault"] as? Bool == (index == 7))
        let text = Self.advise(flags)
        #expect(text.out.hasPrefix("pick: \(pick)"))
        #expect(text.out.contains("\n  → \(pick)"))
        #expect(text.out.contains("\(steps). "))
    }

    @Test func jsonShape() throws {
        let object = try Self.json(["--cloud", "aws"])
        #expect(Set(object.keys) == ["alternatives", "branch", "isDefault", "notes", "pick", "starterScenario", "why"])
        #expect(object["alternatives"] as? [String] == ["sns", "sqs-fifo"])
        #expect(object["starterScenario"] is NSNull)
        let step = try #require((object["branch"] as? [[String: Any]])?.first)
        #expect(step["question"] as? String == "onAWS")
        #expect(step["text"] as? String == "Are you on AWS?")
        #expect(step["answer"] as? Bool == true)
        #expect(step["given"] as? String == "cloud: aws")
        #expect(step["defaulted"] as? Bool == false)
        // Keys are sorted, so the same answers give the same bytes.
        #expect(Self.advise(["--cloud", "aws", "--format", "json"]).out == Self.advise(["--format=json", "--cloud=aws"]).out)
    }

    @Test func missingAnswersTakeDefaultsAndSaySo() {
        let result = Self.advise(["--replay"])
        #expect(result.code == 0)
        #expect(result.out.contains("1. Are you on AWS? no (cloud: not given, so none)"))
        #expect(result.out.contains("3 of 4 answers were not given and took their defaults"))
        let none = Self.advise([])
        #expect(none.out.contains("7 of 7 answers were not given"))
    }

    @Test func markdownHasTheBranchAsATable() {
        let result = Self.advise(["--cloud", "azure", "--format", "markdown"])
        #expect(result.out.hasPrefix("## mqlab advise: `azure-service-bus`\n"))
        #expect(result.out.contains("| 2 | Are you on Azure? | yes | cloud: azure |\n"))
    }

    @Test func asksOnATerminalOnlyWhatTheBranchNeeds() {
        // cloud (empty: none), peak rate, replay: no, complex routing: yes → stops there.
        let result = Self.advise([], input: ["", "2000", "n", "y", "never read"])
        #expect(result.code == 0)
        #expect(result.out.hasPrefix("pick: rabbitmq-classic"))
        #expect(result.err.contains("Which cloud do you run on?"))
        #expect(result.err.contains("Do you need complex routing? [y/N]"))
        #expect(!result.err.contains("Redis"))
        #expect(result.out.contains("3. Do you need millions of messages per second? no (peak rate 2000/s < 1000000/s)"))
        #expect(!result.out.contains("not given"))
    }

    @Test func reasksAfterAnAnswerItCannotReadAndDefaultsAtEndOfInput() {
        let result = Self.advise([], input: ["gcp", "aws"])
        #expect(result.err.contains("please answer aws, azure or none"))
        #expect(result.out.hasPrefix("pick: sqs-standard"))
        let ended = Self.advise([], input: ["azure-ish"])
        #expect(ended.code == 0)
        #expect(ended.out.hasPrefix("pick: rabbitmq-classic"))
        // Flags given: nothing is asked even on a terminal.
        let flagged = Self.advise(["--have-redis"], input: ["aws"])
        #expect(flagged.err.isEmpty && flagged.out.hasPrefix("pick: redis-streams"))
    }

    @Test func unreachedYesAnswersAreNoted() throws {
        let object = try Self.json(["--cloud", "aws", "--replay"])
        let notes = try #require(object["notes"] as? [String])
        #expect(notes.count == 1 && notes[0].contains("replay"))
    }

    @Test func badInputIsAUsageError() {
        let cases: [([String], String)] = [
            (["--cloud", "gcp"], #"--cloud expects aws, azure or none, found "gcp""#),
            (["--peak-rate", "-5"], #"--peak-rate expects messages per second > 0 and ≤ 1e9, found "-5""#),
            (["--peak-rate", "lots"], #"--peak-rate expects messages per second > 0 and ≤ 1e9, found "lots""#),
            (["--format", "yaml"], #"--format expects text, json or markdown, found "yaml""#),
            (["--replya"], "unknown option --replya (did you mean --replay?)"),
            (["--service-mean", "50ms"], "--service-mean sizes the starter scenario: give it with --write FILE"),
            (["kafka"], #"unexpected argument "kafka""#),
            (["--scenario", ""], "--scenario expects a scenario file"),
            (["--cloud"], "option --cloud needs a value"),
        ]
        for (arguments, message) in cases {
            let result = Self.advise(arguments)
            #expect(result.code == 2, "\(arguments)")
            #expect(result.out.isEmpty, "\(arguments)")
            #expect(result.err.hasPrefix("error: " + message), "\(arguments): \(result.err)")
            #expect(result.err.contains("usage: mqlab advise"), "\(arguments)")
        }
    }

    /// `--scenario` ranks the technologies on the workload: requirements met first, then cost.
    @Test func scenarioRanksTheTechnologiesByRequirementsThenCost() throws {
        let folder = try TemporaryFiles.folder(prefix: "mqlab-advise")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try TemporaryFiles.write(#"{"name": "w", "seed": 4, "duration": "30s", "brokers": [{"name": "orders"}], "producers": [{"name": "shop", "publishTo": "orders", "arrivals": {"poisson": {"rate": 50}}}], "consumers": [{"name": "workers", "consumeFrom": "orders", "instances": 4, "prefetch": 10, "service": {"exponential": {"mean": "20ms"}}}], "expect": ["latency.endToEnd.p99 < 200ms"]}"#, to: "w.json", in: folder)
        let result = Self.advise(["--cloud", "aws", "--scenario", file.path, "--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let ranking = try #require(json["ranking"] as? [[String: Any]])
        #expect(ranking.count == 9)
        let met = ranking.map { $0["expectationsMet"] as? Int ?? -1 }
        #expect(met == met.sorted(by: >))
        // Among rows meeting as many requirements, the priced ones come first, cheapest first.
        let top = ranking.prefix { $0["expectationsMet"] as? Int == met[0] }
        let prices = top.compactMap { $0["costPerMonth"] as? Double }
        #expect(prices == prices.sorted() && !prices.isEmpty)
        #expect(((json["unsupported"] as? [[String: Any]]) ?? []).contains { $0["technology"] as? String == "sns" })
        let text = Self.advise(["--cloud", "aws", "--scenario", file.path])
        #expect(text.out.contains("ranked by the workload's 1 expect requirements met"))
        #expect(text.out.contains("The decision tree"))
    }

    /// Without requirements, a technology that cannot keep up (SQS's receive round trip per
    /// message with prefetch 1: about 21 of 50 messages/s acked) ranks below every one that
    /// does, however cheap: its cost and percentiles describe a backlog that keeps growing.
    @Test func technologiesThatCannotKeepUpRankLast() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("w.json")
        try Data(#"{"name": "w", "seed": 4, "duration": "30s", "brokers": [{"name": "orders"}], "producers": [{"name": "shop", "publishTo": "orders", "arrivals": {"poisson": {"rate": 50}}}], "consumers": [{"name": "workers", "consumeFrom": "orders", "instances": 1, "prefetch": 1, "service": {"exponential": {"mean": "14ms"}}}]}"#.utf8).write(to: file)
        let result = Self.advise(["--cloud", "aws", "--scenario", file.path, "--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let ranking = try #require(json["ranking"] as? [[String: Any]])
        let keepsUp = ranking.map { $0["keepsUp"] as? Bool }
        #expect(keepsUp == keepsUp.sorted { ($0 == true ? 1 : 0) > ($1 == true ? 1 : 0) })
        let behind = ranking.filter { $0["keepsUp"] as? Bool == false }.compactMap { $0["technology"] as? String }
        #expect(behind.sorted() == ["sqs-fifo", "sqs-standard"])
        let text = Self.advise(["--cloud", "aws", "--scenario", file.path])
        #expect(text.out.contains("sqs-standard") && text.out.contains("cannot keep up"))
        let compare = try CLIRunner.run(["compare", file.path, "--technologies", "sqs-standard,redis-streams"])
        #expect(compare.stdout.contains("warning: acks 21.4/s of the 50.6/s published: it cannot keep up"))
    }

    @Test func helpDescribesTheTreeAndWhatWaitsForCompare() {
        let result = Self.advise(["--help"])
        #expect(result.code == 0)
        #expect(result.out.contains("Are you on AWS?"))
        #expect(result.out.contains("--scenario FILE"))
        #expect(MQLab.main(["help", "advise"], console: Captured().console) == 0)
    }

    @Test func starterScenarioIsValidAndSizedToAbout70Percent() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("starter.json").path
        let result = Self.advise(["--peak-rate", "80", "--service-mean", "40ms", "--write", file])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("starter scenario written to \(file): 80/s, 5 workers of 40ms mean, 64% utilization"))
        // The scenario reader accepts it, and a run reports the sized pool.
        let validated = Captured()
        #expect(MQLab.main(["validate", file], console: validated.console) == 0, "\(validated.err)")
        // Never over an existing file, never "into" a folder.
        let again = Self.advise(["--peak-rate", "80", "--write", file])
        #expect(again.code == 2 && again.err.contains("exists; not overwriting it"))
        let intoFolder = Self.advise(["--peak-rate", "80", "--write", folder.path])
        #expect(intoFolder.code == 2 && intoFolder.err.contains("is a folder"))
        let scenario = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let consumer = try #require((scenario["consumers"] as? [[String: Any]])?.first)
        // ⌈80/s × 0.04 s / 0.7⌉ = ⌈4.57⌉ = 5 workers: utilization 3.2 / 5 = 64% ≤ 70%.
        #expect(consumer["instances"] as? Int == 5)
        let producer = try #require((scenario["producers"] as? [[String: Any]])?.first)
        #expect((producer["arrivals"] as? [String: Any])?["poisson"] as? [String: Double] == ["rate": 80])
        let run = Captured()
        #expect(MQLab.main(["run", file, "--format", "json"], console: run.console) == 0, "\(run.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let workers = try #require((report["consumers"] as? [String: [String: Any]])?["workers"])
        let utilization = try #require(workers["utilization"] as? Double)
        #expect(abs(utilization - 0.64) < 0.03)
    }

    @Test func starterScenarioWithReplayIsAStreamWithALiveAndAReplayGroup() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("replay.json").path
        let result = Self.advise(["--peak-rate", "200", "--replay", "--write", file, "--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains(#""starterScenario" : "\#(file)""#))
        let validated = Captured()
        #expect(MQLab.main(["validate", file], console: validated.console) == 0, "\(validated.err)")
        let scenario = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        #expect(scenario["name"] as? String == "starter-kafka")
        let broker = try #require((scenario["brokers"] as? [[String: Any]])?.first)
        // ⌈200 × 0.05 / 0.7⌉ = 15 partitions and consumers per group.
        #expect(broker["type"] as? String == "stream" && broker["partitions"] as? Int == 15)
        let groups = (scenario["consumers"] as? [[String: Any]])?.compactMap { $0["group"] as? String }
        #expect(groups == ["live", "replay"])
    }

    @Test func aPoolLargerThanAScenarioAllowsIsAUsageError() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("huge.json").path
        let result = Self.advise(["--peak-rate", "1000000", "--service-mean", "1s", "--write", file])
        #expect(result.code == 2)
        #expect(result.err.contains("needs 1428572 workers, more than the 100000 a scenario allows"))
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func theBinaryDoesNotAskWhenStandardInputIsNotATerminal() throws {
        // CLIRunner gives the child /dev/null as standard input.
        let outcome = try CLIRunner.run(["advise"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stderr.isEmpty)
        #expect(outcome.stdout.hasPrefix("pick: rabbitmq-classic"))
        #expect(try CLIRunner.run(["advise", "--cloud", "mars"]).exitCode == 2)
    }
}
