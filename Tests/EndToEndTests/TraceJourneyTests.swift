import Foundation
import Testing
@testable import MQLabCLI

/// `mqlab trace`: one message's journey, the first N messages, JSON lines and Mermaid.
@Suite struct TraceJourneyTests {
    typealias Captured = OutputPromiseTests.Captured

    /// Three messages at 0.1, 0.2, 0.3 s and one worker taking 50 ms each: every step is
    /// exact.
    static let scenario = """
    {"name": "journey", "brokers": [{"name": "jobs"}],
     "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"constant": {"rate": 10}}, "count": 3}],
     "consumers": [{"name": "workers", "consumeFrom": "jobs", "service": {"constant": "50ms"}}]}
    """

    static func run(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let file = try TemporaryFiles.url(Self.scenario, name: "journey.json")
        defer { try? FileManager.default.removeItem(at: file) }
        return InProcessCLI.run(["trace", file.path] + arguments)
    }

    @Test func oneMessagesJourneyAsTextJSONAndMermaid() throws {
        let text = try Self.run(["--message", "m2"])
        #expect(text.code == 0)
        #expect(text.out == """
        time [s]  event  message  entity
        0.2  publish  m2  web
        0.2  deliver  m2  workers
        0.2  start  m2  workers
        0.25  ack  m2  jobs

        """)

        let json = try Self.run(["--message", "2", "--format", "json"])
        let lines = json.out.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first == #"{"entity":"web","kind":"publish","message":2,"queue":"jobs","time":0.2}"#)

        let mermaid = try Self.run(["--message", "2", "--format", "mermaid"])
        #expect(mermaid.out == """
        sequenceDiagram
            participant p0 as web
            participant p1 as jobs
            participant p2 as workers
            p0->>p1: m2 publish at 0.2 s
            p1->>p2: m2 deliver at 0.2 s
            Note over p2: m2 start at 0.2 s
            p2->>p1: m2 ack at 0.25 s

        """)
    }

    @Test func theFirstMessagesAndTheLimit() throws {
        let two = try Self.run(["--messages", "2"])
        #expect(two.out.split(separator: "\n").count == 1 + 8)
        #expect(!two.out.contains("m3"))
        let cut = try Self.run(["--limit", "3"])
        #expect(cut.out.split(separator: "\n").count == 1 + 3)
        #expect(cut.err == "trace cut at 3 of 12 selected steps (--limit N shows more)\n")
    }

    @Test func badSelectionsAreUsageErrors() throws {
        for (arguments, message) in [
            (["--message", "x7"], #"error: --message expects a message id such as 42 or m42, found "x7""#),
            (["--message", "1", "--messages", "2"], "error: --message and --messages select differently; give one of them"),
            (["--format", "svg"], #"error: --format must be text, json or mermaid, found "svg""#),
        ] {
            let outcome = try Self.run(arguments)
            #expect(outcome.code == 2 && outcome.out.isEmpty)
            #expect(outcome.err == message + "\n")
        }
        let missing = try Self.run(["--message", "99"])
        #expect(missing.code == 2 && missing.err.contains("no message m99 in this run (12 steps)"))
    }
}
