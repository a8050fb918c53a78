import MessagingModels
import SimulationKernel

/// A dead-letter target read before every broker was known.
struct PendingDeadLetter {
    var broker: Int
    var name: String
    var maxReceiveCount: Int?
    var path: String
}

/// Keys of delivery semantics and failure handling: dead-letter queues, retries,
/// idempotency, poison messages, publish retries and scripted faults.
extension ScenarioReader {
    /// `"deadLetter": {"queue": "jobs-dlq", "maxReceiveCount": 3}` on broker number `owner`;
    /// the target is resolved to a queue once every broker is known (`resolveDeadLetters`).
    func readDeadLetter(_ reader: ObjectReader, brokers: NameIndex, owner: Int) -> PendingDeadLetter? {
        defer { reader.finish() }
        let limit = reader.integer("maxReceiveCount", in: 1...1000)
        guard let name = reader.string("queue", required: true) else { return nil }
        guard let index = brokers.index(of: name) else {
            reader.report("queue", "no queue named \"\(name)\"\(Suggestion.didYouMean(name, in: brokers.nonEmpty)); brokers: \(NameList.short(brokers.nonEmpty))")
            return nil
        }
        guard index != owner else {
            reader.report("queue", "a queue cannot be its own dead-letter queue (\"\(name)\")")
            return nil
        }
        return PendingDeadLetter(broker: index, name: name, maxReceiveCount: limit, path: reader.path("queue"))
    }

    /// `"deadLetterExchange": "dlx", "deadLetterRoutingKey": "failed.orders"` on a queue
    /// (RabbitMQ's x-dead-letter-exchange and x-dead-letter-routing-key).
    func readDeadLetterExchange(_ queue: ObjectReader, context: RoutingContext) -> DeadLetterExchange? {
        let routingKey = queue.string("deadLetterRoutingKey")
        guard let name = queue.string("deadLetterExchange") else {
            if routingKey != nil { queue.report("deadLetterRoutingKey", "\"deadLetterRoutingKey\" needs a \"deadLetterExchange\"") }
            return nil
        }
        if queue.has("deadLetter") {
            queue.report("deadLetterExchange", "set either \"deadLetter\" (a dead-letter queue) or \"deadLetterExchange\", not both")
            return nil
        }
        guard let entry = context.directory.entry(named: name), entry.kind == .exchange else {
            queue.report("deadLetterExchange", {
                let exchanges = context.directory.names(of: .exchange)
                let what = context.directory.entry(named: name) == nil ? "no exchange named \"\(name)\"" : "\"\(name)\" is not an exchange"
                return "\(what)\(Suggestion.didYouMean(name, in: exchanges)); exchanges: \(exchanges.isEmpty ? "none" : NameList.short(exchanges))"
            }())
            return nil
        }
        return DeadLetterExchange(exchange: ExchangeID(entry.index), routingKey: routingKey)
    }

    /// Turns dead-letter targets (broker indices) into queue ids; a target that is not a
    /// queue is reported.
    func resolveDeadLetters(_ pending: [(queue: Int, policy: PendingDeadLetter?)], into queues: inout [QueueConfiguration],
                            references: [BrokerReference], paths: [String]) {
        for (queue, policy) in pending {
            guard let policy, policy.broker < references.count else { continue }
            guard case .queue(let target) = references[policy.broker].kind else {
                // Dead-lettering into an exchange (RabbitMQ's DLX) is not modelled yet.
                diagnostics.report(policy.path, "\"\(policy.name)\" is not a queue; a dead-letter queue must be a queue")
                continue
            }
            queues[queue].deadLetter = DeadLetterPolicy(queue: target, maxReceiveCount: policy.maxReceiveCount)
        }
    }

    /// Reports dead-letter chains that loop (A → B → A): a message would bounce for ever.
    func checkDeadLetterCycles(_ queues: [QueueConfiguration], paths: [String]) {
        guard queues.count == paths.count else { return }
        // Each queue has at most one dead-letter target, so the chains form a functional
        // graph: walk each queue's chain once, stopping at a queue already walked, and mark
        // the queues of any cycle found (O(n), where restarting the walk from every queue
        // took O(n²) on one long chain).
        var position = [Int?](repeating: nil, count: queues.count)   // index on the current walk
        var walked = [Bool](repeating: false, count: queues.count)
        var onCycle = [Bool](repeating: false, count: queues.count)
        for start in queues.indices where !walked[start] {
            var path: [Int] = []
            var current: Int? = start
            while let node = current, !walked[node] {
                if let first = position[node] {
                    for member in path[first...] { onCycle[member] = true }
                    break
                }
                position[node] = path.count
                path.append(node)
                current = queues[node].deadLetter.map(\.queue.index).flatMap { $0 < queues.count ? $0 : nil }
            }
            for node in path { walked[node] = true; position[node] = nil }
        }
        for start in queues.indices where onCycle[start] {
            diagnostics.report(paths[start] + ".deadLetter.queue", "dead-letter queues form a cycle through \"\(queues[start].name)\"; a dead-letter chain must end in a queue without deadLetter")
        }
    }

    /// `"publishRetry": {"interval": "1s"}`.
    func readPublishRetry(_ reader: ObjectReader) -> PublishRetry? {
        defer { reader.finish() }
        return reader.duration("interval", required: true, positive: true).map { PublishRetry(interval: SimDuration(seconds: $0)) }
    }

    /// `"idempotency": {"window": "10m", "claim": "atEnd" | "atStart"}` (claim default `atEnd`).
    func readIdempotency(_ reader: ObjectReader) -> IdempotencyPolicy? {
        defer { reader.finish() }
        let claim = reader.choice("claim", in: IdempotencyPolicy.Claim.allCases.map(\.rawValue)).flatMap(IdempotencyPolicy.Claim.init(rawValue:)) ?? ScenarioDefaults.idempotencyClaim.value
        return reader.duration("window", required: true, positive: true).map { IdempotencyPolicy(window: SimDuration(seconds: $0), claim: claim) }
    }

    /// `"retry": {"maxAttempts": 5, "backoff": {"constant": "1s"} | {"exponential": {"initial":
    /// "100ms", "multiplier": 2, "max": "10s"}} | "none", "jitter": "none" | "full" | "equal"}`.
    func readRetry(_ reader: ObjectReader) -> RetryPolicy? {
        defer { reader.finish() }
        let maxAttempts = reader.integer("maxAttempts", in: 1...10_000, required: true)
        let jitter = reader.choice("jitter", in: RetryPolicy.Jitter.allCases.map(\.rawValue)).flatMap(RetryPolicy.Jitter.init(rawValue:)) ?? ScenarioDefaults.retryJitter.value
        var backoff = RetryPolicy.Backoff.none
        if let value = reader.value("backoff") {
            let path = reader.path("backoff")
            if case .string(let text) = value {
                if text != "none" { diagnostics.report(path, "expected \"none\", {\"constant\": D} or {\"exponential\": {…}}, found \(value.brief)") }
            } else if let object = ObjectReader(value, path: path, diagnostics: diagnostics) {
                guard let parsed = readBackoff(object) else { return nil }
                backoff = parsed
            } else {
                return nil
            }
        }
        guard let maxAttempts else { return nil }
        return RetryPolicy(maxAttempts: maxAttempts, backoff: backoff, jitter: jitter)
    }

    private func readBackoff(_ reader: ObjectReader) -> RetryPolicy.Backoff? {
        let kinds = ["constant", "exponential"]
        let keys = reader.fields.keys.sorted()
        guard keys.count == 1, let kind = keys.first else {
            diagnostics.report(reader.path, "expected a backoff with exactly one key (constant or exponential), found \(keys.isEmpty ? "{}" : "keys " + keys.joined(separator: ", "))")
            return nil
        }
        guard kinds.contains(kind) else {
            reader.report(kind, "unknown backoff \"\(kind)\"\(Suggestion.didYouMean(kind, in: kinds)); expected one of: constant, exponential")
            return nil
        }
        if kind == "constant" {
            return reader.duration("constant", required: true).map { .constant(SimDuration(seconds: $0)) }
        }
        guard let parameters = reader.object("exponential") else { return nil }
        defer { parameters.finish() }
        let initial = parameters.duration("initial", required: true, positive: true)
        let multiplier = parameters.number("multiplier", expectation: "a multiplier ≥ 1", isValid: { $0 >= 1 && $0 <= 1000 }) ?? ScenarioDefaults.retryMultiplier.value
        let cap = parameters.duration("max", positive: true)
        guard let initial else { return nil }
        let maximum = cap ?? max(initial, 3600)
        if maximum < initial {
            parameters.report("max", "expected max ≥ initial (\(JSONValue.format(initial)) s), found \(JSONValue.format(maximum)) s")
            return nil
        }
        return .exponential(initial: SimDuration(seconds: initial), multiplier: multiplier, max: SimDuration(seconds: maximum))
    }

    /// `"faults": [{"at": "2m", "crash": "workers", "instance": 0, "restartAfter": "30s"},
    /// {"at": "5m", "crash": "jobs", "restartAfter": "10s"}, {"at": "90s", "crash": "events",
    /// "partition": 2}]`: a consumer's instances, a queue's broker, or a stream partition's
    /// leader (`StreamFault`). A consumer in a stream consumer group crashes as a group member.
    func readFaults(_ list: [(value: JSONValue, path: String)], consumers: [ConsumerConfiguration], consumerNames: [String],
                    brokers: [BrokerReference], streams: [StreamConfiguration]) -> ([Fault], [StreamFault]) {
        var faults: [Fault] = []
        var streamFaults: [StreamFault] = []
        let consumerIndex = NameIndex(consumerNames)
        let brokerIndex = NameIndex(brokers.map(\.name))
        for (value, path) in list {
            guard let reader = ObjectReader(value, path: path, diagnostics: diagnostics) else { continue }
            defer { reader.finish() }
            let at = reader.duration("at", required: true)
            let restartAfter = reader.duration("restartAfter", positive: true)
            let instance = reader.integer("instance", in: 0...Self.maxInstances)
            let partition = reader.integer("partition", in: 0...Int.max)
            guard let name = reader.string("crash", required: true), let at else { continue }
            let time = SimDuration(seconds: at)
            let broker = brokerIndex.index(of: name).map { brokers[$0] }
            let isStream: Bool
            if case .stream? = broker?.kind { isStream = true } else { isStream = false }
            guard consumerIndex.contains(name) || broker != nil else {
                reader.report("crash", {
                    let known = consumerIndex.nonEmpty + brokerIndex.nonEmpty
                    return "no consumer or broker named \"\(name)\"\(Suggestion.didYouMean(name, in: known)); consumers and brokers: \(NameList.short(known))"
                }())
                continue
            }
            if partition != nil && !isStream {
                reader.report("partition", "\"partition\" applies to a stream's leader crash; \"\(name)\" is not a stream")
                continue
            }
            if let c = consumerIndex.index(of: name), c < consumers.count {
                let count = consumers[c].instances
                if let instance, instance >= count {
                    reader.report("instance", "consumer \"\(name)\" has \(count) instance(s), numbered from 0; found \(instance)")
                    continue
                }
                if consumers[c].membership != nil {
                    for k in 0..<count where instance == nil || instance == k {
                        streamFaults.append(StreamFault(at: SimTime.zero + time, target: .groupMember(consumer: c, instance: k)))
                    }
                } else {
                    faults.append(Fault(at: time, target: .consumer(index: c, instance: instance), restartAfter: restartAfter.map(SimDuration.init(seconds:))))
                }
            } else if let reference = broker {
                switch reference.kind {
                case .queue(let queue):
                    if instance != nil { reader.report("instance", "\"instance\" applies to consumers; \"\(name)\" is a broker") }
                    faults.append(Fault(at: time, target: .queue(queue), restartAfter: restartAfter.map(SimDuration.init(seconds:))))
                case .router:
                    reader.report("crash", "\"\(name)\" is a topic or an exchange; crash a queue's broker, a consumer or a stream")
                    continue
                case .stream(let stream):
                    let configuration = streams[stream.index]
                    guard let partition else {
                        reader.report("partition", "missing required key \"partition\": a crash of stream \"\(name)\" fails one partition's leader")
                        continue
                    }
                    guard partition < configuration.partitions else {
                        reader.report("partition", "expected a partition of \"\(name)\" from 0 to \(configuration.partitions - 1), found \(partition)")
                        continue
                    }
                    guard configuration.replicas >= 2 else {
                        reader.report("crash", "a leader failover needs a follower: set \"replicas\" ≥ 2 on \"\(name)\" (it has \(configuration.replicas))")
                        continue
                    }
                    streamFaults.append(StreamFault(at: SimTime.zero + time, stream: stream, partition: partition))
                }
            }
        }
        return (faults, streamFaults)
    }
}
