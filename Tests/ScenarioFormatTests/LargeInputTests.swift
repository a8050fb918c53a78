import Foundation
import Testing
@testable import ScenarioFormat

/// Huge or pathological files finish quickly with a bounded, readable list of problems.
/// (Each case would take minutes if any step were quadratic; no test reads the clock.)
@Suite struct LargeInputTests {
    typealias S = Snippet

    /// `{"name": "s", <fields>, "brokers": […], "producers": […]}` with a valid producer.
    static func document(_ fields: String, brokers: String = #"{"name": "jobs"}"#, publishTo: String = "jobs") -> String {
        #"{"name": "s", \#(fields)"brokers": [\#(brokers)], "producers": [\#(S.producer(publishTo: publishTo))]}"#
    }

    static func decodeErrors(_ json: String) -> ScenarioErrors {
        do {
            _ = try Scenario.decode(Data(json.utf8), file: "s.json")
            return ScenarioErrors([])
        } catch {
            return error
        }
    }

    @Test("20,000 repeats of one key: the first 50 described, the rest counted")
    func repeatedKeyTwentyThousandTimes() {
        let json = Self.document(String(repeating: #""seed": 1, "#, count: 20_000))
        let result = Self.decodeErrors(json)
        #expect(result.errors.count == 50)
        #expect(result.omitted == 19_999 - 50)
        // `{"name": "s", ` is 14 characters; each `"seed": 1, ` 11.
        #expect(result.errors.first?.description == #"error: s.json: $.seed: key "seed" appears twice in this object (again at line 1, column 26); JSON keys must be unique, and only the last value would count"#)
        #expect(result.errors.last?.message.contains("(again at line 1, column \(15 + 50 * 11))") == true)
        #expect(result.description.hasSuffix("\nerror: s.json: … and 19949 more errors (fix the ones above first)"))
    }

    @Test("line and column of repeated keys are counted across lines and multi-byte characters")
    func repeatedKeyPositions() {
        let text = "{\"é\": 1,\n  \"a\": 2, \"é\": 3,\n \"a\": 4}"
        let found = JSONText.duplicateKeys(in: Data(text.utf8))
        #expect(found == [
            JSONText.DuplicateKey(path: "$.é", key: "é", line: 2, column: 11),
            JSONText.DuplicateKey(path: "$.a", key: "a", line: 3, column: 2),
        ])
    }

    @Test("nesting is checked against the limit before parsing")
    func nestingLimit() {
        let text = Data(#"{"a": [[1]], "b": {"c": 2}}"#.utf8)
        #expect(JSONText.scan(text, maxDepth: 3).tooDeep == nil)
        #expect(JSONText.scan(text, maxDepth: 2).tooDeep == JSONText.TooDeep(path: "$.a[0]", line: 1, column: 8))
        #expect(JSONText.scan(text, maxDepth: 1).tooDeep == JSONText.TooDeep(path: "$.a", line: 1, column: 7))
        // A hundred levels parse: the limit is on the 101st.
        let deepest = String(repeating: "[", count: 99) + String(repeating: "]", count: 99)
        #expect(JSONText.scan(Data(deepest.utf8)).tooDeep == nil)
        #expect(JSONText.scan(Data(("[" + deepest + "]").utf8)).tooDeep == nil)
        #expect(JSONText.scan(Data(("[[" + deepest + "]]").utf8)).tooDeep?.column == 101)
    }

    @Test("long number literals are kept as written, by path")
    func numberLiterals() {
        let text = Data(#"{"a": 123456789012345678, "b": [1.5, -0.000000000000000001, 12345678901234567e2], "c": 100000000000000, "d": 1000000000000000}"#.utf8)
        #expect(JSONText.scan(text).numberLiterals == ["$.a": "123456789012345678", "$.b[2]": "12345678901234567e2", "$.d": "1000000000000000"])
    }

    @Test("2,000 unknown keys: 50 errors described, each listing at most 10 valid keys")
    func manyUnknownKeys() {
        let keys = (0..<2_000).map { #""zzzz\#($0)": 1, "# }.joined()
        let result = Self.decodeErrors(Self.document(keys))
        #expect(result.errors.count == 50)
        #expect(result.omitted == 1_950)
        // Keys are reported in key order: zzzz0, zzzz1, zzzz10, zzzz100, …
        #expect(result.errors.first?.message == #"unknown key "zzzz0"; valid keys: $schema, version, name, description, seed, duration, warmup, drainTimeout, brokers, producers, … and 5 more"#)
        #expect(result.errors.allSatisfy { $0.message.hasSuffix("… and 5 more") })
    }

    @Test("NameList shortens long lists")
    func nameList() {
        #expect(NameList.short([]) == "")
        #expect(NameList.short(["a", "b"]) == "a, b")
        #expect(NameList.short((0..<10).map { "n\($0)" }) == "n0, n1, n2, n3, n4, n5, n6, n7, n8, n9")
        #expect(NameList.short((0..<12).map { "n\($0)" }) == "n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, … and 2 more")
        #expect(NameList.short(["a", "b", "c"], limit: 2) == "a, b, … and 1 more")
    }

    @Test("20,000 brokers validate; a reference among them is resolved and a misspelt one suggested")
    func twentyThousandBrokers() throws {
        let brokers = (0..<20_000).map { #"{"name": "queue-\#($0)"}"# }.joined(separator: ", ")
        let good = Self.document("", brokers: brokers, publishTo: "queue-19999")
        let scenario = try Scenario.decode(Data(good.utf8), file: "s.json")
        #expect(scenario.model.queues.count == 20_000)
        #expect(scenario.model.producers.first?.destination.queue?.index == 19_999)

        let bad = Self.decodeErrors(Self.document("", brokers: brokers, publishTo: "queue-19999x"))
        #expect(bad.errors.map(\.description) == [
            #"error: s.json: $.producers[0].publishTo: no broker named "queue-19999x" (did you mean "queue-19999"?); brokers: queue-0, queue-1, queue-2, queue-3, queue-4, queue-5, queue-6, queue-7, queue-8, queue-9, … and 19990 more"#,
        ])
    }

    @Test("10,000 duplicate broker names and 10,000 bad references stop at 50 described errors")
    func tenThousandBadReferences() {
        let brokers = (0..<10_000).map { #"{"name": "q\#($0 % 5_000)"}"# }.joined(separator: ", ")
        let producers = (0..<10_000).map { S.producer(name: "p\($0)", publishTo: "z\($0)") }.joined(separator: ", ")
        let json = #"{"name": "s", "brokers": [\#(brokers)], "producers": [\#(producers)]}"#
        let result = Self.decodeErrors(json)
        #expect(result.errors.count == 50)
        #expect(result.omitted == 15_000 - 50)
        #expect(result.errors.first?.description == #"error: s.json: $.brokers[5000].name: duplicate broker name "q0"; broker names must be unique"#)
    }

    @Test("a dead-letter chain of 20,000 queues is checked in one walk; only queues on a cycle are reported")
    func longDeadLetterChain() throws {
        let chain = (0..<20_000).map { $0 == 19_999 ? #"{"name": "q\#($0)"}"# : #"{"name": "q\#($0)", "deadLetter": {"queue": "q\#($0 + 1)"}}"# }
        let scenario = try Scenario.decode(Data(Self.document("", brokers: chain.joined(separator: ", "), publishTo: "q0").utf8), file: "s.json")
        #expect(scenario.model.queues[0].deadLetter?.queue.index == 1)
        #expect(scenario.model.queues[19_998].deadLetter?.queue.index == 19_999)

        // t0 → c1 → c2 → c3 → c1: the tail t0 leads into the cycle but is not on it.
        let brokers = #"{"name": "t0", "deadLetter": {"queue": "c1"}}, {"name": "c1", "deadLetter": {"queue": "c2"}}, {"name": "c2", "deadLetter": {"queue": "c3"}}, {"name": "c3", "deadLetter": {"queue": "c1"}}"#
        let errors = Self.decodeErrors(Self.document("", brokers: brokers, publishTo: "t0")).errors
        #expect(errors.map(\.path) == ["$.brokers[1].deadLetter.queue", "$.brokers[2].deadLetter.queue", "$.brokers[3].deadLetter.queue"])
        #expect(errors.first?.message == #"dead-letter queues form a cycle through "c1"; a dead-letter chain must end in a queue without deadLetter"#)
    }
}
