import Foundation

/// A bounded fuzzing session: inputs from a campaign seed (generated scenarios, mutated bundled
/// scenarios, mutated generated ones), each run through `mqlab` twice, every failure saved.
public struct FuzzCampaign {
    /// Where an input came from.
    public enum Source: String, Sendable { case generated, mutatedBundled = "mutated-bundled", mutatedGenerated = "mutated-generated" }

    public var seed: UInt64
    public var runner: InputRunner
    /// Bundled scenarios to mutate: (file name, parsed value).
    public var corpus: [(name: String, value: JSONValue)]
    /// Failing inputs go here as `<index>-<failure>.json` with a `.txt` beside it.
    public var findingsFolder: URL

    public private(set) var inputs = 0
    public private(set) var failures: [String] = []
    /// Inputs that missed the time limit once but finished within three times it.
    public private(set) var slow = 0
    /// Outcome counts: "generated exit 0", "mutated-bundled exit 2", …
    public private(set) var tally: [String: Int] = [:]

    public init(seed: UInt64, runner: InputRunner, corpus: [(name: String, value: JSONValue)], findingsFolder: URL) {
        self.seed = seed
        self.runner = runner
        self.corpus = corpus
        self.findingsFolder = findingsFolder
    }

    /// The input number `index` of this campaign: the same seed and index give the same bytes.
    public func input(_ index: Int) -> (source: Source, origin: String, value: JSONValue) {
        var random = FuzzRandom(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let inputSeed = random.next()
        let roll = random.int(0...9)
        if roll < 5 || corpus.isEmpty {
            return (.generated, "generator seed \(inputSeed)", ScenarioGenerator.scenario(seed: inputSeed))
        }
        var mutator = ScenarioMutator(seed: inputSeed)
        if roll < 8 {
            let base = random.pick(corpus)
            return (.mutatedBundled, "\(base.name) mutated with seed \(inputSeed)", mutator.mutate(base.value))
        }
        return (.mutatedGenerated, "generator seed \(inputSeed) mutated with seed \(inputSeed)",
                mutator.mutate(ScenarioGenerator.scenario(seed: inputSeed)))
    }

    /// Runs inputs until `deadline` (or `maxInputs`), printing one line per failure.
    public mutating func run(until deadline: Date, maxInputs: Int?, log: (String) -> Void) throws {
        let work = findingsFolder.appendingPathComponent(".work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var index = 0
        while Date() < deadline, maxInputs.map({ index < $0 }) ?? true {
            let (source, origin, value) = input(index)
            let text = value.text
            let file = work.appendingPathComponent("input-\(index).json")
            try Data(text.utf8).write(to: file)
            var effective = runner
            var first = try effective.run(file: file.path)
            if first.timedOut {
                // A shared, loaded machine can stretch a one-second run past the limit: only an
                // input that also misses three times the limit is a hang.
                effective.timeoutSeconds *= 3
                first = try effective.run(file: file.path)
                if !first.timedOut {
                    slow += 1
                    log("fuzz: slow (finished only with 3× the time limit): input \(index), \(origin)")
                }
            }
            var failure = OutcomeChecker.failure(of: first)
            if failure == nil, source == .generated, first.status == 2 {
                failure = (.rejectedGenerated, first.stderr.split(separator: "\n").prefix(5).joined(separator: "\n"))
            }
            if failure == nil, first.status == 0 || first.status == 1 || first.status == 3 {
                let second = try effective.run(file: file.path)
                if second.timedOut {
                    failure = (.timeout, "the second run got no answer within the time limit (the first did)")
                } else if second.stdout != first.stdout || second.status != first.status {
                    failure = (.nondeterministic, "a second run printed different bytes (exit \(first.status) then \(second.status))")
                }
            }
            inputs += 1
            let status = first.timedOut ? "timeout" : first.signalled ? "signal" : "exit \(first.status)"
            tally["\(source.rawValue) \(status)", default: 0] += 1
            if let (kind, detail) = failure {
                let stem = "\(seed)-\(index)-\(kind.rawValue)"
                try Data(text.utf8).write(to: findingsFolder.appendingPathComponent(stem + ".json"))
                let note = """
                campaign seed \(seed), input \(index) (\(source.rawValue): \(origin))
                failure: \(kind.rawValue)
                \(detail)
                --- stderr (first 2000 characters)
                \(first.stderr.prefix(2000))
                --- stdout (first 2000 characters)
                \(first.stdout.prefix(2000))

                """
                try Data(note.utf8).write(to: findingsFolder.appendingPathComponent(stem + ".txt"))
                failures.append(stem)
                log("fuzz: FAIL \(stem): \(origin): \(detail.split(separator: "\n").first ?? "")")
            }
            try? FileManager.default.removeItem(at: file)
            index += 1
        }
    }
}
