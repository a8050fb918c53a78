import Foundation
import Technologies

/// Maps a workload written in technology-neutral terms (generic queues, topics, streams and
/// exchanges) onto one technology's native shape, saying how — or why it cannot.
///
/// The producers, their arrivals and keys, and the consumers' names, instance counts and
/// service times never change, so every technology sees the same workload (and, with the
/// same seed, the same arrival and service draws: common random numbers).
///
/// Shapes, after each technology's documentation:
/// - a competing-consumer queue stays a queue on RabbitMQ, SQS, Azure Storage Queue, Service
///   Bus and Redis Streams (a group's pending-entries list); on Kafka and RabbitMQ streams it
///   becomes a stream with one partition per consumer instance read by one consumer group,
///   so parallelism is capped at the partition count
///   (https://kafka.apache.org/documentation/#intro_concepts_and_terms);
/// - a fan-out topic becomes an SNS topic with SQS subscriptions
///   (https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html), a RabbitMQ
///   fanout exchange with a queue per subscriber, Service Bus topic subscriptions, or one
///   Kafka consumer group per subscriber; SQS alone and Azure Storage Queue have no fan-out.
public enum TechnologyMapping {
    /// A workload in one technology's shape: the scenario document to read, and what changed.
    public struct Mapped: Sendable {
        public var document: Data
        public var notes: [String]
        /// Workload queues that became a stream read by one consumer group (Kafka, RabbitMQ
        /// streams), by queue name: where their backlog is now (the group's lag).
        public var queuesAsGroups: [String: BacklogSource] = [:]
    }

    /// Where a workload queue's or stream group's backlog is in a mapped scenario's report: a
    /// queue's depth (`group` nil) or a stream group's lag.
    public struct BacklogSource: Sendable, Equatable {
        public var broker: String
        public var group: String?
    }

    /// Why a technology cannot run a workload as written.
    public struct Unsupported: Error, Sendable, Equatable {
        public var reason: String
    }

    /// `document` (a scenario's JSON object) on `technology`.
    public static func map(_ document: [String: Any], to technology: Technology) -> Result<Mapped, Unsupported> {
        var root = document
        var notes: [String] = []
        root.removeValue(forKey: "technology")
        root.removeValue(forKey: "expect")
        var brokers = (root["brokers"] as? [[String: Any]]) ?? []
        var consumers = (root["consumers"] as? [[String: Any]]) ?? []
        var producers = (root["producers"] as? [[String: Any]]) ?? []
        let typeOf: ([String: Any]) -> String = { ($0["type"] as? String) ?? "queue" }
        let topics = brokers.filter { typeOf($0) == "topic" }
        let streams = brokers.filter { typeOf($0) == "stream" }
        let exchanges = brokers.filter { typeOf($0) == "exchange" }
        let subscriptionQueues = Set(topics.flatMap { (($0["subscriptions"] as? [[String: Any]]) ?? []).compactMap { $0["queue"] as? String } })
        let produced = Set(producers.compactMap { $0["publishTo"] as? String })
        let plainQueues = brokers.filter { typeOf($0) == "queue" && produced.contains(($0["name"] as? String) ?? "") }
        func unsupported(_ reason: String) -> Result<Mapped, Unsupported> { .failure(Unsupported(reason: reason)) }
        func tag(_ broker: inout [String: Any], _ name: Technology) { broker["technology"] = name.rawValue }
        var groupsOfQueues: [String: (stream: String, group: String)] = [:]

        if !exchanges.isEmpty, ![.rabbitmqClassic, .rabbitmqQuorum].contains(technology) {
            return unsupported("exchanges (routing by binding) are RabbitMQ's; \(technology.rawValue) has none")
        }
        switch technology {
        case .rabbitmqClassic, .rabbitmqQuorum:
            if !streams.isEmpty { return unsupported("a replayable stream is not a RabbitMQ queue: compare rabbitmq-stream") }
            brokers = brokers.map { broker in
                var broker = broker
                if typeOf(broker) == "topic" {
                    let subscriptions = (broker["subscriptions"] as? [[String: Any]]) ?? []
                    if subscriptions.contains(where: { $0["filter"] != nil }) {
                        notes.append("topic \(broker["name"] ?? "") → fanout exchange: subscription filters dropped (a fanout exchange copies every message; use a headers exchange to filter)")
                    } else {
                        notes.append("topic \(broker["name"] ?? "") → fanout exchange with a queue per subscriber")
                    }
                    broker = ["name": broker["name"] ?? "", "type": "exchange", "exchangeType": "fanout",
                              "bindings": subscriptions.map { ["queue": $0["queue"] ?? ""] }]
                }
                tag(&broker, technology)
                return broker
            }
            notes.append("queues → \(technology == .rabbitmqQuorum ? "quorum" : "classic") queues, pushed to consumers with prefetch")
            if technology == .rabbitmqClassic, brokers.contains(where: { (($0["deadLetter"] as? [String: Any])?["maxReceiveCount"]) != nil }) {
                // https://www.rabbitmq.com/docs/quorum-queues#poison-message-handling
                notes.append("classic queues have no delivery limit (quorum queues do): dead-lettering after maxReceiveCount receives stands for a consumer that counts redeliveries and rejects without requeue")
            }
        case .sqsStandard, .sqsFIFO, .azureStorageQueue:
            if !topics.isEmpty {
                return unsupported(technology == .azureStorageQueue
                    ? "Azure Storage Queue has no fan-out (no topics or subscriptions): compare azure-service-bus"
                    : "an SQS queue has no fan-out: compare sns (an SNS topic with SQS subscriptions)")
            }
            if !streams.isEmpty { return unsupported("\(technology.rawValue) keeps no replayable log (no streams): compare kafka") }
            brokers = brokers.map { var broker = $0; tag(&broker, technology); return broker }
            notes.append("queues → \(technology.rawValue) queues, polled by consumers")
            if technology != .azureStorageQueue, Self.longPoll(&consumers) {
                notes.append("consumers long-poll (receiveWait 20 s, AWS's recommendation) with receive batches of their prefetch (up to 10): no false empty receives, one empty receive per 20 s of idleness")
            }
            if technology != .azureStorageQueue, consumers.contains(where: { $0["prefetch"] == nil }) {
                // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
                notes.append("consumers without prefetch receive one message per call (ReceiveMessage's MaxNumberOfMessages defaults to 1) and wait for each receive and delete: set prefetch (up to 10) to receive in batches")
            }
            if technology == .sqsFIFO, !producers.contains(where: { (($0["message"] as? [String: Any])?["keys"]) != nil }) {
                notes.append("no message keys: every message is in one message group, so they are processed one at a time (give producers keys for parallel groups)")
            }
        case .sns:
            guard !topics.isEmpty else {
                return unsupported("SNS delivers to subscribers and keeps no queue of its own for workers: compare sqs-standard")
            }
            if !streams.isEmpty { return unsupported("SNS keeps no replayable log: compare kafka") }
            brokers = brokers.map { broker in
                var broker = broker
                tag(&broker, typeOf(broker) == "topic" ? .sns : .sqsStandard)
                return broker
            }
            notes.append("topics → SNS topics; their subscription queues and other queues → SQS standard queues")
            if Self.longPoll(&consumers) {
                notes.append("SQS consumers long-poll (receiveWait 20 s, AWS's recommendation) with receive batches of their prefetch (up to 10)")
            }
        case .azureServiceBus:
            if !streams.isEmpty { return unsupported("Service Bus keeps no replayable log (no streams): compare kafka") }
            brokers = brokers.map { var broker = $0; tag(&broker, technology); return broker }
            notes.append("queues → Service Bus queues, topics → Service Bus topics with subscriptions")
        case .redisStreams:
            if !topics.isEmpty {
                return unsupported("fan-out to several groups of competing consumers is not modelled for Redis Streams (a group's competing consumers are modelled as a queue, which does not fan out)")
            }
            brokers = brokers.map { var broker = $0; tag(&broker, technology); return broker }
            if !plainQueues.isEmpty { notes.append("queues → a Redis stream read by one consumer group (pending entries list, XACK)") }
            if !streams.isEmpty { notes.append("streams → Redis streams, their consumer groups unchanged") }
        case .kafka, .rabbitmqStream:
            var result: [[String: Any]] = []
            var groupOf: [String: (stream: String, group: String)] = [:]
            for broker in brokers {
                let name = (broker["name"] as? String) ?? ""
                switch typeOf(broker) {
                case "stream":
                    var broker = broker
                    tag(&broker, technology)
                    result.append(broker)
                    notes.append("stream \(name) → a \(technology == .kafka ? "Kafka topic" : "RabbitMQ stream") with the same partitions and consumer groups")
                case "topic":
                    let subscriptions = (broker["subscriptions"] as? [[String: Any]]) ?? []
                    var partitions = 1
                    for subscription in subscriptions {
                        guard let queue = subscription["queue"] as? String else { continue }
                        groupOf[queue] = (name, (subscription["name"] as? String) ?? queue)
                        partitions = max(partitions, Self.instances(reading: queue, in: consumers))
                    }
                    if subscriptions.contains(where: { $0["filter"] != nil }) {
                        notes.append("topic \(name): subscription filters dropped (each group reads every record and skips what it does not want)")
                    }
                    result.append(["name": name, "type": "stream", "partitions": partitions, "technology": technology.rawValue])
                    notes.append("topic \(name) → a stream of \(partitions) partitions with one consumer group per subscriber")
                default:
                    if subscriptionQueues.contains(name) { continue }
                    if !plainQueues.contains(where: { ($0["name"] as? String) == name }) {
                        // A queue nothing publishes to (a dead-letter queue): no counterpart.
                        notes.append("queue \(name) dropped: \(technology.rawValue) has no per-message dead-letter queue")
                        continue
                    }
                    let partitions = max(1, Self.instances(reading: name, in: consumers))
                    let dropped = broker.keys.filter { !["name", "type"].contains($0) }.sorted()
                    result.append(["name": name, "type": "stream", "partitions": partitions, "technology": technology.rawValue])
                    groupOf[name] = (name, name)
                    notes.append("queue \(name) → a stream of \(partitions) partitions (one per consumer instance) and one consumer group"
                        + (dropped.isEmpty ? "" : "; queue keys dropped: \(dropped.joined(separator: ", "))"))
                }
            }
            brokers = result
            groupsOfQueues = groupOf
            // Producer send batches stay: on a stream a producer batches per partition.
            let memberKeys: Set<String> = ["name", "consumeFrom", "instances", "service", "group", "joinAt", "leaveAt",
                                           "assignor", "commit", "autoCommitInterval", "rebalanceDelay", "maxPollInterval", "startAt"]
            var droppedKeys = Set<String>()
            consumers = consumers.compactMap { consumer in
                guard let source = consumer["consumeFrom"] as? String else { return consumer }
                guard let (stream, group) = groupOf[source] else {
                    // It reads a dropped dead-letter queue, or already a stream.
                    return result.contains(where: { ($0["name"] as? String) == source }) ? consumer : nil
                }
                var member = consumer.filter { memberKeys.contains($0.key) }
                droppedKeys.formUnion(consumer.keys.filter { !memberKeys.contains($0) })
                member["consumeFrom"] = stream
                member["group"] = group
                return member
            }
            if !droppedKeys.isEmpty {
                notes.append("consumer keys with no stream counterpart dropped: \(droppedKeys.sorted().joined(separator: ", "))")
            }
        }
        root["brokers"] = brokers
        root["consumers"] = consumers
        if root["producers"] != nil { root["producers"] = producers }
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]) else {
            return unsupported("the mapped scenario could not be written as JSON")
        }
        return .success(Mapped(document: data, notes: notes,
                               queuesAsGroups: groupsOfQueues.mapValues { BacklogSource(broker: $0.stream, group: $0.group) }))
    }

    /// Makes the SQS consumers among `consumers` (every queue consumer: SQS has nothing else)
    /// long-poll as AWS recommends, `"receiveWait": "20s"`, unless they set their own receive
    /// keys, and receive in batches of their prefetch (at most 10, MaxNumberOfMessages) unless
    /// they set `batch`. Returns whether any consumer changed.
    /// - Note: Source: Amazon SQS Developer Guide, "Setting-up long polling"
    ///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-setting-up-long-polling.html:
    ///   "in most cases, you can set the ReceiveMessage wait time to 20 seconds").
    static func longPoll(_ consumers: inout [[String: Any]]) -> Bool {
        var changed = false
        for index in consumers.indices {
            var consumer = consumers[index]
            guard consumer["consumeFrom"] is String, consumer["group"] == nil,
                  ["receiveWait", "pollInterval", "maxPollBackoff"].allSatisfy({ consumer[$0] == nil }) else { continue }
            consumer["receiveWait"] = "20s"
            if consumer["batch"] == nil, let prefetch = (consumer["prefetch"] as? NSNumber)?.intValue, prefetch > 1 {
                consumer["batch"] = ["maxMessages": min(prefetch, 10)]
            }
            consumers[index] = consumer
            changed = true
        }
        return changed
    }

    /// Consumer instances reading `queue` (1 for a consumer without `instances`).
    static func instances(reading queue: String, in consumers: [[String: Any]]) -> Int {
        consumers.filter { $0["consumeFrom"] as? String == queue }
            .reduce(0) { $0 + (($1["instances"] as? NSNumber)?.intValue ?? 1) }
    }
}
