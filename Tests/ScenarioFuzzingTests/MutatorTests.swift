import Foundation
import Testing
import ScenarioFuzzing

@Suite struct MutatorTests {
    static let bundled: JSONValue = {
        let url = InProcessRun.repositoryRoot.appendingPathComponent("Scenarios/task-queue.json")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? "{}"
        return (try? JSONValue(parsing: text)) ?? .null
    }()

    @Test func parsingKeepsOrderRepeatedKeysAndNumberText() throws {
        let value = try JSONValue(parsing: #" {"b": 1e308, "a": [true, null, "x\"\u00e9"], "b": 99999999999999999999} "#)
        #expect(value == .object([("b", .number("1e308")), ("a", .array([.bool(true), .null, .string("x\"é")])),
                                  ("b", .number("99999999999999999999"))]))
        #expect(value.text == #"{"b":1e308,"a":[true,null,"x\"é"],"b":99999999999999999999}"#)
        #expect(try JSONValue(parsing: value.text) == value)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: "{\"a\": }") }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: String(repeating: "[", count: 600)) }
    }

    @Test func mutationIsDeterministicAndChangesTheInput() {
        var a = ScenarioMutator(seed: 5), b = ScenarioMutator(seed: 5)
        let first = a.mutate(Self.bundled), second = b.mutate(Self.bundled)
        #expect(first == second)
        var changed = 0
        for seed in 0..<50 {
            var mutator = ScenarioMutator(seed: UInt64(seed))
            if mutator.mutate(Self.bundled) != Self.bundled { changed += 1 }
        }
        // A mutation can be a no-op (swapping equal values), but rarely.
        #expect(changed >= 45)
    }

    /// Mutated bundled scenarios never crash the reader: each is a report (exit 0/3, or 1 when
    /// the mutation breaks one of task-queue's `expect` requirements) or a clear error (exit 2
    /// with `error:` lines and nothing on stdout).
    @Test(arguments: 0..<40)
    func mutantGetsAReportOrAClearError(seed: Int) throws {
        var mutator = ScenarioMutator(seed: UInt64(seed))
        let mutant = mutator.mutate(Self.bundled)
        let file = try InProcessRun.temporaryFile(mutant.text)
        let outcome = InProcessRun.run(file: file, extra: ["--max-events", "200000"])
        #expect([0, 1, 2, 3].contains(outcome.status))
        let failure = OutcomeChecker.failure(of: outcome)
        #expect(failure == nil, "seed \(seed): \(mutant.text): \(failure?.1 ?? "")")
    }
}
