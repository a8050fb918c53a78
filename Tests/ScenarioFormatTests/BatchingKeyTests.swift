import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// A producer's `batch`, a consumer's `batch`, `receiveWait` and `pollInterval`, the
/// `profile.ingressUnit`, and the limits the SQS and Azure Storage Queue presets put on them.
@Suite("Batching keys")
struct BatchingKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("a batch without maxMessages or maxBytes", S.document(producers: S.producer(#""count": 1, "batch": {"linger": "5ms"}"#)),
                 "$.producers[0].batch", "expected at least one of \"maxMessages\"", "\"maxBytes\""),
        // Only the misspelling: not also "expected at least one of".
        BadInput("a misspelt maxMessages", S.document(producers: S.producer(#""count": 1, "batch": {"maxMesages": 2}"#)),
                 "$.producers[0].batch.maxMesages", #"unknown key "maxMesages" (did you mean "maxMessages"?)"#),
        BadInput("a batch of zero bytes", S.document(producers: S.producer(#""count": 1, "batch": {"maxBytes": 0}"#)),
                 "$.producers[0].batch.maxBytes", "found 0"),
        BadInput("a batch of zero", S.document(producers: S.producer(#""count": 1, "batch": {"maxMessages": 0}"#)),
                 "$.producers[0].batch.maxMessages", "found 0"),
        BadInput("a misspelt linger", S.document(producers: S.producer(#""count": 1, "batch": {"maxMessages": 2, "lingr": "5ms"}"#)),
                 "$.producers[0].batch.lingr", "did you mean \"linger\""),
        BadInput("a batch to a topic",
                 S.document(brokers: #"{"name": "jobs", "type": "topic", "subscriptions": [{"name": "s", "queue": "q"}]}, {"name": "q"}"#,
                            producers: S.producer(#""count": 1, "batch": {"maxMessages": 2}"#),
                            consumers: S.consumer(consumeFrom: "q", "")),
                 "$.producers[0].batch", "straight to a queue or a stream"),
        BadInput("a batch with publishTimeouts",
                 S.document(producers: S.producer(#""count": 1, "batch": {"maxMessages": 2}, "publishTimeouts": {"fraction": 0.1, "resendAfter": "1s"}"#)),
                 "$.producers[0].batch", "does not combine with \"publishTimeouts\""),
        BadInput("a negative receiveWait", S.document(consumers: S.consumer(#""receiveWait": -1"#)),
                 "$.consumers[0].receiveWait", "expected a duration"),
        BadInput("a pollInterval of zero", S.document(consumers: S.consumer(#""pollInterval": 0"#)),
                 "$.consumers[0].pollInterval", "> 0"),
        BadInput("a pollInterval with a long poll", S.document(consumers: S.consumer(#""receiveWait": "20s", "pollInterval": "1s""#)),
                 "$.consumers[0].pollInterval", "paces short polls"),
        BadInput("a maxPollBackoff with a long poll", S.document(consumers: S.consumer(#""receiveWait": "20s", "maxPollBackoff": "1m""#)),
                 "$.consumers[0].maxPollBackoff", "backs off short polls"),
        BadInput("a maxPollBackoff below the pollInterval", S.document(consumers: S.consumer(#""pollInterval": "2s", "maxPollBackoff": "1s""#)),
                 "$.consumers[0].maxPollBackoff", "expected a duration ≥ \"pollInterval\" (2 s", "found 1 s"),
        BadInput("a maxPollBackoff on a group member",
                 S.document(brokers: #"{"name": "events", "type": "stream"}"#, producers: S.producer(publishTo: "events"),
                            consumers: S.consumer(consumeFrom: "events", #""group": "g", "maxPollBackoff": "1m""#)),
                 "$.consumers[0].maxPollBackoff", "applies to consumers of a queue"),
        BadInput("a shortPollSampling of zero", S.document(brokers: #"{"name": "jobs", "shortPollSampling": 0}"#),
                 "$.brokers[0].shortPollSampling", "expected a probability > 0 and ≤ 1, found 0"),
        BadInput("a shortPollSampling above one", S.document(brokers: #"{"name": "jobs", "shortPollSampling": 1.5}"#),
                 "$.brokers[0].shortPollSampling", "expected a probability > 0 and ≤ 1, found 1.5"),
        BadInput("a shortPollSampling on a topic",
                 S.document(brokers: #"{"name": "jobs"}, {"name": "t", "type": "topic", "shortPollSampling": 0.5, "subscriptions": [{"name": "s", "queue": "jobs"}]}"#),
                 "$.brokers[1].shortPollSampling", "applies to queues"),
        BadInput("a receive batch on a group member",
                 S.document(brokers: #"{"name": "jobs", "type": "stream"}"#,
                            consumers: S.consumer(#""group": "g", "batch": {"maxMessages": 5}"#)),
                 "$.consumers[0].batch", "consumers of a queue"),
        BadInput("an unknown ingress unit", S.document(brokers: #"{"name": "jobs", "profile": {"messagesPerSecond": 10, "ingressUnit": "call"}}"#),
                 "$.brokers[0].profile.ingressUnit", "\"calls\""),
        BadInput("an ingress unit without a capacity", S.document(brokers: #"{"name": "jobs", "profile": {"ingressUnit": "calls"}}"#),
                 "$.brokers[0].profile.ingressUnit", "set \"messagesPerSecond\" too"),
        BadInput("a send batch of 11 on SQS",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo"}"#, producers: S.producer(#""count": 1, "batch": {"maxMessages": 11}"#)),
                 "$.producers[0].batch.maxMessages", "expected 1 … 10 on technology \"sqs-fifo\"", "found 11", "SendMessageBatch"),
        BadInput("a send batch over 1 MiB on SQS",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard"}"#,
                            producers: S.producer(#""count": 1, "batch": {"maxMessages": 10}, "message": {"sizeBytes": 200000}"#)),
                 "$.producers[0].batch.maxMessages", "10 messages of 200000 bytes make a batch of 2000000 bytes", "at most 1048576", "1 MiB"),
        BadInput("a receive batch of 11 on SQS",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard"}"#, consumers: S.consumer(#""batch": {"maxMessages": 11}"#)),
                 "$.consumers[0].batch.maxMessages", "MaxNumberOfMessages"),
        BadInput("a long poll over 20 s on SQS",
                 S.document(brokers: #"{"name": "jobs", "technology": "sqs-standard"}"#, consumers: S.consumer(#""receiveWait": "30s""#)),
                 "$.consumers[0].receiveWait", "expected 0 s … 20 s", "found 30 s"),
        BadInput("a send batch on Azure Storage Queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-storage-queue"}"#, producers: S.producer(#""count": 1, "batch": {"maxMessages": 2}"#)),
                 "$.producers[0].batch", "does not allow \"batch\"", "no batched send"),
        BadInput("a get of 33 on Azure Storage Queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-storage-queue"}"#, consumers: S.consumer(#""batch": {"maxMessages": 33}"#)),
                 "$.consumers[0].batch.maxMessages", "expected 1 … 32", "Get Messages"),
        BadInput("a long poll on Azure Storage Queue",
                 S.document(brokers: #"{"name": "jobs", "technology": "azure-storage-queue"}"#, consumers: S.consumer(#""receiveWait": "5s""#)),
                 "$.consumers[0].receiveWait", "no long polling"),
    ]

    @Test("each bad batching key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func batchingAndPollingKeysReadIntoTheModel() throws {
        let json = S.document(producers: S.producer(#""count": 1, "batch": {"maxMessages": 10, "linger": "50ms"}"#),
                              consumers: S.consumer(#""batch": {"maxMessages": 5}, "receiveWait": 0, "pollInterval": "250ms""#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.producers[0].batch == ProducerBatching(maxMessages: 10, linger: SimDuration(seconds: 0.05)))
        #expect(model.consumers[0].polling == ReceivePolling(maxMessages: 5, wait: .zero, pollInterval: SimDuration(seconds: 0.25)))
        let defaults = try Scenario.decode(Data(S.document(consumers: S.consumer(#""receiveWait": "20s""#)).utf8), file: "s.json").model
        #expect(defaults.consumers[0].polling == ReceivePolling(maxMessages: 1, wait: SimDuration(seconds: 20)))
        let pushed = try Scenario.decode(Data(S.document().utf8), file: "s.json").model
        #expect(pushed.consumers[0].polling == nil && pushed.producers[0].batch == nil)
    }

    @Test func sqsFIFOCountsItsIngressInCalls() throws {
        let json = S.document(brokers: #"{"name": "jobs", "technology": "sqs-fifo"}"#)
        let queue = try Scenario.decode(Data(json.utf8), file: "s.json").model.queues[0]
        #expect(queue.profile?.messagesPerSecond == 300 && queue.profile?.ingressUnit == .calls)
    }

    /// Acked messages per second over 10 s on `sqs-fifo`, sending `rate` msg/s in 1,000
    /// message groups, unbatched or in batches of 10.
    static func fifoThroughput(rate: Int, batch: Int?) throws -> Double {
        let batchKey = batch.map { #", "batch": {"maxMessages": \#($0), "linger": "10ms"}"# } ?? ""
        let json = S.document(top: #""duration": "10s", "drainTimeout": "0s", "technology": "sqs-fifo""#,
                              producers: S.producer(arrivals: #"{"constant": {"rate": \#(rate)}}"#,
                                                    #""message": {"keys": {"count": 1000}}"# + batchKey),
                              consumers: S.consumer(service: #"{"constant": "1ms"}"#, #""instances": 50, "prefetch": 20"#))
        var simulation = Simulation(model: try Scenario.decode(Data(json.utf8), file: "s.json").model)
        let result = simulation.run()
        TestModels.expectBalanced(result)
        return Double(result.metrics.acked) / 10
    }

    @Test func sqsFIFOTakes300MessagesASecondUnbatchedAnd3000InBatchesOf10() throws {
        // The documented quota: 300 API calls per second per action without high-throughput
        // mode, 3,000 messages per second with batches of 10 (offered twice that).
        let unbatched = try Self.fifoThroughput(rate: 600, batch: nil)
        #expect(abs(unbatched - 300) / 300 < 0.25, "unbatched: \(unbatched) msg/s")
        let batched = try Self.fifoThroughput(rate: 6_000, batch: 10)
        #expect(abs(batched - 3_000) / 3_000 < 0.25, "batches of 10: \(batched) msg/s")
    }
}
