import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// Keys of message expiry: queue `messageTTL` and `ttlExpiry`, producer `message.ttl`.
@Suite("Expiry keys")
struct ExpiryKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("negative queue TTL", S.document(brokers: #"{"name": "jobs", "messageTTL": "-1s"}"#),
                 "$.brokers[0].messageTTL", "expected a duration ≥ 0"),
        BadInput("unknown expiry mode", S.document(brokers: #"{"name": "jobs", "messageTTL": "1s", "ttlExpiry": "haed"}"#),
                 "$.brokers[0].ttlExpiry", #"unknown value "haed" (did you mean "head"?)"#),
        BadInput("queue TTL on a stream", S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream", "messageTTL": 5}"#),
                 "$.brokers[1].messageTTL", #""messageTTL" applies to queues; "events" is a stream"#),
        BadInput("message TTL with a unit typo", S.document(producers: S.producer(#""count": 1, "message": {"ttl": "5 secs"}"#)),
                 "$.producers[0].message.ttl", "unknown unit"),
        BadInput("message TTL on a stream producer",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream"}"#,
                            producers: S.producer(publishTo: "events", #""count": 1, "message": {"ttl": "5s"}"#)),
                 "$.producers[0].message.ttl", "stream records expire by the stream's retention"),
    ]

    @Test("each bad expiry key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(
            brokers: #"{"name": "jobs", "messageTTL": "30s", "ttlExpiry": "head"}, {"name": "other", "messageTTL": 0}"#,
            producers: S.producer(#""count": 1, "message": {"ttl": "250ms"}"#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].messageTTL == SimDuration(seconds: 30) && model.queues[0].ttlExpiry == .head)
        #expect(model.queues[1].messageTTL == .zero && model.queues[1].ttlExpiry == .anywhere)
        #expect(model.producers[0].messageTTL == SimDuration(seconds: 0.25))
        let plain = try Scenario.decode(Data(S.document().utf8), file: "s.json").model
        #expect(plain.queues[0].messageTTL == nil && plain.producers[0].messageTTL == nil)
    }

    @Test func schemaListsTheExpiryModes() throws {
        let schema = try SchemaTests.loadSchema()
        let mode = try SchemaTests.object(schema, ["$defs", "broker", "properties", "ttlExpiry"])
        #expect(mode["enum"] as? [String] == ScenarioReader.ttlExpiryModes)
    }
}
