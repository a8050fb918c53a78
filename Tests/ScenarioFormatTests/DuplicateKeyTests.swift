import Foundation
import Testing
@testable import ScenarioFormat

/// Repeated keys in one JSON object, which Foundation's parser would accept silently.
@Suite struct DuplicateKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("top level", #"{"name": "a", "name": "b", "brokers": [{"name": "jobs"}], "producers": [\#(S.producer())]}"#,
                 "$.name", #"key "name" appears twice in this object (again at line 1, column 15)"#),
        BadInput("inside an array element", S.document(producers: S.producer(), consumers: S.consumer(#""instances": 2, "instances": 3"#)),
                 "$.consumers[0].instances", #"key "instances" appears twice"#, "only the last value would count"),
        BadInput("second element of an array", S.document(brokers: #"{"name": "jobs"}, {"name": "dlq", "durable": true, "durable": false}"#, producers: S.producer()),
                 "$.brokers[1].durable", #"key "durable" appears twice"#),
        BadInput("one spelling escaped", #"{"name": "s", "dur\u0061tion": "1s", "duration": "2s", "brokers": [{"name": "jobs"}], "producers": [\#(S.producer())]}"#,
                 "$.duration", #"key "duration" appears twice"#),
        BadInput("a key that needs quoting in the path", #"{"name": "s", "brokers": [{"name": "jobs"}], "producers": [\#(S.producer())], "$schema": "x", "$schema": "y"}"#,
                 #"$["$schema"]"#, #"key "$schema" appears twice"#),
    ]

    @Test("each repeated key is reported at its path", arguments: bad)
    func repeatedKey(_ input: BadInput) {
        input.check()
    }

    @Test(arguments: [#"{"name": "t\ud800"}"#, #"{"name": "t\udc00"}"#])
    func halfASurrogatePairIsExplained(_ text: String) {
        let errors = Snippet.errors(Data(text.utf8))
        #expect(errors.count == 1 && errors[0].message.contains("half of a surrogate pair"), "\(errors)")
    }

    @Test func stringsAndNestingDoNotConfuseTheScan() {
        // Braces, brackets, commas and escaped quotes inside strings; the same key in sibling
        // and nested objects is fine.
        let text = #"{"a": "x{[,\"a\":", "b": {"a": 1, "c": [{"a": 2}, {"a": 3, "b": "}"}]}, "c": [1, {"a": [], "a": {}}]}"#
        let found = JSONText.duplicateKeys(in: Data(text.utf8))
        #expect(found.map(\.path) == ["$.c[1].a"])
        #expect(found.first?.line == 1 && found.first?.column == 92)
        #expect(JSONText.duplicateKeys(in: Data(#"{"k": {"k": {"k": 1}}}"#.utf8)).isEmpty)
    }
}
