import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels

/// Queue key `initialBacklog`.
@Suite("Initial backlog keys")
struct BacklogKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("zero messages", S.document(brokers: #"{"name": "jobs", "initialBacklog": 0}"#, producers: S.producer()),
                 "$.brokers[0].initialBacklog", "expected an integer ≥ 1, found 0"),
        BadInput("too many messages", S.document(brokers: #"{"name": "jobs", "initialBacklog": {"messages": 10000001}}"#, producers: S.producer()),
                 "$.brokers[0].initialBacklog.messages", "expected an integer ≤ 10000000"),
        BadInput("a string", S.document(brokers: #"{"name": "jobs", "initialBacklog": "500"}"#, producers: S.producer()),
                 "$.brokers[0].initialBacklog", #"expected a number of messages or {"messages": N, "producer": "name"}, found "500""#),
        BadInput("misspelt key", S.document(brokers: #"{"name": "jobs", "initialBacklog": {"mesages": 5}}"#, producers: S.producer()),
                 "$.brokers[0].initialBacklog.mesages", "did you mean \"messages\"", count: 2),
        BadInput("unknown producer", S.document(brokers: #"{"name": "jobs", "initialBacklog": {"messages": 5, "producer": "wbe"}}"#, producers: S.producer()),
                 "$.brokers[0].initialBacklog.producer", #"no producer named "wbe""#, "did you mean \"web\""),
        BadInput("nobody publishes to the queue",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "parked", "initialBacklog": 5}"#, producers: S.producer()),
                 "$.brokers[1].initialBacklog", #"no producer publishes straight to "parked""#),
        BadInput("a stream producer",
                 S.document(brokers: #"{"name": "jobs", "initialBacklog": {"messages": 5, "producer": "web"}}, {"name": "events", "type": "stream"}"#,
                            producers: S.producer(publishTo: "events")),
                 "$.brokers[0].initialBacklog.producer", "writes to a stream"),
        BadInput("on a topic",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "t", "type": "topic", "initialBacklog": 5}"#, producers: S.producer()),
                 "$.brokers[1].initialBacklog", #""initialBacklog" applies to queues; "t" is a topic"#),
    ]

    @Test("each bad backlog key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(
            brokers: #"{"name": "jobs", "initialBacklog": 500}, {"name": "other", "initialBacklog": {"messages": 7, "producer": "b"}}"#,
            producers: S.producer(name: "a") + ", " + S.producer(name: "b"))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].initialBacklog == InitialBacklog(messages: 500, producer: 0))
        #expect(model.queues[1].initialBacklog == InitialBacklog(messages: 7, producer: 1))
    }

    /// Found by mqlab-fuzz: a stream producer listed first was taken for the producer
    /// publishing straight to the first queue, and `"initialBacklog": N` was rejected.
    @Test func aStreamProducerListedFirstIsNotTheQueuesProducer() throws {
        let json = S.document(
            brokers: #"{"name": "jobs", "initialBacklog": 22}, {"name": "events", "type": "stream"}"#,
            producers: S.producer(name: "clicks", publishTo: "events") + ", " + S.producer(name: "web"))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].initialBacklog == InitialBacklog(messages: 22, producer: 1))
    }
}
