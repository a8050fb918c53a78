import Expectations
import MessagingModels
import SimulationKernel

/// Reads a scenario document in stages: decode each section, apply defaults, check ranges
/// and references, then build the model (only when no problem was found).
struct ScenarioReader {
    let diagnostics: Diagnostics

    /// Broker types of the format; `implementedBrokerTypes` are the ones this build runs.
    static let brokerTypes = ["queue", "topic", "stream", "exchange"]
    static let implementedBrokerTypes = ["queue", "topic", "stream", "exchange"]

    /// Broker keys that only a queue takes.
    static let queueOnlyKeys = ["visibilityTimeout", "durable", "deadLetter", "deadLetterExchange", "deadLetterRoutingKey", "delay", "profile",
                                 "deduplication", "consumerTimeout", "shortPollSampling"]

    /// Upper bound on instances of one producer or consumer (keeps a typo from exhausting memory).
    static let maxInstances = 100_000

    func read(_ root: JSONValue, file: String) -> Scenario? {
        guard let top = ObjectReader(root, path: "$", diagnostics: diagnostics) else { return nil }
        _ = top.string("$schema")   // editors may point the file at scenario.schema.json
        if let version = top.value("version") {
            // Any whole number above the supported one, however large, asks for a newer mqlab.
            if case .number(let n) = version, n == n.rounded(), n > Double(Scenario.supportedVersion) {
                top.report("version", "this build reads scenario format versions up to \(Scenario.supportedVersion), found \(diagnostics.brief(version, at: top.path("version"))); upgrade mqlab")
            } else {
                _ = ObjectReader.integer(version, in: 1...Int.max, path: top.path("version"), diagnostics: diagnostics)
            }
        }
        let name = top.string("name", required: true) ?? ""
        let description = top.string("description") ?? ScenarioDefaults.description.value
        let seed = top.integer("seed", in: 0...Scenario.maxSeed) ?? ScenarioDefaults.seed.value
        let duration = top.duration("duration", positive: true)
        let warmup = top.duration("warmup") ?? ScenarioDefaults.warmup.value
        let drainTimeout = top.duration("drainTimeout") ?? ScenarioDefaults.drainTimeout.value
        if let duration, warmup >= duration {
            top.report("warmup", "expected a warm-up shorter than the duration (\(JSONValue.format(duration)) s), found \(JSONValue.format(warmup)) s: nothing would be measured")
        }
        if let duration, duration + drainTimeout > DurationSyntax.maxSeconds {
            top.report("drainTimeout", "expected a drain timeout that ends within the simulation clock's range (duration + drainTimeout ≤ 9e9 s, about 285 years), found \(JSONValue.format(drainTimeout)) s after a duration of \(JSONValue.format(duration)) s")
        }

        var brokerNames: [String] = []
        var brokerNameSet: Set<String> = []
        var queues: [QueueConfiguration] = []
        var streams: [StreamConfiguration] = []
        var brokerReferences: [BrokerReference] = []
        var queuePaths: [String] = []
        var pendingDeadLetters: [(queue: Int, policy: PendingDeadLetter?)] = []
        var pendingBacklogs: [PendingBacklog] = []
        let routing = RoutingContext(directory: BrokerDirectory(brokers: top.fields["brokers"]))
        if let brokers = top.array("brokers", required: true) {
            if brokers.isEmpty { top.report("brokers", "expected at least one broker, found []") }
            // Names first, so a broker may refer to one defined after it (a dead-letter queue).
            let declared = NameIndex(brokers.map { element -> String in
                if case .object(let fields) = element.value, case .string(let name)? = fields["name"] { return name }
                return ""
            })
            for (index, (value, path)) in brokers.enumerated() {
                guard let broker = ObjectReader(value, path: path, diagnostics: diagnostics) else {
                    brokerNames.append("")
                    brokerReferences.append(BrokerReference(name: "", kind: .queue(QueueID(queues.count))))
                    continue
                }
                let brokerName = readName(broker, existing: &brokerNameSet, kind: "broker")
                brokerNames.append(brokerName)
                let type = broker.string("type") ?? ScenarioDefaults.brokerType.value
                if !Self.brokerTypes.contains(type) {
                    broker.report("type", "unknown broker type \"\(type)\"\(Suggestion.didYouMean(type, in: Self.brokerTypes)); expected one of: \(Self.brokerTypes.joined(separator: ", "))")
                } else if !Self.implementedBrokerTypes.contains(type) {
                    broker.report("type", "broker type \"\(type)\" is not available in this version of mqlab yet; available: \(Self.implementedBrokerTypes.joined(separator: ", "))")
                }
                readBrokerRouting(broker, name: brokerName, type: type, context: routing)
                let capacity = readCapacity(broker, type: type, name: brokerName)
                let expiry = readExpiry(broker, type: type, name: brokerName)
                let maxPriority = readMaxPriority(broker, type: type, name: brokerName)
                if let backlog = readInitialBacklog(broker, type: type, name: brokerName, queue: queues.count) {
                    pendingBacklogs.append(backlog)
                }
                let ordering = readOrdering(broker, type: type, name: brokerName)
                if type == "stream" {
                    for key in Self.queueOnlyKeys where key != "profile" && broker.value(key) != nil {
                        broker.report(key, "\"\(key)\" applies to queues; \"\(brokerName)\" is a stream")
                    }
                    brokerReferences.append(BrokerReference(name: brokerName, kind: .stream(StreamID(streams.count))))
                    var stream = readStream(broker, name: brokerName)
                    readStreamProfile(broker, into: &stream)
                    streams.append(stream)
                } else {
                    reportStreamKeys(broker, type: type)
                    if BrokerDirectory.Kind(type: type) == .queue {
                        brokerReferences.append(BrokerReference(name: brokerName, kind: .queue(QueueID(queues.count))))
                        let visibilityTimeout = broker.duration("visibilityTimeout", positive: true)
                        let durable = broker.bool("durable") ?? ScenarioDefaults.durable.value
                        let delay = broker.duration("delay")
                        let profile = readProfile(broker)
                        let deduplication = readDeduplication(broker)
                        let consumerTimeout = readConsumerTimeout(broker, hasVisibilityTimeout: visibilityTimeout != nil)
                        if let policy = broker.object("deadLetter") {
                            pendingDeadLetters.append((queues.count, readDeadLetter(policy, brokers: declared, owner: index)))
                        }
                        let deadLetterExchange = readDeadLetterExchange(broker, context: routing)
                        queuePaths.append(path)
                        var queue = QueueConfiguration(
                            name: brokerName, visibilityTimeout: visibilityTimeout.map(SimDuration.init(seconds:)),
                            durable: durable)
                        queue.deadLetterExchange = deadLetterExchange
                        queue.capacity = capacity
                        queue.messageTTL = expiry.ttl
                        queue.ttlExpiry = expiry.expiry
                        queue.maxPriority = maxPriority
                        queue.ordering = ordering
                        if let delay, delay > 0 { queue.delay = SimDuration(seconds: delay) }
                        queue.profile = profile
                        queue.deduplication = deduplication
                        queue.consumerTimeout = consumerTimeout
                        queue.shortPollSampling = broker.number("shortPollSampling", expectation: "a probability > 0 and ≤ 1", isValid: { $0 > 0 && $0 <= 1 })
                            ?? ScenarioDefaults.shortPollSampling.value
                        queues.append(queue)
                    } else {
                        brokerReferences.append(BrokerReference(name: brokerName, kind: .router))
                        for key in Self.queueOnlyKeys where broker.value(key) != nil {
                            broker.report(key, "\"\(key)\" applies to queues; \"\(brokerName)\" is \(BrokerDirectory.Kind(type: type).article)")
                        }
                    }
                }
                _ = broker.value("technology")  // applied before reading (TechnologyPresets.swift)
                _ = broker.value("claim")       // Redis Streams: becomes the visibility timeout (TechnologyPresets.swift)
                broker.finish()
            }
            resolveDeadLetters(pendingDeadLetters, into: &queues, references: brokerReferences, paths: queuePaths)
            checkDeadLetterCycles(queues, paths: queuePaths)
        }

        var producers: [ProducerConfiguration] = []
        var producerNames: [String] = []
        var producerNameSet: Set<String> = []
        let brokerIndex = NameIndex(brokerNames)
        if let list = top.array("producers", required: true) {
            if list.isEmpty { top.report("producers", "expected at least one producer, found []") }
            for (value, path) in list {
                guard let producer = ObjectReader(value, path: path, diagnostics: diagnostics) else { continue }
                let producerName = readName(producer, existing: &producerNameSet, kind: "producer")
                producerNames.append(producerName)
                let target = reference(producer, key: "publishTo", to: brokerIndex, kind: "broker")
                let arrivals = producer.object("arrivals", required: true).flatMap(readArrivals)
                let count = producer.integer("count", in: 1...Int.max)
                let ownDuration = producer.duration("duration", positive: true)
                if duration == nil, let ownDuration, ownDuration + drainTimeout > DurationSyntax.maxSeconds {
                    producer.report("duration", "expected a duration that, with the drain timeout (\(JSONValue.format(drainTimeout)) s), ends within the simulation clock's range (≤ 9e9 s, about 285 years), found \(JSONValue.format(ownDuration)) s")
                }
                let instances = producer.integer("instances", in: 1...Self.maxInstances) ?? ScenarioDefaults.producerInstances.value
                let message = producer.object("message")
                let poisonFraction = message?.probability("poisonFraction") ?? ScenarioDefaults.poisonFraction.value
                let messageSizeBytes = readMessageSize(message)
                let publishRetry = producer.object("publishRetry").flatMap(readPublishRetry)
                let options = readProducerRouting(producer, message: message, name: producerName, publishTo: target, context: routing)
                let streamTarget = target.flatMap { target -> StreamID? in
                    if case .stream(let id) = brokerReferences[target].kind { return id }
                    return nil
                }
                let plainQueueTarget = target.map { routing.directory.destination(ofBroker: $0).queue != nil } == true
                    && options?.isPlain != false
                let rateLimit = readProducerRateLimit(producer, publishesToQueue: plainQueueTarget)
                let publishTimeouts = readPublishTimeouts(producer, publishesToQueue: plainQueueTarget && streamTarget == nil)
                let batch = readProducerBatch(producer, publishesToQueue: plainQueueTarget && streamTarget == nil,
                                              publishesToStream: streamTarget != nil, rateLimit: rateLimit)
                let messageTTL = readMessageTTL(message, publishesToStream: streamTarget != nil)
                let messageDelay = readMessageDelay(message, publishesToStream: streamTarget != nil)
                let priority = readMessagePriority(message, publishesToStream: streamTarget != nil)
                let (publishing, keys) = readStreamPublishing(producer, message: message, stream: streamTarget, brokerName: target.map { brokerNames[$0] })
                if count == nil && ownDuration == nil && duration == nil
                    && !producer.has("count") && !producer.has("duration") {
                    diagnostics.report(path, "producer \"\(producerName)\" never stops: set \"count\" or \"duration\" on it, or a top-level \"duration\"")
                }
                producer.finish()
                if let target, let arrivals {
                    var configuration = ProducerConfiguration(
                        name: producerName, destination: routing.directory.destination(ofBroker: target), arrivals: arrivals,
                        count: count, duration: ownDuration.map(SimDuration.init(seconds:)), instances: instances)
                    configuration.poisonFraction = poisonFraction
                    configuration.messageSizeBytes = messageSizeBytes
                    configuration.publishRetry = publishRetry
                    configuration.rateLimit = rateLimit
                    configuration.publishTimeouts = publishTimeouts
                    configuration.batch = batch
                    configuration.messageTTL = messageTTL
                    configuration.messageDelay = messageDelay
                    configuration.priority = priority
                    configuration.streamTarget = publishing
                    configuration.keys = keys
                    options?.apply(to: &configuration)
                    producers.append(configuration)
                }
            }
        }

        resolveBacklogs(pendingBacklogs, into: &queues, producers: producers, producerNames: producerNames)

        var consumers: [ConsumerConfiguration] = []
        var consumerNames: [String] = []
        var consumerNameSet: Set<String> = []
        var groups = GroupTable()
        if let list = top.array("consumers") {
            for (value, path) in list {
                guard let consumer = ObjectReader(value, path: path, diagnostics: diagnostics) else { continue }
                let consumerName = readName(consumer, existing: &consumerNameSet, kind: "consumer")
                consumerNames.append(consumerName)
                let source = reference(consumer, key: "consumeFrom", to: brokerIndex, kind: "queue")
                let instances = consumer.integer("instances", in: 1...Self.maxInstances) ?? ScenarioDefaults.consumerInstances.value
                let service = consumer.object("service", required: true).flatMap(readDistribution)
                let prefetch = consumer.integer("prefetch", in: 1...65_535) ?? ScenarioDefaults.prefetch.value
                let ack = consumer.choice("ack", in: AckMode.allCases.map(\.rawValue)).flatMap(AckMode.init(rawValue:)) ?? ScenarioDefaults.ack.value
                let failureRate = consumer.probability("failureRate") ?? ScenarioDefaults.failureRate.value
                let processingTimeout = consumer.duration("processingTimeout", positive: true)
                let retry = consumer.object("retry").flatMap(readRetry)
                let idempotency = consumer.object("idempotency").flatMap(readIdempotency)
                let membership = readMembership(consumer, source: source.map { brokerReferences[$0] }, groups: &groups)
                let rateLimit = readConsumerRateLimit(consumer, isGroupMember: membership != nil)
                let polling = readReceivePolling(consumer, isGroupMember: membership != nil)
                let resequence = readResequence(consumer, isGroupMember: membership != nil)
                let controls = readConsumerControls(consumer, instances: consumer.has("instances") ? instances : nil, isGroupMember: membership != nil)
                let options = readConsumerRouting(consumer, consumeFrom: source, context: routing)
                let lockRenewal = readLockRenewal(consumer, resolved: source != nil, source: source.flatMap { source -> QueueConfiguration? in
                    guard case .queue(let queue) = routing.directory.destination(ofBroker: source), queue.index < queues.count else { return nil }
                    return queues[queue.index]
                })
                consumer.finish()
                if let source, let service, case .queue(let queue) = routing.directory.destination(ofBroker: source) {
                    var configuration = ConsumerConfiguration(
                        name: consumerName, source: queue, instances: instances,
                        service: service, prefetch: prefetch, ack: ack, failureRate: failureRate,
                        processingTimeout: processingTimeout.map(SimDuration.init(seconds:)),
                        retry: retry, idempotency: idempotency)
                    configuration.membership = membership
                    configuration.rateLimit = rateLimit
                    configuration.polling = polling
                    configuration.resequence = resequence
                    configuration.lockRenewal = lockRenewal
                    options?.apply(to: &configuration)
                    controls?.apply(to: &configuration)
                    consumers.append(configuration)
                }
            }
        }
        let (faults, streamFaults) = top.array("faults").map {
            readFaults($0, consumers: consumers, consumerNames: consumerNames, brokers: brokerReferences, streams: streams)
        } ?? ([], [])
        let expectations = top.array("expect").map(readExpectations) ?? []
        _ = top.value("technology")  // applied before reading (TechnologyPresets.swift)
        let sampleEvery = readReportOptions(top)
        top.finish()

        // Built also when only `expect` entries are malformed, so that the others can still be
        // checked against the report's shape (Scenario.decode keeps it in the error).
        let onlyExpectations = diagnostics.omitted == 0 && diagnostics.limitErrors.isEmpty
            && diagnostics.errors.allSatisfy { ScenarioErrors.isExpectation($0.path) }
        guard diagnostics.isEmpty || onlyExpectations else { return nil }
        var model = SystemModel(
            name: name, seed: UInt64(seed), duration: duration.map(SimDuration.init(seconds:)),
            warmup: SimDuration(seconds: warmup), drainTimeout: SimDuration(seconds: drainTimeout),
            queues: queues, topics: routing.topics, exchanges: routing.exchanges, producers: producers,
            consumers: consumers, faults: faults)
        model.streams = streams
        model.consumerGroups = groups.groups
        model.streamFaults = streamFaults
        model.sampleEvery = sampleEvery
        var scenario = Scenario(name: name, description: description, file: file, model: model)
        scenario.expectations = expectations
        return scenario
    }

    /// Reads the required, unique `name` of an entity; adds it to `existing`.
    private func readName(_ reader: ObjectReader, existing: inout Set<String>, kind: String) -> String {
        let name = reader.string("name", required: true) ?? ""
        if !name.isEmpty, !existing.insert(name).inserted {
            reader.report("name", "duplicate \(kind) name \"\(name)\"; \(kind) names must be unique")
        }
        return name
    }

    /// Resolves a reference to a named entity; reports a missing or unknown name.
    private func reference(_ reader: ObjectReader, key: String, to names: NameIndex, kind: String) -> Int? {
        guard let name = reader.string(key, required: true) else { return nil }
        guard let index = names.index(of: name) else {
            reader.report(key, {
                let known = names.nonEmpty
                let list = known.isEmpty ? "; no brokers are defined" : "; brokers: \(NameList.short(known))"
                return "no \(kind) named \"\(name)\"\(Suggestion.didYouMean(name, in: known))\(list)"
            }())
            return nil
        }
        return index
    }
}
