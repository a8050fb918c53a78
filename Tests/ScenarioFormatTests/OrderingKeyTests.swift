import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// Keys of message ordering (queue `ordering`, `reorderProbability`, `duplicateProbability`,
/// `messageGroups`; consumer `resequence`; keys on queue producers): bad values are reported at
/// their JSON path; good ones build the expected model; the schema declares them.
@Suite("Ordering keys")
struct OrderingKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("a key listed twice", S.document(producers: S.producer(#""count": 1, "message": {"keys": {"values": ["a", "b", "a"]}}"#)),
                 "$.producers[0].message.keys.values[2]", #"key "a" is listed twice"#),
        BadInput("unknown ordering", S.document(brokers: #"{"name": "jobs", "ordering": "bestEfort"}"#),
                 "$.brokers[0].ordering", #"unknown value "bestEfort" (did you mean "bestEffort"?)"#),
        BadInput("ordering not a string", S.document(brokers: #"{"name": "jobs", "ordering": 1}"#),
                 "$.brokers[0].ordering", "expected a string, found 1"),
        BadInput("reorder probability above 1", S.document(brokers: #"{"name": "jobs", "ordering": "bestEffort", "reorderProbability": 1.5}"#),
                 "$.brokers[0].reorderProbability", "expected a probability from 0 to 1, found 1.5"),
        BadInput("duplicate probability not a number", S.document(brokers: #"{"name": "jobs", "ordering": "bestEffort", "duplicateProbability": "rare"}"#),
                 "$.brokers[0].duplicateProbability", "expected a probability from 0 to 1"),
        BadInput("reorder probability on a FIFO queue", S.document(brokers: #"{"name": "jobs", "reorderProbability": 0.1}"#),
                 "$.brokers[0].reorderProbability", #""reorderProbability" applies to "ordering": "bestEffort""#),
        BadInput("duplicate probability on a FIFO queue", S.document(brokers: #"{"name": "jobs", "ordering": "fifo", "duplicateProbability": 0.1}"#),
                 "$.brokers[0].duplicateProbability", #""duplicateProbability" applies to "ordering": "bestEffort""#),
        BadInput("messageGroups not a boolean", S.document(brokers: #"{"name": "jobs", "messageGroups": "yes"}"#),
                 "$.brokers[0].messageGroups", #"expected true or false, found "yes""#),
        BadInput("misspelt messageGroups", S.document(brokers: #"{"name": "jobs", "mesageGroups": true}"#),
                 "$.brokers[0].mesageGroups", #"unknown key "mesageGroups" (did you mean "messageGroups"?)"#),
        BadInput("messageGroups on a best-effort queue", S.document(brokers: #"{"name": "jobs", "ordering": "bestEffort", "messageGroups": true}"#),
                 "$.brokers[0].messageGroups", #""messageGroups" applies to "ordering": "fifo""#),
        BadInput("messageGroups with maxPriority", S.document(brokers: #"{"name": "jobs", "messageGroups": true, "maxPriority": 5}"#),
                 "$.brokers[0].messageGroups", #""messageGroups" and "maxPriority" are not supported together"#),
        BadInput("messageGroups with capacity", S.document(brokers: #"{"name": "jobs", "messageGroups": true, "capacity": 5}"#),
                 "$.brokers[0].messageGroups", #""messageGroups" and "capacity" are not supported together"#),
        BadInput("best effort with maxPriority", S.document(brokers: #"{"name": "jobs", "ordering": "bestEffort", "maxPriority": 5}"#),
                 "$.brokers[0].ordering", #""ordering": "bestEffort" and "maxPriority" are not supported together"#),
        BadInput("ordering on a topic", S.document(brokers: #"{"name": "jobs"}, {"name": "t", "type": "topic", "ordering": "fifo"}"#),
                 "$.brokers[1].ordering", #""ordering" applies to queues; "t" is a topic"#),
        BadInput("messageGroups on a stream", S.document(brokers: #"{"name": "jobs"}, {"name": "s", "type": "stream", "messageGroups": true}"#),
                 "$.brokers[1].messageGroups", #""messageGroups" applies to queues; "s" is a stream"#),
        BadInput("resequence without window", S.document(consumers: S.consumer(#""resequence": {}"#)),
                 "$.consumers[0].resequence.window", "missing required key"),
        BadInput("resequence window 0", S.document(consumers: S.consumer(#""resequence": {"window": 0}"#)),
                 "$.consumers[0].resequence.window", "expected a duration > 0"),
        BadInput("resequence not an object", S.document(consumers: S.consumer(#""resequence": "2s""#)),
                 "$.consumers[0].resequence", "expected an object"),
        BadInput("resequence misspelt key", S.document(consumers: S.consumer(#""resequence": {"window": "1s", "windw": 2}"#)),
                 "$.consumers[0].resequence.windw", #"unknown key "windw" (did you mean "window"?)"#),
        BadInput("resequence on a group consumer",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream"}"#,
                            consumers: S.consumer(consumeFrom: "events", #""group": "g", "resequence": {"window": "1s"}"#)),
                 "$.consumers[0].resequence", "applies to consumers of a queue"),
        BadInput("key not a string on a queue producer", S.document(producers: S.producer(#""count": 1, "message": {"key": 7}"#)),
                 "$.producers[0].message.key", "expected a string, found 7"),
    ]

    @Test("each bad ordering key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(
            brokers: #"{"name": "jobs", "messageGroups": true}, {"name": "std", "ordering": "bestEffort", "reorderProbability": 0.2}, {"name": "x", "type": "exchange", "exchangeType": "fanout", "bindings": [{"queue": "std"}]}"#,
            producers: S.producer(#""count": 1, "message": {"keys": {"count": 20, "distribution": "zipf"}}"#)
                + ", " + S.producer(name: "router", publishTo: "x", #""count": 1, "message": {"key": "k"}"#),
            consumers: S.consumer(#""resequence": {"window": "2s"}"#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].ordering == .fifo(messageGroups: true))
        #expect(model.queues[1].ordering == .bestEffort(reorderProbability: 0.2, duplicateProbability: QueueOrdering.defaultDuplicateProbability))
        #expect(model.producers[0].keys == .generated(count: 20, zipfExponent: 1))
        #expect(model.producers[1].keys == .fixed("k"))
        #expect(model.producers[0].streamTarget == nil)
        #expect(model.consumers[0].resequence == ResequencePolicy(window: SimDuration(seconds: 2)))
    }

    @Test func defaultsArePlainFIFO() throws {
        let model = try Scenario.decode(Data(S.document().utf8), file: "s.json").model
        #expect(model.queues[0].ordering == .fifo)
        #expect(model.producers[0].keys == MessageKeys.none)
        #expect(model.consumers.allSatisfy { $0.resequence == nil })
        let bestEffort = try Scenario.decode(Data(S.document(brokers: #"{"name": "jobs", "ordering": "bestEffort"}"#).utf8), file: "s.json").model
        #expect(bestEffort.queues[0].ordering == .bestEffort(reorderProbability: 0.01, duplicateProbability: 0.001))
    }

    @Test("the schema declares the ordering keys the reader accepts")
    func schemaDeclaresOrdering() throws {
        let schema = try SchemaTests.loadSchema()
        let z = #""\#(SchemaTests.probe)": 1"#
        let errors = Snippet.uncappedErrors(S.document(consumers: S.consumer(#""resequence": {"window": 1, \#(z)}"#)))
        #expect(try SchemaTests.propertyNames(schema, ["$defs", "resequence"]) == SchemaTests.acceptedKeys(errors, "$.consumers[0].resequence"))
        let empty = Snippet.errors(S.document(consumers: S.consumer(#""resequence": {}"#)))
        #expect(try SchemaTests.required(schema, ["$defs", "resequence"]) == SchemaTests.requiredKeys(empty, "$.consumers[0].resequence"))
        let ordering = try SchemaTests.object(schema, ["$defs", "broker", "properties", "ordering"])
        #expect(ordering["enum"] as? [String] == QueueOrdering.modes)
    }
}
