import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel
import Technologies

/// `"technology"` on a broker or at the top level: preset defaults fill what the scenario
/// leaves out, explicit keys win, limits and broker types are errors with their path.
@Suite("Technology keys")
struct TechnologyKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("unknown technology", S.document(brokers: #"{"name": "jobs", "technology": "kafak"}"#),
                 "$.brokers[0].technology", #"unknown technology "kafak" (did you mean "kafka"?)"#),
        BadInput("unknown top-level technology", S.document(top: #""technology": "rabbitmq""#),
                 "$.technology", #"unknown technology "rabbitmq""#, "rabbitmq-classic"),
        BadInput("not a string", S.document(brokers: #"{"name": "jobs", "technology": 3}"#),
                 "$.brokers[0].technology", "expected a technology name (a string), found 3"),
        BadInput("an exchange on Kafka",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "x", "type": "exchange", "technology": "kafka", "exchangeType": "fanout"}"#),
                 "$.brokers[1].type", #"technology "kafka" has no broker of type "exchange""#, "Kafka has no exchanges", "it offers: stream"),
        BadInput("a queue (the default type) on Kafka", S.document(brokers: #"{"name": "jobs", "technology": "kafka"}"#),
                 "$.brokers[0]", #"type "queue" (the default)"#, "Kafka has no queues"),
        BadInput("a stream from the top-level SQS",
                 S.document(top: #""technology": "sqs-standard""#, brokers: #"{"name": "jobs"}, {"name": "events", "type": "stream"}"#),
                 "$.brokers[1].type", #"(the scenario's "technology")"#, "SQS keeps no log"),
        BadInput("priorities on SQS", S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard", "maxPriority": 5}"#),
                 "$.brokers[0].maxPriority", #"technology "sqs-standard" does not allow "maxPriority""#, "no message priorities"),
        BadInput("message priority on SQS", S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo"}"#,
                                                       producers: S.producer(#""count": 1, "message": {"priority": 3}"#)),
                 "$.producers[0].message.priority", "no message priorities"),
        BadInput("visibility timeout over 12 h on SQS",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard", "visibilityTimeout": "13h"}"#),
                 "$.brokers[0].visibilityTimeout", "expected 0 s … 43200 s", "found 46800 s", "12 h"),
        BadInput("retention under a minute on SQS",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo", "messageTTL": "30s"}"#),
                 "$.brokers[0].messageTTL", "expected 60 s … 1209600 s"),
        BadInput("a 100 KiB message on Azure Storage Queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-storage-queue"}"#,
                            producers: S.producer(#""count": 1, "message": {"sizeBytes": 102400}"#)),
                 "$.producers[0].message.sizeBytes", "expected 1 … 65536", "found 102400", "64 KiB"),
        BadInput("FIFO on Azure Storage Queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-storage-queue", "ordering": "fifo"}"#),
                 "$.brokers[0].ordering", "no FIFO guarantee"),
        BadInput("a lock over 5 minutes on Service Bus",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-service-bus", "visibilityTimeout": "10m"}"#),
                 "$.brokers[0].visibilityTimeout", "expected 0 s … 300 s", "5 minutes"),
        BadInput("a visibility timeout on RabbitMQ",
                 S.document(brokers: #"{"name": "jobs", "technology": "rabbitmq-classic", "visibilityTimeout": "30s"}"#),
                 "$.brokers[0].visibilityTimeout", "RabbitMQ has no visibility timeout", "consumerTimeout"),
        BadInput("priorities on a quorum queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "rabbitmq-quorum", "maxPriority": 3}"#),
                 "$.brokers[0].maxPriority", "quorum queues ignore x-max-priority"),
        BadInput("a per-message delay on SQS FIFO",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo"}"#,
                            producers: S.producer(#""count": 1, "message": {"delay": "1s"}"#)),
                 "$.producers[0].message.delay", "only on the queue"),
        BadInput("claim on an SQS queue", S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard", "claim": {"minIdle": "30s"}}"#),
                 "$.brokers[0].claim", #"applies to a queue with technology "redis-streams""#, #"this broker is "sqs-standard" a queue"#),
        BadInput("claim without a technology", S.document(brokers: #"{"name": "jobs", "claim": {"minIdle": "30s"}}"#),
                 "$.brokers[0].claim", "a queue without a technology"),
        BadInput("claim without minIdle", S.document(brokers: #"{"name": "jobs", "technology": "redis-streams", "claim": {}}"#),
                 "$.brokers[0].claim", #"missing required key "minIdle""#),
        BadInput("claim with a misspelt key", S.document(brokers: #"{"name": "jobs", "technology": "redis-streams", "claim": {"minIdle": "1s", "minIdel": "1s"}}"#),
                 "$.brokers[0].claim.minIdel", #"unknown key "minIdel" (did you mean "minIdle"?)"#),
        BadInput("claim of zero", S.document(brokers: #"{"name": "jobs", "technology": "redis-streams", "claim": {"minIdle": 0}}"#),
                 "$.brokers[0].claim.minIdle", "expected a duration > 0"),
        BadInput("claim and a visibility timeout", S.document(brokers: #"{"name": "jobs", "technology": "redis-streams", "claim": {"minIdle": "1s"}, "visibilityTimeout": "2s"}"#),
                 "$.brokers[0].visibilityTimeout", #"set either "claim""#),
        BadInput("a 300 KB message on Service Bus",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-service-bus"}"#,
                            producers: S.producer(#""count": 1, "message": {"sizeBytes": 300000}"#)),
                 "$.producers[0].message.sizeBytes", "expected 1 … 262144", "found 300000", "256 KB on the Standard tier", "service-bus-quotas"),
        BadInput("a lock over 5 minutes on Service Bus",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-service-bus", "visibilityTimeout": "6m"}"#),
                 "$.brokers[0].visibilityTimeout", "expected 0 s … 300 s", "found 360 s"),
        BadInput("a duplicate detection window under 20 s on Service Bus",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-service-bus", "deduplication": {"window": "10s"}}"#),
                 "$.brokers[0].deduplication.window", "expected 20 s … 604800 s"),
        BadInput("a message size of zero", S.document(producers: S.producer(#""count": 1, "message": {"sizeBytes": 0}"#)),
                 "$.producers[0].message.sizeBytes", "expected an integer ≥ 1"),
        // A value invalid for a generic reason gets that error only, not also its technology's.
        BadInput("a send batch of 0 on SQS", S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard"}"#,
                                                        producers: S.producer(#""count": 1, "batch": {"maxMessages": 0}"#)),
                 "$.producers[0].batch.maxMessages", "expected an integer ≥ 1, found 0"),
        BadInput("a receive batch of 0 on Azure Storage Queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-storage-queue"}"#,
                            consumers: S.consumer(#""batch": {"maxMessages": 0}"#)),
                 "$.consumers[0].batch.maxMessages", "found 0"),
        BadInput("a negative visibility timeout on SQS",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo", "visibilityTimeout": -5}"#),
                 "$.brokers[0].visibilityTimeout", "found -5"),
        BadInput("a message size of zero on Azure Storage Queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-storage-queue"}"#,
                            producers: S.producer(#""count": 1, "message": {"sizeBytes": 0}"#)),
                 "$.producers[0].message.sizeBytes", "expected an integer ≥ 1"),
        // RabbitMQ pushes: no long poll, no receive batches.
        BadInput("a long poll on RabbitMQ",
                 S.document(brokers: #"{"name": "jobs", "technology": "rabbitmq-classic"}"#, consumers: S.consumer(#""receiveWait": "20s""#)),
                 "$.consumers[0].receiveWait", #"technology "rabbitmq-classic" does not allow "receiveWait""#,
                 "pushes messages to its consumers", "no long poll", "https://www.rabbitmq.com/docs/consumers"),
        BadInput("a long poll on a quorum queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "rabbitmq-quorum"}"#, consumers: S.consumer(#""receiveWait": 0"#)),
                 "$.consumers[0].receiveWait", #"technology "rabbitmq-quorum" does not allow "receiveWait""#),
        BadInput("a receive batch on RabbitMQ",
                 S.document(brokers: #"{"name": "jobs", "technology": "rabbitmq-classic"}"#, consumers: S.consumer(#""batch": {"maxMessages": 10}"#)),
                 "$.consumers[0].batch", #"does not allow "batch""#, "basic.get", "one message per call"),
        // A send batch's bytes: SQS 1 MiB, Kafka's max.message.bytes, Service Bus's largest message.
        BadInput("a send batch of 5 MB on SQS",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo"}"#, producers: S.producer(#""count": 1, "batch": {"maxBytes": 5000000}"#)),
                 "$.producers[0].batch.maxBytes", #"expected at most 1048576 bytes on technology "sqs-fifo", found 5000000"#, "SendMessageBatch"),
        BadInput("a producer batch over max.message.bytes on Kafka",
                 S.document(brokers: #"{"name": "jobs", "type": "stream", "technology": "kafka"}"#,
                            producers: S.producer(#""count": 1, "batch": {"maxBytes": 2000000}"#), consumers: S.consumer(#""group": "g""#)),
                 "$.producers[0].batch.maxBytes", #"expected at most 1048588 bytes on technology "kafka", found 2000000"#, "max.message.bytes"),
        BadInput("a send batch over 256 KB on Service Bus",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-service-bus"}"#,
                            producers: S.producer(#""count": 1, "batch": {"maxMessages": 100}, "message": {"sizeBytes": 10000}"#)),
                 "$.producers[0].batch.maxMessages", "100 messages of 10000 bytes make a batch of 1000000 bytes", #"technology "azure-service-bus" allows at most 262144"#),
    ]

    /// SendMessageBatch takes at most 10 entries: a batch given only by bytes is cut at 10 too.
    @Test func anSQSBatchGivenByBytesIsCutAtTenMessages() throws {
        let json = S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo"}"#,
                              producers: S.producer(#""count": 1, "batch": {"maxBytes": 1048576}, "message": {"sizeBytes": 100}"#))
        let scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
        #expect(scenario.model.producers[0].batch?.maxMessages == 10)
        #expect(scenario.model.producers[0].batch?.maxBytes == 1_048_576)
    }

    /// RabbitMQ's pull API (basic.get) is a short poll: `pollInterval` alone is accepted.
    @Test func rabbitMQConsumersMayPollWithBasicGet() throws {
        let json = S.document(brokers: #"{"name": "jobs", "technology": "rabbitmq-classic"}"#, consumers: S.consumer(#""pollInterval": "1s""#))
        let scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
        #expect(scenario.model.consumers[0].polling?.wait == .zero)
    }

    @Test("each bad technology key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func sqsStandardFillsItsDefaults() throws {
        let json = S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard", "deadLetter": {"queue": "dlq"}}, {"name": "dlq"}"#)
        let scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
        let jobs = scenario.model.queues[0]
        #expect(jobs.visibilityTimeout == SimDuration(seconds: 30))
        #expect(jobs.messageTTL == SimDuration(seconds: 345_600))
        #expect(jobs.deadLetter?.maxReceiveCount == 10)
        #expect(jobs.ordering == .bestEffort(reorderProbability: QueueOrdering.defaultReorderProbability,
                                             duplicateProbability: QueueOrdering.defaultDuplicateProbability))
        #expect(jobs.profile?.publishLatency?.mean ?? 0 == 0.016)
        #expect(jobs.profile?.messagesPerSecond == nil)
        #expect(scenario.technologies == ["jobs": .sqsStandard])
        // Without a technology the dead-letter queue stays ideal.
        #expect(scenario.model.queues[1].profile == nil)
    }

    /// SQS consumers short-poll by default, on queues whose short polls sample; a consumer's
    /// own receiveWait wins.
    @Test func sqsConsumersShortPollByDefault() throws {
        let json = S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard"}, {"name": "other", "technology": "sqs-fifo"}"#,
                              consumers: S.consumer() + ", " + S.consumer(name: "long", consumeFrom: "other", #""receiveWait": "20s""#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.consumers[0].polling == ReceivePolling(maxMessages: 1, wait: .zero, pollInterval: SimDuration(seconds: 1)))
        #expect(model.consumers[1].polling == ReceivePolling(maxMessages: 1, wait: SimDuration(seconds: 20)))
        #expect(model.queues[0].shortPollSampling == 0.5 && model.queues[1].shortPollSampling == 0.5)
        // Without a technology: pushed, every short poll sees every message.
        let plain = try Scenario.decode(Data(S.document().utf8), file: "s.json").model
        #expect(plain.consumers[0].polling == nil && plain.queues[0].shortPollSampling == 1)
    }

    /// Azure Storage Queue consumers poll as the Functions queue trigger: gets of 16, 0.2 s
    /// after an empty poll, doubling up to a minute. Service Bus consumers are pushed to.
    @Test func azureConsumersPollAsTheFunctionsTrigger() throws {
        let json = S.document(brokers: #"{"name": "jobs", "technology": "azure-storage-queue"}, {"name": "bus", "technology": "azure-service-bus"}"#,
                              consumers: S.consumer(#""prefetch": 16"#) + ", " + S.consumer(name: "sb", consumeFrom: "bus"))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.consumers[0].polling == ReceivePolling(maxMessages: 16, wait: .zero, pollInterval: SimDuration(seconds: 0.2),
                                                              maxBackoff: SimDuration(seconds: 60)))
        #expect(model.consumers[1].polling == nil)
    }

    @Test func explicitKeysWinOverThePreset() throws {
        let json = S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo", "visibilityTimeout": "2m", "messageGroups": false, "profile": {"messagesPerSecond": 3000}, "deadLetter": {"queue": "dlq", "maxReceiveCount": 3}}, {"name": "dlq", "technology": "sqs-fifo"}"#)
        let jobs = try Scenario.decode(Data(json.utf8), file: "s.json").model.queues[0]
        #expect(jobs.visibilityTimeout == SimDuration(seconds: 120))
        #expect(jobs.ordering == .fifo(messageGroups: false))
        #expect(jobs.profile?.messagesPerSecond == 3000)           // batches of 10
        #expect(jobs.profile?.publishLatency?.mean ?? 0 == 0.016)  // the other profile keys stay
        #expect(jobs.deadLetter?.maxReceiveCount == 3)
    }

    @Test func topLevelTechnologyIsEveryBrokersDefault() throws {
        let json = S.document(top: #""technology": "azure-storage-queue""#,
                              brokers: #"{"name": "jobs"}, {"name": "fast", "technology": "rabbitmq-classic"}"#,
                              consumers: S.consumer() + ", " + S.consumer(name: "other", consumeFrom: "fast"))
        let scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
        #expect(scenario.technologies == ["jobs": .azureStorageQueue, "fast": .rabbitmqClassic])
        #expect(scenario.model.queues[0].profile?.messagesPerSecond == 2_000)
        #expect(scenario.model.queues[0].visibilityTimeout == SimDuration(seconds: 30))
        #expect(scenario.model.queues[1].ttlExpiry == .head)
        #expect(scenario.model.queues[1].visibilityTimeout == nil)
        // RabbitMQ's consumer timeout, 30 min, on its queue only; the consumers' own timeout
        // stays unset.
        #expect(scenario.model.queues[1].consumerTimeout == SimDuration(seconds: 1_800))
        #expect(scenario.model.queues[0].consumerTimeout == nil)
        #expect(scenario.model.consumers[1].processingTimeout == nil)
    }

    @Test func kafkaStreamsAreReplicatedWithSevenDaysRetention() throws {
        let json = S.document(brokers: #"{"name": "events", "type": "stream", "technology": "kafka", "partitions": 6}"#,
                              producers: S.producer(publishTo: "events", #""count": 1"#),
                              consumers: S.consumer(consumeFrom: "events", #""group": "g""#))
        let stream = try Scenario.decode(Data(json.utf8), file: "s.json").model.streams[0]
        #expect(stream.partitions == 6)
        #expect(stream.retention == SimDuration(seconds: 604_800))
        #expect(stream.replicas == 3 && stream.minInSyncReplicas == 2)
        #expect(stream.replicationDelay == SimDuration(seconds: 0.003))
        // No per-partition limit: 3 brokers share the load (LinkedIn's 2,024,032 records/s ÷ 3).
        #expect(stream.capacity == nil)
        #expect(stream.brokers == StreamBrokers(count: 3, capacity: IngressCapacity(messagesPerSecond: 674_677, bytesPerSecond: 67_467_733)!))
    }

    /// A stream's profile is each partition's capacity (and its brokers'); a producer's
    /// sizeBytes reaches the model; explicit keys win over a preset's capacity.
    @Test func streamCapacityAndMessageSizesBuildTheModel() throws {
        let json = S.document(brokers: #"{"name": "events", "type": "stream", "technology": "kafka", "profile": {"messagesPerSecond": 1000}}, {"name": "jobs", "profile": {"bytesPerSecond": 5e6}}"#,
                              producers: S.producer(publishTo: "events", #""count": 1, "message": {"sizeBytes": 2048}"#),
                              consumers: S.consumer(consumeFrom: "events", #""group": "g""#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.streams[0].capacity == IngressCapacity(messagesPerSecond: 1_000, bytesPerSecond: nil))
        #expect(model.streams[0].brokers?.capacity.messagesPerSecond == 674_677)
        #expect(model.queues[0].profile?.capacity == IngressCapacity(messagesPerSecond: nil, bytesPerSecond: 5e6))
        #expect(model.producers[0].messageSizeBytes == 2048)
        let plain = try Scenario.decode(Data(S.document(brokers: #"{"name": "events", "type": "stream"}"#,
                                                        producers: S.producer(publishTo: "events", #""count": 1"#),
                                                        consumers: S.consumer(consumeFrom: "events", #""group": "g""#)).utf8), file: "s.json").model
        #expect(plain.streams[0].capacity == nil && plain.producers[0].messageSizeBytes == nil)
    }

    @Test func settingATechnologyReplacesTheScenariosOwn() throws {
        let json = S.document(top: #""technology": "sqs-standard""#, brokers: #"{"name": "jobs", "technology": "rabbitmq-classic"}"#)
        let scenario = try Scenario.decode(Data(json.utf8), file: "s.json", technology: .azureStorageQueue)
        #expect(scenario.technologies == ["jobs": .azureStorageQueue])
        #expect(scenario.model.queues[0].profile?.messagesPerSecond == 2_000)
    }

    /// Redis Streams' XAUTOCLAIM min-idle-time is the time an entry may stay pending unacked.
    @Test func redisClaimIsTheTimeAnEntryMayStayPending() throws {
        let json = S.document(brokers: #"{"name": "jobs", "technology": "redis-streams", "claim": {"minIdle": "45s"}}"#)
        let jobs = try Scenario.decode(Data(json.utf8), file: "s.json").model.queues[0]
        #expect(jobs.visibilityTimeout == SimDuration(seconds: 45))
        #expect(jobs.profile?.deliverLatency?.mean ?? 0 == 0.000_75)
        let plain = S.document(brokers: #"{"name": "jobs", "technology": "redis-streams"}"#)
        #expect(try Scenario.decode(Data(plain.utf8), file: "s.json").model.queues[0].visibilityTimeout == nil)
    }

    @Test func everyPresetDefaultReadsAsAValidScenario() throws {
        for technology in Technology.allCases {
            let preset = Preset.for(technology)
            for type in preset.brokerTypes where type == "queue" || type == "stream" {
                let json = S.document(brokers: #"{"name": "jobs", "type": "\#(type)", "technology": "\#(technology.rawValue)"}"#,
                                      consumers: S.consumer(type == "stream" ? #""group": "g""# : ""))
                #expect(throws: Never.self, "\(technology.rawValue) \(type)") {
                    _ = try Scenario.decode(Data(json.utf8), file: "s.json")
                }
            }
        }
    }
}
