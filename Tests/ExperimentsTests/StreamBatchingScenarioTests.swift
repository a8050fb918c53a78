import Foundation
import Testing
@testable import Experiments
import Reporting
import ScenarioFormat
import Technologies
import MessagingModels
import SimulationKernel

/// Stream producer batches and brokers sharing the partitions' load, from scenario files:
/// the keys' errors, the Kafka preset's defaults, the report, determinism.
@Suite struct StreamBatchingScenarioTests {
    typealias S = Snippet

    static let stream = #"{"name": "events", "type": "stream", "partitions": 4}"#
    static let member = S.consumer(consumeFrom: "events", #""group": "g""#)

    static func document(stream: String = Self.stream, producer: String = #""count": 10"#) -> String {
        S.document(brokers: stream, producers: S.producer(publishTo: "events", producer), consumers: member)
    }

    static let bad: [BadInput] = [
        BadInput("brokers without a broker rate",
                 document(stream: #"{"name": "events", "type": "stream", "profile": {"messagesPerSecond": 10, "brokers": 3}}"#),
                 "$.brokers[0].profile.brokers", "set \"brokerMessagesPerSecond\" or \"brokerBytesPerSecond\""),
        BadInput("zero brokers",
                 document(stream: #"{"name": "events", "type": "stream", "profile": {"brokers": 0, "brokerMessagesPerSecond": 10}}"#),
                 "$.brokers[0].profile.brokers", "expected an integer ≥ 1, found 0"),
        BadInput("a misspelt broker rate",
                 document(stream: #"{"name": "events", "type": "stream", "profile": {"brokerMessagesPerSecnd": 10}}"#),
                 "$.brokers[0].profile.brokerMessagesPerSecnd", "did you mean \"brokerMessagesPerSecond\""),
        BadInput("a broker byte rate of zero",
                 document(stream: #"{"name": "events", "type": "stream", "profile": {"brokerBytesPerSecond": 0}}"#),
                 "$.brokers[0].profile.brokerBytesPerSecond", "from 1 to 1e15", "found 0"),
        BadInput("an ingress unit on a stream without a message rate",
                 document(stream: #"{"name": "events", "type": "stream", "profile": {"brokerBytesPerSecond": 1000, "ingressUnit": "calls"}}"#),
                 "$.brokers[0].profile.ingressUnit", "set one of them too"),
        BadInput("a queue's latency on a stream profile",
                 document(stream: #"{"name": "events", "type": "stream", "profile": {"brokerMessagesPerSecond": 10, "publishLatency": {"constant": "1ms"}}}"#),
                 "$.brokers[0].profile.publishLatency", "applies to a queue's profile", "\"brokers\""),
        BadInput("brokers on a queue's profile",
                 S.document(brokers: #"{"name": "jobs", "profile": {"messagesPerSecond": 10, "brokers": 3}}"#),
                 "$.brokers[0].profile.brokers", "unknown key"),
    ]

    @Test("each bad stream capacity key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func streamProfileAndBatchKeysReadIntoTheModel() throws {
        let json = Self.document(
            stream: #"{"name": "events", "type": "stream", "partitions": 4, "profile": {"messagesPerSecond": 100, "brokers": 2, "brokerBytesPerSecond": 5000, "ingressUnit": "calls"}}"#,
            producer: #""count": 10, "batch": {"maxBytes": 1000, "linger": "5ms"}, "message": {"sizeBytes": 100}"#)
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        let stream = model.streams[0]
        #expect(stream.capacity?.messagesPerSecond == 100 && stream.ingressUnit == .calls)
        #expect(stream.brokers?.count == 2 && stream.brokers?.capacity.bytesPerSecond == 5000 && stream.brokers?.capacity.messagesPerSecond == nil)
        let batch = try #require(model.producers[0].batch)
        #expect(batch.maxBytes == 1000 && batch.maxMessages == nil && batch.linger.seconds == 0.005)
        #expect(batch.limit(sizeBytes: 100) == 10)
        // Broker rates alone: one broker.
        let single = try Scenario.decode(Data(Self.document(stream: #"{"name": "events", "type": "stream", "profile": {"brokerMessagesPerSecond": 10}}"#).utf8), file: "s.json")
        #expect(single.model.streams[0].brokers?.count == 1 && single.model.streams[0].capacity == nil)
    }

    @Test func kafkaFillsBrokersAndABatchsDefaults() throws {
        let json = Self.document(stream: #"{"name": "events", "type": "stream", "technology": "kafka", "partitions": 6}"#,
                                 producer: #""count": 10, "batch": {}"#)
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        let brokers = try #require(model.streams[0].brokers)
        #expect(brokers.count == 3 && brokers.capacity.messagesPerSecond == 674_677 && brokers.capacity.bytesPerSecond == 67_467_733)
        #expect(model.streams[0].capacity == nil)
        #expect(model.producers[0].batch == ProducerBatching(maxMessages: nil, maxBytes: 16_384, linger: SimDuration(seconds: 0.005)))
        // A producer without "batch" sends each record at once.
        let unbatched = try Scenario.decode(Data(Self.document(stream: #"{"name": "events", "type": "stream", "technology": "kafka"}"#).utf8), file: "s.json")
        #expect(unbatched.model.producers[0].batch == nil)
    }

    static let busy = """
    {"name": "batched-stream", "seed": 3, "duration": "2s",
     "brokers": [{"name": "events", "type": "stream", "partitions": 5, "partitioner": "roundRobin",
                  "profile": {"brokers": 2, "brokerMessagesPerSecond": 3000, "messagesPerSecond": 2000}}],
     "producers": [{"name": "p", "publishTo": "events", "instances": 2, "arrivals": {"poisson": {"rate": 4000}},
                    "message": {"keys": {"count": 50}, "sizeBytes": 200}, "batch": {"maxBytes": 2000, "linger": "20ms"}}],
     "consumers": [{"name": "c", "consumeFrom": "events", "group": "g", "commit": "afterProcessing", "instances": 5,
                    "service": {"exponential": {"mean": "100us"}}}]}
    """

    @Test func aBatchedStreamOnSharedBrokersBalancesAndRepeatsByteForByte() throws {
        let scenario = try Scenario.decode(Data(Self.busy.utf8), file: "busy.json")
        let first = Runner.run(scenario).report
        let second = Runner.run(scenario).report
        let (a, b) = (try JSONRenderer().render([first]), try JSONRenderer().render([second]))
        #expect(a == b)
        #expect(first.ledger.balanced)
        let profile = try #require(first.brokers["events"]?.profile)
        // Brokers 0 and 1 lead partitions {0, 2, 4} and {1, 3}: of the 8,000 records/s sent
        // round-robin, broker 0 takes 4,800/s (past its 3,000: saturated, its partitions lag
        // by more than a second) and broker 1 3,200/s (in batches, each within its 2,000/s).
        let brokers = try #require(profile.brokers)
        #expect(brokers.map(\.partitions) == [3, 2])
        #expect(brokers[0].utilization > 0.9 && brokers[1].utilization > 0.5 && brokers[1].utilization < 0.8)
        #expect(profile.brokerMessagesPerSecond == 3000 && profile.messagesPerSecond == 2000 && profile.waited > 0)
        let lag = try #require(first.brokers["events"]?.partitions).map { $0.lagSeconds["g"]?.max ?? 0 }
        #expect(lag[0] > 1 && lag[1] < 0.5 && lag[2] > 1)
        let batching = try #require(first.producers?["p"]?.batching)
        #expect(batching.batches > 0 && batching.meanSize > 1 && batching.meanSize <= 10)
    }

    @Test func eachBrokersUtilizationIsAMetricExpectationsCanName() throws {
        let model = try Scenario.decode(Data(Self.busy.utf8), file: "busy.json").model
        let catalog = Report.metricCatalog(for: model)
        let paths = Set(catalog.paths.map(\.text))
        #expect(paths.contains("brokers.events.profile.brokers[1].utilization"))
        #expect(paths.contains("brokers.events.profile.brokers[0].partitions"))
        #expect(!paths.contains("brokers.events.profile.brokers[2].utilization"))
    }
}
