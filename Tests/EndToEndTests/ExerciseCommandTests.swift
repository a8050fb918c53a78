import Foundation
import Testing

/// `mqlab exercise`: listing, reading, starting and checking exercises as a user would, and
/// the errors a user can make (exit code 2 with what was wrong).
@Suite struct ExerciseCommandTests {
    @Test func listShowHintAndSolution() throws {
        let list = try CLIRunner.run(["exercise", "list"])
        #expect(list.exitCode == 0)
        #expect(list.stdout.contains("poison-pills") && list.stdout.contains("Survive poison pills (6 objectives)"))

        let show = try CLIRunner.run(["exercise", "show", "poison-pills"])
        #expect(show.exitCode == 0)
        #expect(show.stdout.contains("latency.queueWait.p99 < 1s"))
        #expect(show.stdout.contains("Concepts: poison message"))

        let first = try CLIRunner.run(["exercise", "hint", "poison-pills"])
        #expect(first.stdout.hasPrefix("Hint 1: ") && !first.stdout.contains("Hint 2"))
        #expect(first.stdout.contains("--level 2"))
        let all = try CLIRunner.run(["exercise", "hint", "poison-pills", "--level", "3"])
        #expect(all.stdout.contains("Hint 1: ") && all.stdout.contains("Hint 3: ") && !all.stdout.contains("(more:"))

        let solution = try CLIRunner.run(["exercise", "solution", "paid-priority"])
        #expect(solution.exitCode == 0)
        #expect(solution.stdout.contains("solution.json") && solution.stdout.contains("solution-priority-capacity.json"))
    }

    @Test func startCopiesTheStarterAndTheSchemaAndNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mqlab-exercise-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = try CLIRunner.run(["exercise", "start", "traffic-spike", folder.path])
        #expect(start.exitCode == 0, "\(start.stderr)")
        let copy = folder.appendingPathComponent("traffic-spike.json")
        let text = try String(contentsOf: copy, encoding: .utf8)
        #expect(text.contains("\"$schema\": \"./scenario.schema.json\""))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenario.schema.json").path))
        // The copy is the starter: it validates, and checking it finds the flaw (exit 1).
        let check = try CLIRunner.run(["exercise", "check", "traffic-spike", copy.path])
        #expect(check.exitCode == 1)
        #expect(check.stdout.contains("NOT YET") && check.stdout.contains("✗ "))
        #expect(check.stdout.contains("Witness of "))
        #expect(check.stdout.contains("Next: mqlab exercise hint traffic-spike --level 1"))
        let again = try CLIRunner.run(["exercise", "start", "traffic-spike", folder.path])
        #expect(again.exitCode == 2)
        #expect(again.stderr.contains("not overwriting"))
    }

    @Test func aPassIsStatedWithItsConfidence() throws {
        let check = try CLIRunner.run(["exercise", "check", "visibility-timeout", "Scenarios/exercises/visibility-timeout/solution.json"])
        #expect(check.exitCode == 0, "\(check.stderr)")
        #expect(check.stdout.contains("PASSED"))
        // 3 seeds all passing: the 95% lower bound on the pass rate is 0.05^(1/3) = 36.8%.
        #expect(check.stdout.contains("met on all 3 runs") && check.stdout.contains("at least 36.8% of runs"))
        let more = try CLIRunner.run(["exercise", "check", "visibility-timeout", "Scenarios/exercises/visibility-timeout/solution.json", "--runs", "5", "--format", "json"])
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(more.stdout.utf8)) as? [String: Any])
        let seeds = try #require(verdict["seeds"] as? [Int])
        #expect(seeds.count == 5 && Array(seeds.prefix(3)) == [11, 23, 47] && Set(seeds).count == 5)
        #expect((verdict["confidence"] as? String)?.contains("at least 54.9% of runs") == true)
    }

    /// A run a limit stops (here a poison message requeued forever with no processing time:
    /// the stall guard) is no result: its seed fails every objective, and the check says why.
    @Test func aRunStoppedByALimitFailsItsSeed() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let starter = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("Scenarios/exercises/poison-pills/starter.json"), encoding: .utf8)
        let looping = try #require(starter.range(of: #""service": \{[^}]*\}\s*\}"#, options: .regularExpression))
        let file = folder.appendingPathComponent("loop.json")
        try Data(starter.replacingCharacters(in: looping, with: #""service": {"constant": "0s"}"#).utf8).write(to: file)
        // One seed as JSON, one as text: each run goes on until the stall guard has seen two
        // million events, which a debug build takes about 15 s of CPU to reach.
        let check = try CLIRunner.run(["exercise", "check", "poison-pills", file.path, "--runs", "1", "--format", "json"])
        #expect(check.exitCode == 1, "\(check.stderr)")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let stopped = try #require(verdict["stopped"] as? [[String: Any]])
        #expect(stopped.count == 1 && stopped.allSatisfy { ($0["reason"] as? String)?.contains("run stopped") == true })
        #expect(((verdict["objectives"] as? [[String: Any]]) ?? []).allSatisfy { $0["passed"] as? Bool == false })
        let text = try CLIRunner.run(["exercise", "check", "poison-pills", file.path, "--runs", "1"])
        #expect(text.exitCode == 1 && text.stdout.contains("stopped by a limit, so it counts as failed"))
    }

    /// `double-charges` grades the claim, not the tuning: the model solution with its claim
    /// taken at the end instead (window-only, check-then-set) still charges twice, because the
    /// standard queue's duplicate copies start while the first copy runs; the witness shows two
    /// overlapping attempts.
    @Test func doubleChargesFailsTheWindowOnlyDesignWhenCopiesOverlap() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let solution = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("Scenarios/exercises/double-charges/solution.json"), encoding: .utf8)
        #expect(solution.contains(#""claim": "atStart""#))
        let file = folder.appendingPathComponent("window-only.json")
        try Data(solution.replacingOccurrences(of: #""claim": "atStart""#, with: #""claim": "atEnd""#).utf8).write(to: file)
        let check = try CLIRunner.run(["exercise", "check", "double-charges", file.path, "--format", "json"])
        #expect(check.exitCode == 1, "\(check.stderr)")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let objectives = (verdict["objectives"] as? [[String: Any]]) ?? []
        let duplicates = try #require(objectives.first { ($0["expect"] as? String)?.hasPrefix("messages.duplicateProcessing") == true })
        #expect(duplicates["passed"] as? Bool == false)
        let measured = ((duplicates["measured"] as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.doubleValue }
        #expect(measured.count == 3 && measured.allSatisfy { $0 > 0 }, "\(measured)")
        let witness = try #require(verdict["witness"] as? [String: Any])
        #expect((witness["summary"] as? String)?.contains("was processed twice at once") == true)
    }

    /// A valid design without an entity an objective names (the queue renamed) is not a usage
    /// error: that objective fails as not measured, saying what the design has instead, and
    /// the others are graded as usual.
    @Test func anObjectiveOnAnEntityTheDesignLacksFailsNotMeasured() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let renamed = folder.appendingPathComponent("renamed.json")
        let starter = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("Scenarios/exercises/poison-pills/starter.json"), encoding: .utf8)
        try Data(starter.replacingOccurrences(of: "\"orders\"", with: "\"jobs\"").replacingOccurrences(of: "../../scenario.schema.json", with: "x").utf8).write(to: renamed)
        let check = try CLIRunner.run(["exercise", "check", "poison-pills", renamed.path, "--format", "json"])
        #expect(check.exitCode == 1, "\(check.stderr)")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let objectives = (verdict["objectives"] as? [[String: Any]]) ?? []
        let absent = objectives.filter { $0["notMeasured"] != nil }
        #expect(!absent.isEmpty && absent.count < objectives.count)
        for objective in absent {
            let reason = (objective["notMeasured"] as? String) ?? ""
            #expect(objective["passed"] as? Bool == false)
            #expect(reason.contains("no ledger destination named \"orders\"") && reason.contains("jobs"), "\(reason)")
            #expect(((objective["measured"] as? [Any]) ?? []).count == 3 && (objective["failedOn"] as? [Any])?.count == 3)
        }
        let text = try CLIRunner.run(["exercise", "check", "poison-pills", renamed.path])
        #expect(text.exitCode == 1 && text.stdout.contains("not measured") && text.stdout.contains("no ledger destination named"), "\(text.stdout)")
    }

    @Test func mistakesExitTwoAndSayWhat() throws {
        let unknown = try CLIRunner.run(["exercise", "check", "poison-pill", "x.json"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("no exercise \"poison-pill\" (did you mean \"poison-pills\"?)"))

        let missing = try CLIRunner.run(["exercise", "check", "poison-pills", "no-such-file.json"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("no-such-file.json"))

        let folder = try TemporaryFiles.folder(prefix: "mqlab-exercise")
        defer { try? FileManager.default.removeItem(at: folder) }
        // An invalid design: the error names its JSON path.
        let invalid = folder.appendingPathComponent("bad.json")
        try Data(#"{"name": "x", "brokers": [{"name": "orders", "type": "queue"}], "producers": [], "consumers": [{"name": "w", "consumeFrom": "orders", "instances": 0, "service": {"constant": "1ms"}}]}"#.utf8).write(to: invalid)
        let bad = try CLIRunner.run(["exercise", "check", "poison-pills", invalid.path])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("$.consumers[0].instances"))

        // A folder argument that is a file, an option another action takes.
        let intoFile = try CLIRunner.run(["exercise", "start", "poison-pills", invalid.path])
        #expect(intoFile.exitCode == 2 && intoFile.stderr.contains("is a file; expected a folder"))
        // A folder under a file cannot be made: the reason in words, not a Foundation code.
        let underFile = try CLIRunner.run(["exercise", "start", "poison-pills", invalid.path + "/sub"])
        #expect(underFile.exitCode == 2 && underFile.stderr.hasPrefix("error: cannot write ") && !underFile.stderr.contains("NSCocoaErrorDomain"),
                "\(underFile.stderr)")
        let option = try CLIRunner.run(["exercise", "list", "--format", "json"])
        #expect(option.exitCode == 2 && option.stderr.contains("takes no --format option"))

        let usage = try CLIRunner.run(["exercise", "chek", "poison-pills", "x.json"])
        #expect(usage.exitCode == 2 && usage.stderr.contains("did you mean \"check\"?"))
        let level = try CLIRunner.run(["exercise", "hint", "poison-pills", "--level", "9"])
        #expect(level.exitCode == 2 && level.stderr.contains("expected one of 1, 2, 3"))
    }
}
