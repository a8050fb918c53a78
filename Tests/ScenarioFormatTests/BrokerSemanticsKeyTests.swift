import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// `deduplication` on queues and `publishTimeouts` on producers (consumer timeouts and lock
/// renewal below): bad values at their paths,
/// good ones (and the presets' defaults and limits) in the model.
@Suite("Deduplication keys")
struct DeduplicationKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("window of zero", S.document(brokers: #"{"name": "jobs", "deduplication": {"window": 0}}"#),
                 "$.brokers[0].deduplication.window", "expected a duration > 0"),
        BadInput("unknown scope", S.document(brokers: #"{"name": "jobs", "deduplication": {"scope": "messageGrup"}}"#),
                 "$.brokers[0].deduplication.scope", #"(did you mean "messageGroup"?)"#, "expected one of: queue, messageGroup"),
        BadInput("misspelt key", S.document(brokers: #"{"name": "jobs", "deduplication": {"windw": "5m"}}"#),
                 "$.brokers[0].deduplication.windw", #"(did you mean "window"?)"#),
        BadInput("on an exchange", S.document(brokers: #"{"name": "jobs"}, {"name": "x", "type": "exchange", "exchangeType": "fanout", "deduplication": {}}"#),
                 "$.brokers[1].deduplication", #""deduplication" applies to queues"#),
        BadInput("fraction above 1", S.document(producers: S.producer(#""count": 1, "publishTimeouts": {"fraction": 2, "resendAfter": "1s"}"#)),
                 "$.producers[0].publishTimeouts.fraction", "expected a probability from 0 to 1, found 2"),
        BadInput("resendAfter missing", S.document(producers: S.producer(#""count": 1, "publishTimeouts": {"fraction": 0.1}"#)),
                 "$.producers[0].publishTimeouts.resendAfter", "missing required key"),
        BadInput("re-sends through an exchange",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "x", "type": "exchange", "exchangeType": "fanout", "bindings": [{"queue": "jobs"}]}"#,
                            producers: S.producer(publishTo: "x", #""count": 1, "publishTimeouts": {"fraction": 0.1, "resendAfter": "1s"}"#)),
                 "$.producers[0].publishTimeouts", "publishes straight to a queue"),
        BadInput("a deduplication window other than 5 minutes on SQS FIFO",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo", "deduplication": {"window": "10m"}}"#),
                 "$.brokers[0].deduplication.window", "expected 300 s … 300 s", "fixed at 5 minutes"),
        BadInput("deduplication on SQS standard",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard", "deduplication": {}}"#),
                 "$.brokers[0].deduplication", "does not deduplicate"),
        BadInput("a window over 7 days on Service Bus",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-service-bus", "deduplication": {"window": "8d"}}"#),
                 "$.brokers[0].deduplication.window", "expected 20 s … 604800 s"),
    ]

    @Test("each bad deduplication key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(brokers: #"{"name": "jobs", "deduplication": {"window": "90s", "scope": "messageGroup"}}"#,
                              producers: S.producer(#""count": 1, "publishTimeouts": {"fraction": 0.05, "resendAfter": "2s"}"#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].deduplication == DeduplicationPolicy(window: SimDuration(seconds: 90), scope: .messageGroup))
        #expect(model.producers[0].publishTimeouts == PublishTimeouts(fraction: 0.05, resendAfter: SimDuration(seconds: 2)))
        let plain = try Scenario.decode(Data(S.document(brokers: #"{"name": "jobs", "deduplication": {}}"#).utf8), file: "s.json").model
        #expect(plain.queues[0].deduplication == DeduplicationPolicy(window: SimDuration(seconds: 300), scope: .queue))
    }

    /// SQS FIFO deduplicates for 5 minutes by default; Service Bus only when asked, then with
    /// the 10-minute window of its ARM default; other technologies and plain queues not at all.
    @Test func presetsSetTheWindow() throws {
        func queue(_ broker: String) throws -> QueueConfiguration {
            try Scenario.decode(Data(S.document(brokers: broker).utf8), file: "s.json").model.queues[0]
        }
        #expect(try queue(#"{"name": "jobs", "technology": "sqs-fifo"}"#).deduplication == DeduplicationPolicy(window: SimDuration(seconds: 300)))
        #expect(try queue(#"{"name": "jobs", "technology": "azure-service-bus"}"#).deduplication == nil)
        #expect(try queue(#"{"name": "jobs", "technology": "azure-service-bus", "deduplication": {}}"#).deduplication
                == DeduplicationPolicy(window: SimDuration(seconds: 600)))
        #expect(try queue(#"{"name": "jobs", "technology": "azure-service-bus", "deduplication": {"window": "1m"}}"#).deduplication
                == DeduplicationPolicy(window: SimDuration(seconds: 60)))
        #expect(try queue(#"{"name": "jobs", "technology": "sqs-standard"}"#).deduplication == nil)
        #expect(try queue(#"{"name": "jobs"}"#).deduplication == nil)
    }
}

/// `consumerTimeout` on queues.
@Suite("Consumer timeout key")
struct ConsumerTimeoutKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("zero", S.document(brokers: #"{"name": "jobs", "consumerTimeout": 0}"#),
                 "$.brokers[0].consumerTimeout", "expected a duration > 0"),
        BadInput("with a visibility timeout", S.document(brokers: #"{"name": "jobs", "consumerTimeout": "1m", "visibilityTimeout": "30s"}"#),
                 "$.brokers[0].consumerTimeout", "already returns unacked messages"),
        BadInput("on a stream", S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream", "partitions": 1, "consumerTimeout": "1m"}"#),
                 "$.brokers[1].consumerTimeout", #""consumerTimeout" applies to queues"#),
    ]

    @Test("each bad consumer timeout is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func rabbitPresetsSetThirtyMinutes() throws {
        func queue(_ broker: String) throws -> QueueConfiguration {
            try Scenario.decode(Data(S.document(brokers: broker).utf8), file: "s.json").model.queues[0]
        }
        #expect(try queue(#"{"name": "jobs", "consumerTimeout": "90s"}"#).consumerTimeout == SimDuration(seconds: 90))
        #expect(try queue(#"{"name": "jobs", "technology": "rabbitmq-quorum"}"#).consumerTimeout == SimDuration(seconds: 1_800))
        #expect(try queue(#"{"name": "jobs", "technology": "rabbitmq-classic", "consumerTimeout": "1h"}"#).consumerTimeout == SimDuration(seconds: 3_600))
        #expect(try queue(#"{"name": "jobs"}"#).consumerTimeout == nil)
    }
}

/// `lockRenewal` on consumers.
@Suite("Lock renewal key")
struct LockRenewalKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("without a lock", S.document(consumers: S.consumer(#""lockRenewal": {}"#)),
                 "$.consumers[0].lockRenewal", #"consume from a queue with a "visibilityTimeout""#),
        BadInput("zero maximum", S.document(brokers: #"{"name": "jobs", "visibilityTimeout": "30s"}"#, consumers: S.consumer(#""lockRenewal": {"maxDuration": 0}"#)),
                 "$.consumers[0].lockRenewal.maxDuration", "expected a duration > 0"),
        BadInput("misspelt key", S.document(brokers: #"{"name": "jobs", "visibilityTimeout": "30s"}"#, consumers: S.consumer(#""lockRenewal": {"maxDurationn": "1m"}"#)),
                 "$.consumers[0].lockRenewal.maxDurationn", #"(did you mean "maxDuration"?)"#),
    ]

    @Test("each bad lock renewal is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func serviceBusRenewsForFiveMinutes() throws {
        func consumer(_ broker: String, _ rest: String = "") throws -> ConsumerConfiguration {
            try Scenario.decode(Data(S.document(brokers: broker, consumers: S.consumer(rest)).utf8), file: "s.json").model.consumers[0]
        }
        #expect(try consumer(#"{"name": "jobs", "technology": "azure-service-bus"}"#).lockRenewal == LockRenewal(maxDuration: SimDuration(seconds: 300)))
        #expect(try consumer(#"{"name": "jobs", "technology": "azure-service-bus"}"#, #""lockRenewal": {"maxDuration": "10m"}"#).lockRenewal
                == LockRenewal(maxDuration: SimDuration(seconds: 600)))
        #expect(try consumer(#"{"name": "jobs", "visibilityTimeout": "30s"}"#, #""lockRenewal": {}"#).lockRenewal == LockRenewal())
        #expect(try consumer(#"{"name": "jobs", "technology": "sqs-standard"}"#).lockRenewal == nil)
    }
}
