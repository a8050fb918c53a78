import Foundation
import Testing
@testable import ScenarioFormat

/// The `report` object: `sampleEvery` is read as a duration of at least 1 ms; a typo or a
/// value of the wrong kind is a clear error at its JSON path.
@Suite struct ReportKeyTests {
    static func document(_ report: String) -> String {
        Snippet.document(top: report)
    }

    @Test func badReportKeysAreClearErrors() {
        let tooFine = Snippet.errors(Self.document(#""report": {"sampleEvery": "0.5ms"}"#))
        #expect(tooFine.map(\.path) == ["$.report.sampleEvery"])
        #expect(tooFine.first?.message.contains("expected a duration ≥ 1ms, found 0.0005 s") == true)
        let typo = Snippet.errors(Self.document(#""report": {"sampleEvry": "1s"}"#))
        #expect(typo.map(\.path) == ["$.report.sampleEvry"])
        #expect(typo.first?.message.contains("did you mean \"sampleEvery\"") == true)
        #expect(Snippet.errors(Self.document(#""report": 5"#)).map(\.path) == ["$.report"])
    }

    @Test func sampleEveryReachesTheModel() throws {
        let scenario = try Scenario.decode(Data(Self.document(#""report": {"sampleEvery": "250ms"}"#).utf8), file: "s.json")
        #expect(scenario.model.sampleEvery?.nanoseconds == 250_000_000)
        let plain = try Scenario.decode(Data(Self.document("").utf8), file: "s.json")
        #expect(plain.model.sampleEvery == nil)
    }
}
