import Foundation
import Testing
import Technologies
@testable import Experiments

/// How a technology-neutral workload is put into each technology's shape: what changes, what
/// stays (producers, consumer names, instances and service times: the common random numbers
/// depend on it), and what cannot be expressed.
@Suite struct TechnologyMappingTests {
    static var queue: [String: Any] { [
        "name": "w", "seed": 1, "duration": "1m",
        "brokers": [["name": "jobs", "type": "queue", "deadLetter": ["queue": "jobs-dlq", "maxReceiveCount": 3]],
                    ["name": "jobs-dlq", "type": "queue"]],
        "producers": [["name": "web", "publishTo": "jobs", "arrivals": ["poisson": ["rate": 10]]]],
        "consumers": [["name": "workers", "consumeFrom": "jobs", "instances": 3, "prefetch": 10,
                       "service": ["constant": "10ms"]],
                      ["name": "extra", "consumeFrom": "jobs", "service": ["constant": "10ms"]]],
    ] }

    static var fanout: [String: Any] { [
        "name": "f", "seed": 1, "duration": "1m",
        "brokers": [["name": "events", "type": "topic", "subscriptions": [["name": "email", "queue": "email-q"],
                                                                          ["name": "sms", "queue": "sms-q"]]],
                    ["name": "email-q"], ["name": "sms-q"]],
        "producers": [["name": "api", "publishTo": "events", "arrivals": ["poisson": ["rate": 10]]]],
        "consumers": [["name": "mailers", "consumeFrom": "email-q", "instances": 4, "service": ["constant": "10ms"]],
                      ["name": "texters", "consumeFrom": "sms-q", "instances": 2, "service": ["constant": "10ms"]]],
    ] }

    static func mapped(_ document: [String: Any], _ technology: Technology) throws -> (root: [String: Any], notes: [String]) {
        let result = try TechnologyMapping.map(document, to: technology).get()
        let root = try #require(try JSONSerialization.jsonObject(with: result.document) as? [String: Any])
        return (root, result.notes)
    }

    static func brokers(_ root: [String: Any]) -> [[String: Any]] { (root["brokers"] as? [[String: Any]]) ?? [] }
    static func consumers(_ root: [String: Any]) -> [[String: Any]] { (root["consumers"] as? [[String: Any]]) ?? [] }

    @Test func aQueueStaysAQueueOnQueueServicesTaggedWithItsTechnology() throws {
        for technology in [Technology.rabbitmqClassic, .rabbitmqQuorum, .sqsStandard, .sqsFIFO, .azureStorageQueue, .azureServiceBus, .redisStreams] {
            let (root, notes) = try Self.mapped(Self.queue, technology)
            #expect(Self.brokers(root).map { $0["type"] as? String } == ["queue", "queue"], "\(technology)")
            #expect(Self.brokers(root).allSatisfy { $0["technology"] as? String == technology.rawValue })
            #expect(Self.consumers(root).count == 2 && Self.consumers(root)[0]["prefetch"] as? Int == 10)
            #expect(!notes.isEmpty)
        }
    }

    @Test func onKafkaAQueueBecomesAStreamWithAPartitionPerConsumerInstanceAndOneGroup() throws {
        let (root, notes) = try Self.mapped(Self.queue, .kafka)
        let brokers = Self.brokers(root)
        // The dead-letter queue has no Kafka counterpart and goes, saying so.
        #expect(brokers.count == 1)
        #expect(brokers[0]["type"] as? String == "stream" && brokers[0]["partitions"] as? Int == 4)
        #expect(brokers[0]["technology"] as? String == "kafka")
        let consumers = Self.consumers(root)
        #expect(consumers.map { $0["name"] as? String } == ["workers", "extra"])
        #expect(consumers.allSatisfy { $0["group"] as? String == "jobs" && $0["consumeFrom"] as? String == "jobs" })
        #expect(consumers[0]["instances"] as? Int == 3 && consumers[0]["prefetch"] == nil)
        #expect(notes.contains { $0.contains("jobs-dlq dropped") })
        #expect(notes.contains { $0.contains("deadLetter") && $0.contains("4 partitions") })
        #expect(notes.contains { $0.contains("prefetch") })
        // The producer is untouched: same arrivals on every row.
        let producer = NSDictionary(dictionary: (root["producers"] as? [[String: Any]])?.first ?? [:])
        #expect(producer.isEqual(to: (Self.queue["producers"] as? [[String: Any]])?.first ?? [:]))
    }

    @Test func aFanOutTopicTakesEachTechnologysNativeShape() throws {
        let (sns, _) = try Self.mapped(Self.fanout, .sns)
        #expect(Self.brokers(sns).map { $0["technology"] as? String } == ["sns", "sqs-standard", "sqs-standard"])

        let (rabbit, _) = try Self.mapped(Self.fanout, .rabbitmqClassic)
        let exchange = Self.brokers(rabbit)[0]
        #expect(exchange["type"] as? String == "exchange" && exchange["exchangeType"] as? String == "fanout")
        #expect((exchange["bindings"] as? [[String: Any]])?.compactMap { $0["queue"] as? String } == ["email-q", "sms-q"])

        let (kafka, notes) = try Self.mapped(Self.fanout, .kafka)
        // One stream sized for the largest group; one group per subscriber.
        #expect(Self.brokers(kafka).count == 1 && Self.brokers(kafka)[0]["partitions"] as? Int == 4)
        #expect(Self.consumers(kafka).map { $0["group"] as? String } == ["email", "sms"])
        #expect(Self.consumers(kafka).allSatisfy { $0["consumeFrom"] as? String == "events" })
        #expect(notes.contains { $0.contains("one consumer group per subscriber") })

        let (bus, _) = try Self.mapped(Self.fanout, .azureServiceBus)
        #expect(Self.brokers(bus)[0]["type"] as? String == "topic")
    }

    @Test func whatATechnologyCannotExpressIsARowWithTheReason() {
        func reason(_ document: [String: Any], _ technology: Technology) -> String? {
            if case .failure(let unsupported) = TechnologyMapping.map(document, to: technology) { return unsupported.reason }
            return nil
        }
        #expect(reason(Self.fanout, .azureStorageQueue)?.contains("no fan-out") == true)
        #expect(reason(Self.fanout, .sqsStandard)?.contains("compare sns") == true)
        #expect(reason(Self.queue, .sns)?.contains("compare sqs-standard") == true)
        var exchange = Self.queue
        exchange["brokers"] = [["name": "x", "type": "exchange", "exchangeType": "direct", "bindings": []]]
        #expect(reason(exchange, .kafka)?.contains("exchanges") == true)
        var stream = Self.queue
        stream["brokers"] = [["name": "s", "type": "stream", "partitions": 2]]
        #expect(reason(stream, .sqsStandard)?.contains("no replayable log") == true)
        #expect(reason(stream, .rabbitmqClassic)?.contains("rabbitmq-stream") == true)
        #expect(reason(stream, .kafka) == nil)
    }
}
