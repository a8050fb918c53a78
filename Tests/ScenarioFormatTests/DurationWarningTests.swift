import Foundation
import Testing
@testable import ScenarioFormat

/// A duration written as a bare number is accepted as seconds (the contract) but warned about,
/// with its path and the two spellings that were probably meant.
@Suite("Duration warnings")
struct DurationWarningTests {
    typealias S = Snippet

    func warnings(_ json: String) throws -> [ScenarioWarning] {
        try Scenario.decode(Data(json.utf8), file: "s.json").warnings
    }

    @Test func bareNumberMeanIsReadAsSecondsAndWarned() throws {
        let json = S.document(consumers: S.consumer(service: #"{"exponential": {"mean": 40}}"#))
        let scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
        #expect(scenario.model.consumers[0].service == .exponential(mean: 40))
        #expect(scenario.warnings == [ScenarioWarning(
            file: "s.json", path: "$.consumers[0].service.exponential.mean", code: "bareNumberDuration",
            message: #"a bare number is read as seconds: 40 means 40 s; write "40s" to say so (or "40ms" if milliseconds were meant)"#)])
        #expect(scenario.warnings[0].description.hasPrefix("warning: s.json: $.consumers[0].service.exponential.mean: a bare number"))
    }

    @Test func durationsWithUnitsAndZeroAreNotWarned() throws {
        #expect(try warnings(S.document(top: #""warmup": 0, "drainTimeout": "0s""#,
                                        consumers: S.consumer(service: #"{"exponential": {"mean": "40ms"}}"#))) == [])
        #expect(try warnings(S.document(top: #""warmup": 0.0"#)) == [])
    }

    @Test func everyBareDurationIsWarnedInDocumentOrder() throws {
        let found = try warnings(S.document(top: #""duration": 600, "warmup": 1.5"#))
        #expect(found.map(\.path) == ["$.duration", "$.warmup"])
        #expect(found[1].message.contains(#""1.5s""#) && found[1].message.contains(#""1.5ms""#))
    }

    @Test func anEmpiricalListGetsOneWarning() throws {
        let found = try warnings(S.document(consumers: S.consumer(service: #"{"empirical": {"values": ["10ms", 0, 2, 3]}}"#)))
        #expect(found.map(\.path) == ["$.consumers[0].service.empirical.values"])
        #expect(found[0].message.contains("$.consumers[0].service.empirical.values[2] is 2 s"))
        #expect(try warnings(S.document(consumers: S.consumer(service: #"{"empirical": {"values": ["10ms", 0]}}"#))) == [])
    }

    @Test func invalidDurationsAreErrorsNotWarnings() throws {
        #expect(throws: ScenarioErrors.self) { try warnings(S.document(top: #""warmup": -1"#)) }
    }
}
