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

    /// Two keyed producers into one queue: alice at 0.1 and 0.2 s (m1, m2), bob at 0.25 s (m3).
    static let keyed = """
    {"name": "keyed", "brokers": [{"name": "jobs"}],
     "producers": [{"name": "a", "publishTo": "jobs", "arrivals": {"constant": {"rate": 10}}, "count": 2, "message": {"key": "alice"}},
                   {"name": "b", "publishTo": "jobs", "arrivals": {"constant": {"rate": 4}}, "count": 1, "message": {"key": "bob"}}],
     "consumers": [{"name": "workers", "consumeFrom": "jobs", "service": {"constant": "50ms"}}]}
    """

    static func run(_ arguments: [String], scenario: String = scenario) throws -> (code: Int32, out: String, err: String) {
        let file = try TemporaryFiles.url(scenario, name: "journey.json")
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
        0.25  ack  m2  workers

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

    /// A visibility timeout (1 s) shorter than the processing (1.5 s): the second worker takes
    /// the message at 1 s and acks it at 2.5 s; the first worker's ack at 1.5 s settles it, so
    /// the second's arrives late. Each ack names the instance that sent it.
    @Test func aLateAckOfTheSecondDeliveryNamesItsInstance() throws {
        let scenario = """
        {"name": "twice", "brokers": [{"name": "jobs", "visibilityTimeout": "1s"}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"constant": {"rate": 1}}, "count": 1}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "instances": 2, "prefetch": 1, "service": {"constant": "1.5s"}}]}
        """
        let text = try Self.run(["--message", "m1"], scenario: scenario)
        #expect(text.code == 0, "\(text.err)")
        let steps = text.out.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let acks = steps.filter { ["ack", "lateAck"].contains($0[1]) }.map { [$0[0], $0[1], $0[3]] }
        #expect(acks == [["2.5", "ack", "workers#0"], ["3.5", "lateAck", "workers#1"]])
        let mermaid = try Self.run(["--message", "m1", "--format", "mermaid"], scenario: scenario)
        #expect(mermaid.out.contains("m1 lateAck at 3.5 s"))
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
            (["--message", "1", "--messages", "2"], "error: --message, --key and --messages select differently; give one of them"),
            (["--key", "alice", "--messages", "2"], "error: --message, --key and --messages select differently; give one of them"),
            (["--format", "svg"], #"error: --format must be text, json or mermaid, found "svg""#),
        ] {
            let outcome = try Self.run(arguments)
            #expect(outcome.code == 2 && outcome.out.isEmpty)
            #expect(outcome.err == message + "\n")
        }
        let missing = try Self.run(["--message", "99"])
        #expect(missing.code == 2 && missing.err.contains("no message m99 in this run (12 steps)"))
    }

    /// The text journey of the keyed scenario's first producer's two messages (m1, m2).
    static let firstProducersJourney = """
        time [s]  event  message  entity
        0.1  publish  m1  a
        0.1  deliver  m1  workers
        0.1  start  m1  workers
        0.15  ack  m1  workers
        0.2  publish  m2  a
        0.2  deliver  m2  workers
        0.2  start  m2  workers
        0.25  ack  m2  workers

        """

    /// `--key K` follows every message with that key, and only those.
    @Test func everyMessageWithAKey() throws {
        let text = try Self.run(["--key", "alice"], scenario: Self.keyed)
        #expect(text.code == 0 && text.err.isEmpty)
        #expect(text.out == Self.firstProducersJourney)
        let json = try Self.run(["--key", "bob", "--format", "json"], scenario: Self.keyed)
        #expect(json.out.split(separator: "\n") == [
            #"{"entity":"b","key":"bob","kind":"publish","message":3,"queue":"jobs","time":0.25}"#,
            #"{"entity":"workers","kind":"deliver","message":3,"queue":"jobs","time":0.25}"#,
            #"{"entity":"workers","kind":"start","message":3,"queue":"jobs","time":0.25}"#,
            #"{"entity":"workers","kind":"ack","message":3,"queue":"jobs","time":0.3}"#,
        ])
        let mermaid = try Self.run(["--key", "bob", "--format", "mermaid"], scenario: Self.keyed)
        #expect(mermaid.out.contains("p0->>p1: m3 publish at 0.25 s") && !mermaid.out.contains("m1 "))
    }

    /// A key no message had is a usage error naming the keys the run published (and the
    /// nearest), or saying that its messages have none.
    @Test func anUnknownKeyListsTheKeysThatExist() throws {
        let typo = try Self.run(["--key", "alcie"], scenario: Self.keyed)
        #expect(typo.code == 2 && typo.out.isEmpty)
        #expect(typo.err.hasSuffix(#": no message with key "alcie" in this run (did you mean "alice"?); keys it published: alice, bob"# + "\n"),
                "\(typo.err)")
        let none = try Self.run(["--key", "alice"])
        #expect(none.code == 2)
        #expect(none.err.hasSuffix(#": no message with key "alice" in this run: its messages have no keys (a producer's "keys" gives them some)"# + "\n"))
    }

    /// The empty key is a key a scenario may give: `--key ""` follows its messages (the JSON
    /// step carries `"key":""`), and is an error naming the published keys when nobody used it.
    @Test func theEmptyKeyIsAKey() throws {
        let scenario = Self.keyed.replacingOccurrences(of: #""key": "alice""#, with: #""key": """#)
        let text = try Self.run(["--key", ""], scenario: scenario)
        #expect(text.code == 0 && text.err.isEmpty, "\(text.err)")
        #expect(text.out == Self.firstProducersJourney)
        let json = try Self.run(["--key", "", "--format", "json"], scenario: scenario)
        #expect(json.out.split(separator: "\n").first == #"{"entity":"a","key":"","kind":"publish","message":1,"queue":"jobs","time":0.1}"#)
        let unused = try Self.run(["--key", ""], scenario: Self.keyed)
        #expect(unused.code == 2 && unused.out.isEmpty)
        #expect(unused.err.hasSuffix(#": no message with key "" in this run; keys it published: alice, bob"# + "\n"), "\(unused.err)")
        let none = try Self.run(["--key", ""])
        #expect(none.code == 2)
        #expect(none.err.hasSuffix(#": no message with key "" in this run: its messages have no keys (a producer's "keys" gives them some)"# + "\n"))
        #expect(TraceSelection.unknownKey("xyz", seen: ["", "alice"]) == #"no message with key "xyz" in this run; keys it published: "", alice"#)
    }

    /// A producer's token bucket (4 tokens/s, burst 1) holds back publishes meant for 0.2 and
    /// 0.3 s: each message has a `throttle` step at its intended time and its `publish` at the
    /// time its token came (0.35 and 0.6 s); steps are in time order.
    @Test func aThrottledPublishShowsWhenItWasIntended() throws {
        let scenario = """
        {"name": "throttled", "brokers": [{"name": "jobs"}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"constant": {"rate": 10}}, "count": 3, "rateLimit": {"rate": 4}}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "service": {"constant": "50ms"}}]}
        """
        let all = try Self.run([], scenario: scenario)
        #expect(all.code == 0)
        let steps = all.out.split(separator: "\n").dropFirst().filter { $0.hasSuffix("web") }
        #expect(steps == ["0.1  publish  m1  web", "0.2  throttle  m2  web", "0.3  throttle  m3  web",
                          "0.35  publish  m2  web", "0.6  publish  m3  web"])
        let json = try Self.run(["--message", "m3", "--format", "json"], scenario: scenario)
        #expect(json.out.split(separator: "\n").prefix(2) == [
            #"{"entity":"web","kind":"throttle","message":3,"queue":"jobs","time":0.3}"#,
            #"{"entity":"web","kind":"publish","message":3,"queue":"jobs","time":0.6}"#,
        ])
    }

    @Test func manyKeysAreCutToAFew() {
        let keys = (0..<8).map { "key-\($0)" }
        #expect(TraceSelection.unknownKey("k", seen: keys)
            == #"no message with key "k" in this run; keys it published: key-0, key-1, key-2, key-3, key-4, … (8 keys)"#)
        // Listed in natural order, whatever order they were published in.
        let shuffled = ["key-10", "key-7", "b", "key-2", "a", "key-02", "key-1"]
        #expect(TraceSelection.unknownKey("zzzz", seen: shuffled)
            == #"no message with key "zzzz" in this run; keys it published: a, b, key-1, key-02, key-2, … (7 keys)"#)
        #expect(TraceSelection.unknownKey("zzzz", seen: ["bob", "alice"]) == #"no message with key "zzzz" in this run; keys it published: alice, bob"#)
    }
}
