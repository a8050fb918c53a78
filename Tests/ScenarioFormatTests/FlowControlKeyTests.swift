import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// Keys of flow control (rate limits, queue capacity): bad values are reported at their JSON
/// path; good ones build the expected model; the schema declares them.
@Suite("Flow-control keys")
struct FlowControlKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("capacity 0", S.document(brokers: #"{"name": "jobs", "capacity": 0}"#),
                 "$.brokers[0].capacity", "expected an integer ≥ 1, found 0"),
        BadInput("unknown overflow", S.document(brokers: #"{"name": "jobs", "capacity": 10, "overflow": "dropHed"}"#),
                 "$.brokers[0].overflow", #"unknown value "dropHed" (did you mean "dropHead"?)"#),
        BadInput("overflow without capacity", S.document(brokers: #"{"name": "jobs", "overflow": "dropNew"}"#),
                 "$.brokers[0].overflow", #""overflow" needs "capacity""#),
        BadInput("capacity on a topic", S.document(brokers: #"{"name": "jobs"}, {"name": "t", "type": "topic", "capacity": 5}"#),
                 "$.brokers[1].capacity", #""capacity" applies to queues; "t" is a topic"#),
        BadInput("rate limit without rate", S.document(consumers: S.consumer(#""rateLimit": {"burst": 5}"#)),
                 "$.consumers[0].rateLimit.rate", "missing required key"),
        BadInput("rate limit rate 0", S.document(producers: S.producer(#""count": 1, "rateLimit": {"rate": 0}"#)),
                 "$.producers[0].rateLimit.rate", "expected a rate per second > 0"),
        BadInput("burst 0", S.document(consumers: S.consumer(#""rateLimit": {"rate": 10, "burst": 0}"#)),
                 "$.consumers[0].rateLimit.burst", "expected an integer ≥ 1, found 0"),
        BadInput("perInstance not a boolean", S.document(consumers: S.consumer(#""rateLimit": {"rate": 10, "perInstance": 1}"#)),
                 "$.consumers[0].rateLimit.perInstance", "expected true or false"),
        BadInput("rate limit misspelt key", S.document(consumers: S.consumer(#""rateLimit": {"rate": 10, "brust": 2}"#)),
                 "$.consumers[0].rateLimit.brust", #"unknown key "brust" (did you mean "burst"?)"#),
        BadInput("rate limit on a group consumer",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream"}"#,
                            consumers: S.consumer(consumeFrom: "events", #""group": "g", "rateLimit": {"rate": 1}"#)),
                 "$.consumers[0].rateLimit", "applies to consumers of a queue"),
    ]

    @Test("each bad flow-control key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(
            brokers: #"{"name": "jobs", "capacity": 100, "overflow": "rejectPublish"}, {"name": "other", "capacity": 7}"#,
            producers: S.producer(#""count": 1, "rateLimit": {"rate": 50}"#),
            consumers: S.consumer(#""rateLimit": {"rate": 10, "burst": 5, "perInstance": true}"#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].capacity == QueueCapacity(maxLength: 100, overflow: .rejectPublish))
        #expect(model.queues[1].capacity == QueueCapacity(maxLength: 7, overflow: .dropHead))
        #expect(model.producers[0].rateLimit == RateLimit(ratePerSecond: 50, burst: 1, perInstance: false))
        #expect(model.consumers[0].rateLimit == RateLimit(ratePerSecond: 10, burst: 5, perInstance: true))
    }

    @Test func defaultsHaveNoLimits() throws {
        let model = try Scenario.decode(Data(S.document().utf8), file: "s.json").model
        #expect(model.queues[0].capacity == nil)
        #expect(model.producers[0].rateLimit == nil && model.consumers[0].rateLimit == nil)
    }

    @Test("the schema's rateLimit declares the keys the reader accepts and requires")
    func schemaDeclaresRateLimit() throws {
        let schema = try SchemaTests.loadSchema()
        let z = #""\#(SchemaTests.probe)": 1"#
        let errors = Snippet.uncappedErrors(S.document(consumers: S.consumer(#""rateLimit": {"rate": 1, \#(z)}"#)))
        #expect(try SchemaTests.propertyNames(schema, ["$defs", "rateLimit"]) == SchemaTests.acceptedKeys(errors, "$.consumers[0].rateLimit"))
        let empty = Snippet.errors(S.document(consumers: S.consumer(#""rateLimit": {}"#)))
        #expect(try SchemaTests.required(schema, ["$defs", "rateLimit"]) == SchemaTests.requiredKeys(empty, "$.consumers[0].rateLimit"))
        let overflow = try SchemaTests.object(schema, ["$defs", "broker", "properties", "overflow"])
        #expect(overflow["enum"] as? [String] == ScenarioReader.overflowModes)
    }
}
