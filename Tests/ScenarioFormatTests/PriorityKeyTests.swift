import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels

/// Keys of priorities: queue `maxPriority`, producer `message.priority`.
@Suite("Priority keys")
struct PriorityKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("maxPriority above 255", S.document(brokers: #"{"name": "jobs", "maxPriority": 256}"#),
                 "$.brokers[0].maxPriority", "expected an integer ≤ 255, found 256"),
        BadInput("maxPriority on a topic", S.document(brokers: #"{"name": "jobs"}, {"name": "t", "type": "topic", "maxPriority": 5}"#),
                 "$.brokers[1].maxPriority", #""maxPriority" applies to queues; "t" is a topic"#),
        BadInput("negative priority", S.document(producers: S.producer(#""count": 1, "message": {"priority": -1}"#)),
                 "$.producers[0].message.priority", "expected an integer ≥ 0, found -1"),
        BadInput("priority choice with a bad value", S.document(producers: S.producer(#""count": 1, "message": {"priority": {"oneOf": [0, 5.5]}}"#)),
                 "$.producers[0].message.priority.oneOf[1]", "expected an integer from 0 to 255, found 5.5"),
        BadInput("priority weights count", S.document(producers: S.producer(#""count": 1, "message": {"priority": {"oneOf": [0, 9], "weights": [1]}}"#)),
                 "$.producers[0].message.priority.weights", "expected one weight per value"),
        BadInput("priority on a stream producer",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream"}"#,
                            producers: S.producer(publishTo: "events", #""count": 1, "message": {"priority": 1}"#)),
                 "$.producers[0].message.priority", "not to stream records"),
    ]

    @Test("each bad priority key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(
            brokers: #"{"name": "jobs", "maxPriority": 9}"#,
            producers: S.producer(#""count": 1, "message": {"priority": {"oneOf": [0, 5, 9], "weights": [8, 1, 1]}}"#)
                + ", " + S.producer(name: "vip", #""count": 1, "message": {"priority": 9}"#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].maxPriority == 9)
        #expect(model.producers[0].priority == WeightedChoice([0, 5, 9], weights: [8, 1, 1]))
        #expect(model.producers[1].priority == WeightedChoice(fixed: 9))
        let plain = try Scenario.decode(Data(S.document().utf8), file: "s.json").model
        #expect(plain.queues[0].maxPriority == nil && plain.producers[0].priority == nil)
    }
}
