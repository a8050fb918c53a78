import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// Keys of consumer controls (`pauses`, `downstream`, `circuitBreaker`, `autoscale`): bad
/// values are reported at their JSON path; good ones build the expected model; the schema
/// declares them.
@Suite("Consumer-control keys")
struct ResilienceKeyTests {
    typealias S = Snippet

    static func consumer(_ rest: String) -> String { S.document(consumers: S.consumer(rest)) }
    static let downstream = #""downstream": {"outages": [{"at": "1m", "for": "1m"}]}"#
    static let autoscale = #""autoscale": {"min": 1, "max": 20, "targetDepthPerInstance": 10}"#
    static func groupMember(_ rest: String) -> String {
        S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream"}"#,
                   consumers: S.consumer(consumeFrom: "events", #""group": "g", \#(rest)"#))
    }

    static let bad: [BadInput] = [
        BadInput("pauses not an array", consumer(#""pauses": {"at": 1, "for": 1}"#),
                 "$.consumers[0].pauses", "expected an array"),
        BadInput("pause of zero length", consumer(#""pauses": [{"at": 1, "for": 0}]"#),
                 "$.consumers[0].pauses[0].for", "expected a duration > 0, found 0"),
        BadInput("pause before the start", consumer(#""pauses": [{"at": "-1s", "for": 1}]"#),
                 "$.consumers[0].pauses[0].at", "expected a duration ≥ 0"),
        BadInput("pause without for", consumer(#""pauses": [{"at": 1}]"#),
                 "$.consumers[0].pauses[0].for", #"missing required key "for""#),
        BadInput("overlapping pauses", consumer(#""pauses": [{"at": "1m", "for": "2m"}, {"at": "2m", "for": "1m"}]"#),
                 "$.consumers[0].pauses[1].at", "not overlapping", "before the previous one ends at 180 s"),
        BadInput("unsorted pauses", consumer(#""pauses": [{"at": "5m", "for": "1m"}, {"at": "1m", "for": "1m"}]"#),
                 "$.consumers[0].pauses[1].at", "sorted"),
        BadInput("misspelt pause key", consumer(#""pauses": [{"at": 1, "for": 1, "fro": 2}]"#),
                 "$.consumers[0].pauses[0].fro", #"unknown key "fro" (did you mean "for"?)"#),
        BadInput("downstream not an object", consumer(#""downstream": true"#),
                 "$.consumers[0].downstream", "expected an object, found true"),
        BadInput("downstream failure rate above 1", consumer(#""downstream": {"failureRate": 1.5}"#),
                 "$.consumers[0].downstream.failureRate", "expected a probability from 0 to 1, found 1.5"),
        BadInput("overlapping outages", consumer(#""downstream": {"outages": [{"at": 10, "for": 10}, {"at": 15, "for": 1}]}"#),
                 "$.consumers[0].downstream.outages[1].at", "not overlapping"),
        BadInput("misspelt downstream key", consumer(#""downstream": {"outage": []}"#),
                 "$.consumers[0].downstream.outage", #"unknown key "outage" (did you mean "outages"?)"#),
        BadInput("outages on the consumer", consumer(#""outages": []"#),
                 "$.consumers[0].outages", #"unknown key "outages""#),
        BadInput("circuit breaker without downstream", consumer(#""circuitBreaker": {"window": "10s", "openFor": "30s"}"#),
                 "$.consumers[0].circuitBreaker", #"needs "downstream""#),
        BadInput("failure threshold 0", consumer(#"\#(Self.downstream), "circuitBreaker": {"failureThreshold": 0, "window": 10, "openFor": 30}"#),
                 "$.consumers[0].circuitBreaker.failureThreshold", "expected a failure rate > 0 and ≤ 1, found 0"),
        BadInput("failure threshold as a percentage", consumer(#"\#(Self.downstream), "circuitBreaker": {"failureThreshold": 50, "window": 10, "openFor": 30}"#),
                 "$.consumers[0].circuitBreaker.failureThreshold", "expected a failure rate > 0 and ≤ 1, found 50"),
        BadInput("no half-open probes", consumer(#"\#(Self.downstream), "circuitBreaker": {"window": 10, "openFor": 30, "halfOpenProbes": 0}"#),
                 "$.consumers[0].circuitBreaker.halfOpenProbes", "expected an integer ≥ 1, found 0"),
        BadInput("minimum calls not a number", consumer(#"\#(Self.downstream), "circuitBreaker": {"window": 10, "openFor": 30, "minimumCalls": "ten"}"#),
                 "$.consumers[0].circuitBreaker.minimumCalls", "expected an integer"),
        BadInput("breaker without window", consumer(#"\#(Self.downstream), "circuitBreaker": {"openFor": 30}"#),
                 "$.consumers[0].circuitBreaker.window", #"missing required key "window""#),
        BadInput("breaker window 0", consumer(#"\#(Self.downstream), "circuitBreaker": {"window": 0, "openFor": 30}"#),
                 "$.consumers[0].circuitBreaker.window", "expected a duration > 0"),
        BadInput("misspelt breaker key", consumer(#"\#(Self.downstream), "circuitBreaker": {"window": 10, "openFor": 30, "halfOpenProbe": 2}"#),
                 "$.consumers[0].circuitBreaker.halfOpenProbe", #"did you mean "halfOpenProbes"?"#),
        BadInput("autoscale min above max", consumer(#""autoscale": {"min": 5, "max": 2, "targetDepthPerInstance": 10}"#),
                 "$.consumers[0].autoscale.max", "expected max ≥ min (5), found 2"),
        BadInput("autoscale min 0", consumer(#""autoscale": {"min": 0, "max": 2, "targetDepthPerInstance": 10}"#),
                 "$.consumers[0].autoscale.min", "expected an integer ≥ 1, found 0"),
        BadInput("instances above autoscale max", consumer(#""instances": 30, \#(Self.autoscale)"#),
                 "$.consumers[0].instances", "must lie in [min, max] = [1, 20], found 30"),
        BadInput("target depth 0", consumer(#""autoscale": {"min": 1, "max": 2, "targetDepthPerInstance": 0}"#),
                 "$.consumers[0].autoscale.targetDepthPerInstance", "expected a number of messages > 0, found 0"),
        BadInput("autoscale interval 0", consumer(#""autoscale": {"min": 1, "max": 2, "targetDepthPerInstance": 1, "interval": 0}"#),
                 "$.consumers[0].autoscale.interval", "expected a duration > 0"),
        BadInput("autoscale cooldown not a duration", consumer(#""autoscale": {"min": 1, "max": 2, "targetDepthPerInstance": 1, "cooldown": "5 minutes"}"#),
                 "$.consumers[0].autoscale.cooldown", "expected a duration ≥ 0"),
        BadInput("misspelt autoscale key", consumer(#""autoscale": {"min": 1, "max": 2, "targetDepthPerInstance": 1, "cooldwon": 60}"#),
                 "$.consumers[0].autoscale.cooldwon", #"did you mean "cooldown"?"#),
        BadInput("autoscale without max", consumer(#""autoscale": {"min": 1, "targetDepthPerInstance": 1}"#),
                 "$.consumers[0].autoscale.max", #"missing required key "max""#),
        BadInput("autoscale on a group member", groupMember(Self.autoscale),
                 "$.consumers[0].autoscale", "applies to consumers of a queue"),
        BadInput("pauses on a group member", groupMember(#""pauses": [{"at": 1, "for": 1}]"#),
                 "$.consumers[0].pauses", "applies to consumers of a queue"),
        BadInput("autoscale at the top level", S.document(top: Self.autoscale),
                 "$.autoscale", #"unknown key "autoscale""#),
    ]

    @Test("each bad consumer-control key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(consumers: S.consumer(#"""
            "instances": 3, "pauses": [{"at": "1m", "for": "30s"}, {"at": "90s", "for": 10}],
            "downstream": {"failureRate": 0.25, "outages": [{"at": "2m", "for": "1m"}]},
            "circuitBreaker": {"failureThreshold": 0.4, "window": "10s", "openFor": "20s", "halfOpenProbes": 2, "minimumCalls": 5},
            "autoscale": {"min": 2, "max": 8, "targetDepthPerInstance": 50, "cooldown": "1m", "startupDelay": "5s", "interval": "15s"}
            """#))
        let consumer = try Scenario.decode(Data(json.utf8), file: "s.json").model.consumers[0]
        func d(_ s: Double) -> SimDuration { SimDuration(seconds: s) }
        #expect(consumer.pauses == [ScheduledWindow(at: d(60), length: d(30)), ScheduledWindow(at: d(90), length: d(10))])
        #expect(consumer.downstream == Downstream(failureRate: 0.25, outages: [ScheduledWindow(at: d(120), length: d(60))]))
        #expect(consumer.circuitBreaker == CircuitBreakerPolicy(failureThreshold: 0.4, window: d(10), openFor: d(20), halfOpenProbes: 2, minimumCalls: 5))
        #expect(consumer.autoscale == AutoscalePolicy(min: 2, max: 8, initial: 3, targetDepthPerInstance: 50, cooldown: d(60),
                                                      startupDelay: d(5), interval: d(15)))
        #expect(consumer.instances == 8)   // max instances are created; 3 run at first
    }

    @Test func defaults() throws {
        let json = S.document(consumers: S.consumer(#"\#(Self.downstream), "circuitBreaker": {"window": 10, "openFor": 30}, \#(Self.autoscale)"#))
        let consumer = try Scenario.decode(Data(json.utf8), file: "s.json").model.consumers[0]
        #expect(consumer.downstream?.failureRate == 0)
        #expect(consumer.circuitBreaker == CircuitBreakerPolicy(failureThreshold: 0.5, window: SimDuration(seconds: 10),
                                                                openFor: SimDuration(seconds: 30), halfOpenProbes: 1, minimumCalls: 10))
        #expect(consumer.autoscale == AutoscalePolicy(min: 1, max: 20, initial: 1, targetDepthPerInstance: 10,
                                                      cooldown: SimDuration(seconds: 300), startupDelay: .zero, interval: SimDuration(seconds: 30)))
        let plain = try Scenario.decode(Data(S.document().utf8), file: "s.json").model.consumers[0]
        #expect(plain.pauses.isEmpty && plain.downstream == nil && plain.circuitBreaker == nil && plain.autoscale == nil)
    }

    @Test("the schema declares the keys the reader accepts and requires for each control")
    func schemaDeclaresControls() throws {
        let schema = try SchemaTests.loadSchema()
        let z = #""\#(SchemaTests.probe)": 1"#
        let probed = Snippet.uncappedErrors(S.document(consumers: S.consumer(#"""
            "pauses": [{"at": 1, "for": 1, \#(z)}], "downstream": {\#(z)},
            "circuitBreaker": {"window": 1, "openFor": 1, \#(z)}, "autoscale": {"min": 1, "max": 1, "targetDepthPerInstance": 1, \#(z)}
            """#)))
        let empty = Snippet.errors(S.document(consumers: S.consumer(#""pauses": [{}], "downstream": {}, "circuitBreaker": {}, "autoscale": {}"#)))
        for (definition, path) in [("window", "$.consumers[0].pauses[0]"), ("downstream", "$.consumers[0].downstream"),
                                   ("circuitBreaker", "$.consumers[0].circuitBreaker"), ("autoscale", "$.consumers[0].autoscale")] {
            #expect(try SchemaTests.propertyNames(schema, ["$defs", definition]) == SchemaTests.acceptedKeys(probed, path), "\(definition)")
            #expect(try SchemaTests.required(schema, ["$defs", definition]) == SchemaTests.requiredKeys(empty, path), "\(definition)")
        }
    }
}
