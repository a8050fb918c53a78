import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// Keys of delivery semantics (dead-letter queues, retries, acks, idempotency, faults):
/// bad values are reported at their JSON path; good ones build the expected model.
@Suite("Delivery-semantics keys")
struct DeliveryKeyTests {
    typealias S = Snippet

    static let twoQueues = #"{"name": "jobs", "deadLetter": {"queue": "dlq", "maxReceiveCount": 3}}, {"name": "dlq"}"#

    static let bad: [BadInput] = [
        BadInput("maxReceiveCount 0", S.document(brokers: #"{"name": "jobs", "deadLetter": {"queue": "dlq", "maxReceiveCount": 0}}, {"name": "dlq"}"#),
                 "$.brokers[0].deadLetter.maxReceiveCount", "expected an integer ≥ 1, found 0"),
        BadInput("maxReceiveCount above 1000", S.document(brokers: #"{"name": "jobs", "deadLetter": {"queue": "dlq", "maxReceiveCount": 1001}}, {"name": "dlq"}"#),
                 "$.brokers[0].deadLetter.maxReceiveCount", "expected an integer ≤ 1000, found 1001"),
        BadInput("dead-letter queue missing", S.document(brokers: #"{"name": "jobs", "deadLetter": {"queue": "jobs-dql"}}, {"name": "jobs-dlq"}"#),
                 "$.brokers[0].deadLetter.queue", #"no queue named "jobs-dql" (did you mean "jobs-dlq"?)"#),
        BadInput("dead-letter queue is itself", S.document(brokers: #"{"name": "jobs", "deadLetter": {"queue": "jobs"}}"#),
                 "$.brokers[0].deadLetter.queue", "cannot be its own dead-letter queue"),
        BadInput("dead-letter cycle", S.document(brokers: #"{"name": "jobs", "deadLetter": {"queue": "b"}}, {"name": "b", "deadLetter": {"queue": "jobs"}}"#),
                 "$.brokers[0].deadLetter.queue", "form a cycle", count: 2),
        BadInput("dead-letter exchange missing", S.document(brokers: #"{"name": "jobs", "deadLetterExchange": "dlz"}, {"name": "dlx", "type": "exchange", "exchangeType": "fanout"}"#),
                 "$.brokers[0].deadLetterExchange", #"no exchange named "dlz" (did you mean "dlx"?)"#),
        BadInput("dead-letter exchange is a queue", S.document(brokers: #"{"name": "jobs", "deadLetterExchange": "other"}, {"name": "other"}"#),
                 "$.brokers[0].deadLetterExchange", #""other" is not an exchange"#),
        BadInput("dead-letter queue and exchange", S.document(brokers: #"{"name": "jobs", "deadLetter": {"queue": "dlq"}, "deadLetterExchange": "dlx"}, {"name": "dlq"}, {"name": "dlx", "type": "exchange", "exchangeType": "fanout"}"#),
                 "$.brokers[0].deadLetterExchange", "not both"),
        BadInput("dead-letter routing key alone", S.document(brokers: #"{"name": "jobs", "deadLetterRoutingKey": "x"}"#),
                 "$.brokers[0].deadLetterRoutingKey", "needs a \"deadLetterExchange\""),
        BadInput("negative visibility timeout", S.document(brokers: #"{"name": "jobs", "visibilityTimeout": "-1s"}"#),
                 "$.brokers[0].visibilityTimeout", "expected a duration > 0"),
        BadInput("negative delay", S.document(brokers: #"{"name": "jobs", "delay": "-5s"}"#),
                 "$.brokers[0].delay", "expected a duration ≥ 0"),
        BadInput("delay on a stream", S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream", "partitions": 1, "delay": "5s"}"#),
                 "$.brokers[1].delay", #""delay" applies to queues"#),
        BadInput("delay on an exchange", S.document(brokers: #"{"name": "jobs"}, {"name": "x", "type": "exchange", "exchangeType": "fanout", "delay": "5s"}"#),
                 "$.brokers[1].delay", #""delay" applies to queues"#),
        BadInput("empty profile", S.document(brokers: #"{"name": "jobs", "profile": {}}"#),
                 "$.brokers[0].profile", #"expected at least one of "publishLatency", "messagesPerSecond", "bytesPerSecond", "deliverLatency", "ackLatency""#),
        BadInput("profile rate 0", S.document(brokers: #"{"name": "jobs", "profile": {"messagesPerSecond": 0}}"#),
                 "$.brokers[0].profile.messagesPerSecond", "expected a rate per second > 0"),
        BadInput("profile key misspelt", S.document(brokers: #"{"name": "jobs", "profile": {"publishLatancy": {"constant": "1ms"}}}"#),
                 "$.brokers[0].profile.publishLatancy", #"(did you mean "publishLatency"?)"#),
        BadInput("publish latency on a stream", S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream", "partitions": 1, "profile": {"publishLatency": {"constant": "1ms"}}}"#),
                 "$.brokers[1].profile.publishLatency", #""publishLatency" applies to a queue's profile; a stream's profile has "messagesPerSecond", "bytesPerSecond", "brokers""#),
        BadInput("empty stream profile", S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream", "profile": {}}"#),
                 "$.brokers[1].profile", #"expected at least one of "messagesPerSecond", "bytesPerSecond", "brokerMessagesPerSecond", "brokerBytesPerSecond", found {}"#),
        BadInput("stream byte rate below 1", S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream", "profile": {"bytesPerSecond": 0.5}}"#),
                 "$.brokers[1].profile.bytesPerSecond", "expected a rate in bytes per second from 1 to 1e15, found 0.5"),
        BadInput("queue byte rate as a string", S.document(brokers: #"{"name": "jobs", "profile": {"bytesPerSecond": "40MB"}}"#),
                 "$.brokers[0].profile.bytesPerSecond", "expected a rate in bytes per second from 1 to 1e15"),
        BadInput("stream profile key misspelt", S.document(brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream", "profile": {"bytesPerSec": 1000}}"#),
                 "$.brokers[1].profile.bytesPerSec", #"(did you mean "bytesPerSecond"?)"#),
        BadInput("negative message delay", S.document(producers: S.producer(#""count": 1, "message": {"delay": "-1s"}"#)),
                 "$.producers[0].message.delay", "expected a duration ≥ 0"),
        BadInput("durable not a boolean", S.document(brokers: #"{"name": "jobs", "durable": "yes"}"#),
                 "$.brokers[0].durable", #"expected true or false, found "yes""#),
        BadInput("unknown ack mode", S.document(consumers: S.consumer(#""ack": "atuo""#)),
                 "$.consumers[0].ack", #"unknown value "atuo" (did you mean "auto"?)"#),
        BadInput("failure rate above 1", S.document(consumers: S.consumer(#""failureRate": 1.5"#)),
                 "$.consumers[0].failureRate", "expected a probability from 0 to 1, found 1.5"),
        BadInput("retry without maxAttempts", S.document(consumers: S.consumer(#""retry": {"backoff": {"constant": "1s"}}"#)),
                 "$.consumers[0].retry.maxAttempts", "missing required key"),
        BadInput("negative constant backoff", S.document(consumers: S.consumer(#""retry": {"maxAttempts": 3, "backoff": {"constant": "-1s"}}"#)),
                 "$.consumers[0].retry.backoff.constant", "expected a duration ≥ 0"),
        BadInput("negative exponential initial", S.document(consumers: S.consumer(#""retry": {"maxAttempts": 3, "backoff": {"exponential": {"initial": -0.1}}}"#)),
                 "$.consumers[0].retry.backoff.exponential.initial", "expected a duration > 0"),
        BadInput("multiplier below 1", S.document(consumers: S.consumer(#""retry": {"maxAttempts": 3, "backoff": {"exponential": {"initial": "1s", "multiplier": 0.5}}}"#)),
                 "$.consumers[0].retry.backoff.exponential.multiplier", "expected a multiplier ≥ 1"),
        BadInput("max below initial", S.document(consumers: S.consumer(#""retry": {"maxAttempts": 3, "backoff": {"exponential": {"initial": "2s", "max": "1s"}}}"#)),
                 "$.consumers[0].retry.backoff.exponential.max", "expected max ≥ initial"),
        BadInput("unknown backoff", S.document(consumers: S.consumer(#""retry": {"maxAttempts": 3, "backoff": {"exponental": {"initial": "1s"}}}"#)),
                 "$.consumers[0].retry.backoff.exponental", #"(did you mean "exponential"?)"#),
        BadInput("unknown jitter", S.document(consumers: S.consumer(#""retry": {"maxAttempts": 3, "jitter": "half"}"#)),
                 "$.consumers[0].retry.jitter", "expected one of: none, full, equal"),
        BadInput("idempotency window 0", S.document(consumers: S.consumer(#""idempotency": {"window": 0}"#)),
                 "$.consumers[0].idempotency.window", "expected a duration > 0"),
        BadInput("unknown idempotency claim", S.document(consumers: S.consumer(#""idempotency": {"window": "10m", "claim": "atStart!"}"#)),
                 "$.consumers[0].idempotency.claim", "expected one of: atEnd, atStart"),
        BadInput("poison fraction negative", S.document(producers: S.producer(#""count": 1, "message": {"poisonFraction": -0.1}"#)),
                 "$.producers[0].message.poisonFraction", "expected a probability from 0 to 1"),
        BadInput("publish retry without interval", S.document(producers: S.producer(#""count": 1, "publishRetry": {}"#)),
                 "$.producers[0].publishRetry.interval", "missing required key"),
        BadInput("fault on an unknown name", S.document(top: #""faults": [{"at": "1m", "crash": "wrokers"}]"#),
                 "$.faults[0].crash", #"no consumer or broker named "wrokers" (did you mean "workers"?)"#),
        BadInput("fault instance out of range", S.document(top: #""faults": [{"at": "1m", "crash": "workers", "instance": 1}]"#),
                 "$.faults[0].instance", #"consumer "workers" has 1 instance(s), numbered from 0; found 1"#),
        BadInput("fault without time", S.document(top: #""faults": [{"crash": "workers"}]"#),
                 "$.faults[0].at", "missing required key"),
    ]

    @Test("each bad delivery key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(
            top: #""faults": [{"at": "2m", "crash": "workers", "instance": 0, "restartAfter": "30s"}, {"at": 300, "crash": "dlq"}]"#,
            brokers: #"{"name": "jobs", "visibilityTimeout": "30s", "durable": false, "deadLetter": {"queue": "dlq", "maxReceiveCount": 3}}, {"name": "dlq"}"#,
            producers: S.producer(#""count": 1, "message": {"poisonFraction": 0.01}, "publishRetry": {"interval": "500ms"}"#),
            consumers: S.consumer(#""ack": "auto", "failureRate": 0.2, "processingTimeout": "5s", "idempotency": {"window": "10m"}, "retry": {"maxAttempts": 4, "backoff": {"exponential": {"initial": "100ms", "multiplier": 3, "max": "2s"}}, "jitter": "equal"}"#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        let jobs = model.queues[0]
        #expect(jobs.visibilityTimeout == SimDuration(seconds: 30))
        #expect(jobs.delay == nil)
        #expect(jobs.durable == false)
        #expect(jobs.deadLetter == DeadLetterPolicy(queue: QueueID(1), maxReceiveCount: 3))
        #expect(model.queues[1].durable && model.queues[1].deadLetter == nil)
        #expect(model.producers[0].poisonFraction == 0.01)
        #expect(model.producers[0].publishRetry == PublishRetry(interval: SimDuration(seconds: 0.5)))
        let c = model.consumers[0]
        #expect(c.ack == .auto && c.failureRate == 0.2 && c.processingTimeout == SimDuration(seconds: 5))
        #expect(c.idempotency == IdempotencyPolicy(window: SimDuration(seconds: 600)))
        #expect(c.retry == RetryPolicy(maxAttempts: 4, backoff: .exponential(initial: SimDuration(seconds: 0.1), multiplier: 3, max: SimDuration(seconds: 2)), jitter: .equal))
        #expect(model.faults == [
            Fault(at: SimDuration(seconds: 120), target: .consumer(index: 0, instance: 0), restartAfter: SimDuration(seconds: 30)),
            Fault(at: SimDuration(seconds: 300), target: .queue(QueueID(1)), restartAfter: nil),
        ])
    }

    @Test func delayBuildsTheModelAndZeroMeansNone() throws {
        let json = S.document(brokers: #"{"name": "jobs", "delay": "1.5s"}, {"name": "other", "delay": 0}"#)
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].delay == SimDuration(seconds: 1.5))
        #expect(model.queues[1].delay == nil)
        let profiled = S.document(brokers: #"{"name": "jobs", "profile": {"publishLatency": {"exponential": {"mean": "2ms"}}, "messagesPerSecond": 2000, "deliverLatency": {"constant": "1ms"}, "ackLatency": {"constant": "3ms"}}}"#)
        #expect(try Scenario.decode(Data(profiled.utf8), file: "s.json").model.queues[0].profile
                == BrokerProfile(publishLatency: .exponential(mean: 0.002), messagesPerSecond: 2000,
                                 deliverLatency: .constant(0.001), ackLatency: .constant(0.003)))
        let timer = S.document(producers: S.producer(#""count": 1, "message": {"delay": "250ms"}"#))
        #expect(try Scenario.decode(Data(timer.utf8), file: "s.json").model.producers[0].messageDelay == SimDuration(seconds: 0.25))
    }

    @Test func deadLetterExchangeBuildsTheModel() throws {
        let json = S.document(brokers: #"{"name": "jobs", "deadLetterExchange": "dlx", "deadLetterRoutingKey": "dead.jobs"}, {"name": "dlx", "type": "exchange", "exchangeType": "topic", "bindings": [{"queue": "parked", "bindingKey": "dead.#"}]}, {"name": "parked"}"#)
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.queues[0].deadLetterExchange == DeadLetterExchange(exchange: ExchangeID(0), routingKey: "dead.jobs"))
        #expect(model.queues[1].deadLetterExchange == nil)
    }

    @Test func idempotencyClaimDefaultsToAtEnd() throws {
        let atStart = S.document(consumers: S.consumer(#""idempotency": {"window": "2m", "claim": "atStart"}"#))
        #expect(try Scenario.decode(Data(atStart.utf8), file: "s.json").model.consumers[0].idempotency
                == IdempotencyPolicy(window: SimDuration(seconds: 120), claim: .atStart))
        let plain = S.document(consumers: S.consumer(#""idempotency": {"window": "2m"}"#))
        #expect(try Scenario.decode(Data(plain.utf8), file: "s.json").model.consumers[0].idempotency?.claim == .atEnd)
    }

    @Test func defaultsAreAtLeastOnceWithoutLimits() throws {
        let model = try Scenario.decode(Data(S.document().utf8), file: "s.json").model
        #expect(model.queues[0].visibilityTimeout == nil && model.queues[0].deadLetter == nil && model.queues[0].durable)
        let c = model.consumers[0]
        #expect(c.ack == .manual && c.failureRate == 0 && c.retry == nil && c.idempotency == nil && c.processingTimeout == nil)
        #expect(model.producers[0].poisonFraction == 0 && model.producers[0].publishRetry == nil)
        #expect(model.faults.isEmpty)
    }
}
