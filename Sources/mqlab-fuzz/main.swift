// mqlab-fuzz: runs generated and mutated scenarios through the built `mqlab` for a bounded time
// and checks the properties every run must have (see ScenarioFuzzing). Exit 0 when nothing
// failed, 1 when an input failed (saved under --out), 2 on a usage error.
//
//   mqlab-fuzz --generate SEED   prints the generated scenario of one generator seed
//   mqlab-fuzz [--seed N] [--seconds S] [--max-inputs N] [--mqlab PATH] [--out DIR]
//              [--scenarios DIR] [--timeout S]
import Foundation
import ScenarioFuzzing

/// Writes one line to standard output at once (unbuffered), so a CI log shows each finding as
/// it happens.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\nusage: mqlab-fuzz [--generate SEED] [--seed N] [--seconds S] [--max-inputs N] [--mqlab PATH] [--out DIR] [--scenarios DIR] [--timeout S]\n".utf8))
    exit(2)
}

func parseOptions() -> [String: String] {
    var options: [String: String] = [:]
    var arguments = CommandLine.arguments.dropFirst()
    let known = ["--generate", "--seed", "--seconds", "--max-inputs", "--mqlab", "--out", "--scenarios", "--timeout"]
    while let flag = arguments.popFirst() {
        guard known.contains(flag) else { fail("unknown option \(flag)") }
        guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
        options[flag] = value
    }
    return options
}
let options = parseOptions()
func number(_ flag: String, default value: Double, in options: [String: String] = options) -> Double {
    guard let text = options[flag] else { return value }
    guard let parsed = Double(text), parsed >= 0, parsed.isFinite else { fail("\(flag) expects a number ≥ 0, found \(text)") }
    return parsed
}
if let text = options["--generate"] {
    // Print the generated scenario of one generator seed (to look at, or to keep as a case).
    guard let generatorSeed = UInt64(text) else { fail("--generate expects an integer ≥ 0, found \(text)") }
    say(ScenarioGenerator.scenario(seed: generatorSeed).text)
    exit(0)
}
let seed: UInt64
if let text = options["--seed"] {
    guard let parsed = UInt64(text) else { fail("--seed expects an integer ≥ 0, found \(text)") }
    seed = UInt64(parsed)
} else {
    seed = UInt64(Date().timeIntervalSince1970)
}
let seconds = number("--seconds", default: 60)
let maxInputs = options["--max-inputs"].map { _ in Int(number("--max-inputs", default: 0)) }
let mqlab = options["--mqlab"] ?? ".build/release/mqlab"
guard FileManager.default.isExecutableFile(atPath: mqlab) else { fail("no executable mqlab at \(mqlab) (build it: swift build -c release --product mqlab)") }
let out = URL(fileURLWithPath: options["--out"] ?? ".build/fuzz-findings")
let scenarios = options["--scenarios"] ?? "Scenarios"

var corpus: [(name: String, value: JSONValue)] = []
let files = ((try? FileManager.default.contentsOfDirectory(atPath: scenarios)) ?? []).sorted()
for file in files where file.hasSuffix(".json") && !file.contains("schema") {
    let path = scenarios + "/" + file
    guard let text = try? String(contentsOfFile: path, encoding: .utf8), let value = try? JSONValue(parsing: text) else { continue }
    corpus.append((file, value))
}
do {
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
} catch {
    fail("cannot create \(out.path): \(error.localizedDescription)")
}

say("fuzz: seed \(seed), \(Int(seconds)) s, \(corpus.count) bundled scenarios to mutate, findings in \(out.path)")
var campaign = FuzzCampaign(seed: seed, runner: InputRunner(mqlab: mqlab, timeoutSeconds: number("--timeout", default: 10)),
                            corpus: corpus, findingsFolder: out)
do {
    try campaign.run(until: Date().addingTimeInterval(seconds), maxInputs: maxInputs) { say($0) }
} catch {
    fail("cannot run \(mqlab): \(error.localizedDescription)")
}
for key in campaign.tally.keys.sorted() { say("fuzz:   \(key): \(campaign.tally[key] ?? 0)") }
if campaign.slow > 0 { say("fuzz:   slow (passed on a second, longer try): \(campaign.slow)") }
say("fuzz: \(campaign.inputs - campaign.failures.count) passed, \(campaign.failures.count) failed (seed \(seed))")
exit(campaign.failures.isEmpty ? 0 : 1)
