/// Random valid scenarios from a seed: every broker type, policy and fault at small sizes, so a
/// run takes well under a second and every report property must hold.
///
/// The shape is fixed so references stay valid and runs stay finite: work queues `w0…`
/// (consumed, with the policies), sink queues `s0…` (dead-letter queues, routing targets,
/// follow-up targets; some consumed, some not), an optional reply queue, topic `t`, exchange
/// `x` (with alternate exchange `xa`) and stream `st`. Follow-ups (`onSuccess`, `onFailure`) only
/// go to sinks or to a later work queue and dead-lettering only to sinks, so no message can
/// circulate for ever. Every run has a top-level `duration` (2–8 s) and a `drainTimeout`
/// (≤ 60 s).
public struct ScenarioGenerator {
    var random: FuzzRandom
    let seed: UInt64

    /// - Parameter seed: the scenario's identity: the same seed gives the same bytes.
    public init(seed: UInt64) {
        self.seed = seed
        random = FuzzRandom(seed: seed ^ 0x6D71_6C61_6267_656E)
    }

    /// Generates the scenario of this seed.
    public static func scenario(seed: UInt64) -> JSONValue {
        var generator = ScenarioGenerator(seed: seed)
        return generator.make()
    }

    // MARK: - Small value helpers

    static func obj(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    mutating func maybe(_ p: Double, _ make: (inout ScenarioGenerator) -> JSONValue) -> JSONValue? {
        random.chance(p) ? make(&self) : nil
    }

    mutating func millis(_ range: ClosedRange<Int>) -> JSONValue { .string("\(random.int(range))ms") }

    mutating func distribution(meanMillis: ClosedRange<Int>) -> JSONValue {
        let mean = random.int(meanMillis)
        switch random.int(0...6) {
        case 0: return .object([("constant", .string("\(mean)ms"))])
        case 1: return .object([("exponential", .object([("mean", .string("\(mean)ms"))]))])
        case 2: return .object([("uniform", .object([("min", .string("\(mean / 2)ms")), ("max", .string("\(mean * 2)ms"))]))])
        case 3: return .object([("normal", .object([("mean", .string("\(mean)ms")), ("stddev", .string("\(mean / 3 + 1)ms"))]))])
        case 4: return .object([("lognormal", .object([("mean", .string("\(mean)ms")), ("stddev", .string("\(mean / 2 + 1)ms"))]))])
        case 5: return .object([("erlang", .object([("k", .int(random.int(1...4))), ("mean", .string("\(mean)ms"))]))])
        default: return .object([("empirical", .object([("values", .array([.string("\(mean)ms"), .string("\(mean * 2)ms"), .double(Double(mean) / 2000)]))]))])
        }
    }

    mutating func arrivals() -> JSONValue {
        let rate = random.int(1...40)
        switch random.int(0...3) {
        case 0: return .object([("poisson", .object([("rate", .int(rate))]))])
        case 1: return .object([("constant", .object([("rate", .double(Double(rate) + 0.5))]))])
        case 2: return .object([("interarrival", distribution(meanMillis: 20...400))])
        default:
            return .object([("schedule", .array([
                .object([("at", .string("0s")), ("rate", .int(rate))]),
                .object([("at", millis(500...1500)), ("rate", .int(random.chance(0.3) ? 0 : random.int(1...80)))]),
                .object([("at", millis(1600...3000)), ("rate", .int(random.int(1...20)))]),
            ]))])
        }
    }

    mutating func rateLimit(consumer: Bool, hasRetry: Bool, leaky: Bool = true) -> JSONValue {
        // A producer's slow token bucket falls behind its schedule (coordinated omission).
        let rate = JSONValue.int(!consumer && random.chance(0.4) ? random.int(1...4) : random.int(1...50))
        if leaky && random.chance(0.4) {
            // Leaky bucket; a consumer's bounded bucket fails refused attempts, so it needs a retry.
            let queue: JSONValue? = (!consumer || hasRetry) && random.chance(0.5) ? .int(random.int(0...5)) : nil
            return Self.obj([("rate", rate), ("algorithm", .string("leakyBucket")), ("queue", queue),
                             ("perInstance", consumer && random.chance(0.3) ? .bool(true) : nil)])
        }
        return Self.obj([("rate", rate), ("burst", .int(random.int(1...10))),
                         ("perInstance", consumer && random.chance(0.3) ? .bool(true) : nil)])
    }

    static let headerTypes = ["a", "b", "c"]
    static let routingKeys = ["a.b", "a.c", "b.x", "c"]

    // MARK: - The scenario

    struct Plan {
        var work: [String] = []
        var sinks: [String] = []
        var consumedSinks: [String] = []
        var reply: String?
        var topic = false
        var exchange = false
        var stream = false
        var streamReplicas = 1
        var streamPartitions = 1
        var sagaProducer = false
        /// Queue consumers' names and instance counts, for crash faults.
        var queueConsumers: [(name: String, instances: Int)] = []
        /// Work queues whose first direct producer sends plain messages (no request, no saga):
        /// they may have an initial backlog, which that producer makes. Looked up, never iterated.
        var backlogQueues: Set<String> = []
        var directlyPublished: Set<String> = []
        /// Work queues with a visibility timeout (explicit, or their preset's): their consumers
        /// may renew locks. Looked up, never iterated.
        var visibility: Set<String> = []
        /// Each work queue's technology preset, if it has one (looked up, never iterated).
        var technology: [String: String] = [:]
        /// The scenario's top-level technology (only when every broker is a plain queue).
        var topTechnology: String?
    }

    /// Presets that offer queues, for a work queue's own `technology`.
    static let queueTechnologies = ["rabbitmq-classic", "rabbitmq-quorum", "sqs-standard", "sqs-fifo",
                                    "azure-storage-queue", "azure-service-bus", "redis-streams"]
    mutating func make() -> JSONValue {
        var plan = Plan()
        plan.work = (0..<random.int(1...3)).map { "w\($0)" }
        plan.sinks = (0..<random.int(1...2)).map { "s\($0)" }
        plan.consumedSinks = plan.sinks.filter { _ in random.chance(0.6) }
        plan.topic = random.chance(0.35)
        plan.exchange = random.chance(0.35)
        plan.stream = random.chance(0.35)
        plan.streamReplicas = random.int(1...3)
        plan.streamPartitions = random.int(1...4)
        if random.chance(0.15) { plan.reply = "replies" }
        plan.sagaProducer = random.chance(0.15)
        decideQueueSemantics(&plan)

        let producers = makeProducers(&plan)
        let consumers = makeConsumers(&plan)
        let brokers = makeBrokers(plan)
        let faults = makeFaults(plan)
        let duration = random.int(2...8)
        return Self.obj([
            ("version", random.chance(0.5) ? .int(1) : nil),
            ("name", .string("gen-\(seed)")),
            ("description", .string("generated by mqlab-fuzz from seed \(seed)")),
            ("seed", .int(random.int(0...1_000_000))),
            ("duration", .string("\(duration)s")),
            ("warmup", random.chance(0.3) ? millis(0...1000) : nil),
            ("drainTimeout", .string("\(random.int(0...60))s")),
            ("brokers", .array(brokers)),
            ("producers", .array(producers)),
            ("consumers", .array(consumers)),
            ("faults", faults.isEmpty ? nil : .array(faults)),
            ("technology", plan.topTechnology.map { .string($0) }),
            ("report", random.chance(0.15) ? .object([("sampleEvery", millis(1...2000))]) : nil),
            ("expect", random.chance(0.15) ? expectations() : nil),
        ])
    }

    /// Decides, before producers and consumers are made, which work queues have a technology
    /// preset and a visibility timeout (consumers' lock renewal depends on both). A top-level
    /// technology only when every broker is a plain queue (presets refuse broker types they
    /// do not offer).
    mutating func decideQueueSemantics(_ plan: inout Plan) {
        if !plan.topic && !plan.exchange && !plan.stream && random.chance(0.08) {
            plan.topTechnology = random.pick(["rabbitmq-classic", "rabbitmq-quorum", "sqs-standard", "azure-service-bus"])
        }
        for name in plan.work {
            if random.chance(0.15) { plan.technology[name] = random.pick(Self.queueTechnologies) }
            let technology = plan.technology[name] ?? plan.topTechnology
            // An explicit visibility timeout only without a preset; azure-service-bus's preset sets one.
            if technology == nil ? random.chance(0.25) : technology == "azure-service-bus" { plan.visibility.insert(name) }
        }
    }

    /// Requirements on the report: always met, never met, or on a metric that may be absent.
    mutating func expectations() -> JSONValue {
        let pool: [JSONValue] = [
            .string("messages.lost >= 0"),
            .string("latency.endToEnd.p99 < 1h"),
            .string("consumers.c0.utilization <= 100%"),
            .object([("metric", .string("messages.published")), ("op", .string(">")), ("value", .int(1_000_000)),
                     ("because", .string("never met: the run exits 1"))]),
            .object([("metric", .string("throughput.ackedPerSecond")), ("op", .string(">=")), ("value", .string("0/s"))]),
            .string("brokers.w0.depth.max != 0.5"),
        ]
        return .array((0..<random.int(1...3)).map { _ in random.pick(pool) })
    }

    mutating func makeBrokers(_ plan: Plan) -> [JSONValue] {
        var brokers: [JSONValue] = []
        for name in plan.work {
            var members: [(String, JSONValue?)] = [("name", .string(name)), ("type", random.chance(0.5) ? .string("queue") : nil)]
            let technology = plan.technology[name]
            let effectiveTechnology = technology ?? plan.topTechnology
            // A preset limits a queue's keys to what its technology has, so a work queue with one
            // (or under a top-level one) keeps to the keys every preset accepts: no ordering,
            // groups, capacity, priority, TTL, durability, dead-letter exchange, delay, profile
            // or deduplication of its own (and producers send no message TTL, delay or priority).
            let plain = effectiveTechnology != nil
            let sink = random.pick(plan.sinks)
            let dlqChoice = random.int(0...3)
            if dlqChoice == 1 {
                members.append(("deadLetter", Self.obj([("queue", .string(sink)),
                                                        ("maxReceiveCount", random.chance(0.7) ? .int(random.int(1...5)) : nil)])))
            } else if dlqChoice == 2 && plan.exchange && !plain {
                members.append(("deadLetterExchange", .string("x")))
                if random.chance(0.5) { members.append(("deadLetterRoutingKey", .string(random.pick(Self.routingKeys)))) }
            }
            members.append(("technology", technology.map { .string($0) }))
            if plan.visibility.contains(name) && !plain {
                members.append(("visibilityTimeout", millis(50...2000)))
            } else if effectiveTechnology == "redis-streams" && random.chance(0.6) {
                members.append(("claim", .object([("minIdle", millis(20...2000))])))
            } else if !plan.visibility.contains(name) && effectiveTechnology == nil && random.chance(0.15) {
                members.append(("consumerTimeout", millis(20...3000)))
            }
            if random.chance(0.1) {
                // Short polls that see each visible message with this chance (0.1 … 1).
                members.append(("shortPollSampling", .double(Double(random.int(1...10)) / 10)))
            }
            if plan.backlogQueues.contains(name) && random.chance(0.2) {
                members.append(("initialBacklog", random.chance(0.7) ? .int(random.int(1...30))
                    : .object([("messages", .int(random.int(1...30)))])))
            }
            if plain {
                brokers.append(Self.obj(members))
                continue
            }
            if random.chance(0.2) {
                members.append(("deduplication", Self.obj([
                    ("window", random.chance(0.7) ? millis(1...5000) : nil),
                    ("scope", random.chance(0.4) ? .string(random.pick(["queue", "messageGroup"])) : nil)])))
            }
            if random.chance(0.1) { members.append(("delay", millis(1...1500))) }
            if random.chance(0.1) {
                // At least one of the two keys (an empty profile is an error).
                let latency = random.chance(0.7)
                members.append(("profile", Self.obj([
                    ("publishLatency", latency ? Self.obj([("constant", millis(1...50))]) : nil),
                    ("messagesPerSecond", !latency || random.chance(0.5) ? .int(random.int(5...500)) : nil),
                    ("deliverLatency", random.chance(0.4) ? Self.obj([("constant", millis(1...50))]) : nil),
                    ("ackLatency", random.chance(0.4) ? Self.obj([("exponential", Self.obj([("mean", millis(1...50))]))]) : nil),
                    ("publishInOrder", random.chance(0.3) ? .bool(random.chance(0.7)) : nil)])))
            }
            if random.chance(0.2) { members.append(("durable", .bool(random.chance(0.5)))) }
            if random.chance(0.25) { members.append(("messageTTL", random.chance(0.2) ? .int(0) : millis(10...3000))) }
            if random.chance(0.25) { members.append(("ttlExpiry", .string(random.pick(["anywhere", "head"])))) }
            let bestEffort = random.chance(0.2)
            if bestEffort {
                members.append(("ordering", .string("bestEffort")))
                if random.chance(0.6) { members.append(("reorderProbability", .double(random.pick([0, 0.1, 0.5, 1])))) }
                if random.chance(0.6) { members.append(("duplicateProbability", .double(random.pick([0, 0.05, 0.5, 1])))) }
            } else if random.chance(0.1) {
                members.append(("ordering", .string("fifo")))
            }
            let groups = !bestEffort && random.chance(0.2)
            if groups {
                members.append(("messageGroups", .bool(true)))
            } else {
                if random.chance(0.25) {
                    members.append(("capacity", .int(random.int(1...20))))
                    if random.chance(0.8) { members.append(("overflow", .string(random.pick(["dropHead", "rejectPublish", "dropNew"])))) }
                }
                if !bestEffort && random.chance(0.25) { members.append(("maxPriority", .int(random.int(0...10)))) }
            }
            brokers.append(Self.obj(members))
        }
        for name in plan.sinks + (plan.reply.map { [$0] } ?? []) {
            var members: [(String, JSONValue?)] = [("name", .string(name))]
            if plan.topTechnology == nil && random.chance(0.2) { members.append(("durable", .bool(false))) }
            brokers.append(Self.obj(members))
        }
        if plan.topic {
            let targets = plan.work + plan.sinks
            let subscriptions: [JSONValue] = (0..<random.int(1...3)).map { i in
                Self.obj([("name", .string("sub\(i)")), ("queue", .string(random.pick(targets))),
                          ("filter", random.chance(0.5) ? filterPolicy() : nil)])
            }
            brokers.append(.object([("name", .string("t")), ("type", .string("topic")), ("subscriptions", .array(subscriptions))]))
        }
        if plan.exchange {
            // Dead-lettering goes through `x`, so `x` binds only sinks: nothing routes back.
            let kind = random.pick(["direct", "fanout", "topic", "headers"])
            let bindings: [JSONValue] = (0..<random.int(0...3)).map { _ in
                var members: [(String, JSONValue?)] = [("queue", .string(random.pick(plan.sinks)))]
                switch kind {
                case "direct": members.append(("bindingKey", .string(random.pick(Self.routingKeys))))
                case "topic": members.append(("bindingKey", .string(random.pick(["a.*", "#", "*.x", "a.#", "c"]))))
                case "headers":
                    members.append(("arguments", Self.obj([
                        ("x-match", random.chance(0.7) ? .string(random.pick(["all", "any", "all-with-x", "any-with-x"])) : nil),
                        ("type", .string(random.pick(Self.headerTypes))),
                        ("n", random.chance(0.4) ? .null : nil),
                    ])))
                default: break
                }
                return Self.obj(members)
            }
            let alternate = random.chance(0.4)
            brokers.append(Self.obj([("name", .string("x")), ("type", .string("exchange")), ("exchangeType", .string(kind)),
                                     ("bindings", .array(bindings)), ("alternateExchange", alternate ? .string("xa") : nil)]))
            if alternate {
                brokers.append(.object([("name", .string("xa")), ("type", .string("exchange")), ("exchangeType", .string("fanout")),
                                        ("bindings", .array([.object([("queue", .string(random.pick(plan.sinks)))])]))]))
            }
        }
        if plan.stream {
            let replicas = plan.streamReplicas
            brokers.append(Self.obj([
                ("name", .string("st")), ("type", .string("stream")),
                ("partitions", .int(plan.streamPartitions)),
                ("retention", random.chance(0.3) ? millis(200...5000) : nil),
                ("partitioner", random.chance(0.5) ? .string(random.pick(["murmur2", "roundRobin", "sticky"])) : nil),
                ("stickyBatch", random.chance(0.2) ? .int(random.int(1...16)) : nil),
                ("replicas", .int(replicas)),
                ("minInSyncReplicas", replicas > 1 && random.chance(0.5) ? .int(random.int(1...replicas)) : nil),
                ("replicationDelay", random.chance(0.5) ? millis(0...50) : nil),
                ("lagSampleInterval", random.chance(0.3) ? millis(1...1000) : nil),
                ("profile", random.chance(0.3) ? streamProfile() : nil),
            ]))
        }
        return brokers
    }

    /// A stream producer's send batches: at least one of `maxMessages` and `maxBytes`.
    mutating func streamBatch() -> JSONValue {
        let bytes = random.chance(0.4)
        return Self.obj([
            ("maxMessages", !bytes || random.chance(0.5) ? .int(random.int(1...8)) : nil),
            ("maxBytes", bytes ? .int(random.pick([1, 500, 2048, 16_384])) : nil),
            ("linger", random.chance(0.8) ? millis(0...50) : nil),
        ])
    }

    /// A stream's capacity: each partition's, the brokers' shared one, or both (at least one
    /// rate; `brokers` only with a broker rate; `ingressUnit` only with a message rate).
    mutating func streamProfile() -> JSONValue {
        let perPartition = random.chance(0.5)
        let perBroker = !perPartition || random.chance(0.5)
        let partitionRate = perPartition && random.chance(0.7)
        let brokerRate = perBroker && random.chance(0.7)
        return Self.obj([
            ("messagesPerSecond", partitionRate ? .int(random.int(5...500)) : nil),
            ("bytesPerSecond", perPartition && !partitionRate ? .int(random.int(100...100_000)) : nil),
            ("brokers", perBroker && random.chance(0.7) ? .int(random.int(1...4)) : nil),
            ("brokerMessagesPerSecond", brokerRate ? .int(random.int(5...800)) : nil),
            ("brokerBytesPerSecond", perBroker && (!brokerRate || random.chance(0.3)) ? .int(random.int(100...200_000)) : nil),
            ("ingressUnit", (partitionRate || brokerRate) && random.chance(0.3) ? .string(random.pick(["messages", "calls"])) : nil),
        ])
    }

    mutating func filterPolicy() -> JSONValue {
        switch random.int(0...5) {
        case 0: return .object([("type", .array([.string("a"), .string("b")]))])
        case 1: return .object([("n", .array([.object([("numeric", .array([.string(">="), .int(5)]))])]))])
        case 2: return .object([("type", .array([.object([("prefix", .string("a"))])]))])
        case 3: return .object([("type", .array([.object([("anything-but", .string("c"))])]))])
        case 4: return .object([("n", .array([.object([("exists", .bool(random.chance(0.5)))])]))])
        default: return .object([("type", .string("b")), ("n", .int(9))])
        }
    }

    mutating func makeProducers(_ plan: inout Plan) -> [JSONValue] {
        var targets = plan.work
        if plan.topic { targets.append("t") }
        if plan.exchange { targets.append("x") }
        if plan.stream { targets.append("st") }
        var producers: [JSONValue] = []
        let count = random.int(1...3)
        for i in 0..<count {
            // Every work queue is reached: the first producers go to w0, w1, … in turn.
            let target = i < plan.work.count && random.chance(0.7) ? plan.work[i] : random.pick(targets)
            let toStream = target == "st"
            var message: [(String, JSONValue?)] = []
            if random.chance(0.4) {
                if random.chance(0.5) {
                    let zipf = random.chance(0.5)
                    message.append(("keys", Self.obj([("count", .int(random.int(1...20))),
                                                      ("distribution", zipf ? .string("zipf") : (random.chance(0.3) ? .string("uniform") : nil)),
                                                      ("exponent", zipf && random.chance(0.5) ? .double(1.2) : nil)])))
                } else if random.chance(0.5) {
                    message.append(("keys", .object([("values", .array([.string("k1"), .string("k2"), .string("k3")]))])))
                } else {
                    message.append(("key", .string("k\(random.int(0...3))")))
                }
            }
            if random.chance(0.2) { message.append(("poisonFraction", .double(random.pick([0, 0.05, 0.3, 1])))) }
            if !message.isEmpty && random.chance(0.2) { message.append(("sizeBytes", .int(random.pick([1, 1024, 65_536])))) }
            let anyPreset = !plan.technology.isEmpty || plan.topTechnology != nil
            if !toStream && !anyPreset && random.chance(0.2) { message.append(("ttl", random.chance(0.2) ? .int(0) : millis(10...3000))) }
            if !toStream && !anyPreset && random.chance(0.1) { message.append(("delay", millis(1...1500))) }
            if !toStream && !anyPreset && random.chance(0.2) {
                message.append(("priority", random.chance(0.5) ? .int(random.int(0...12))
                    : .object([("oneOf", .array([.int(0), .int(5), .int(9)])), ("weights", .array([.int(3), .int(1), .int(1)]))])))
            }
            if random.chance(0.4) {
                message.append(("routingKey", random.chance(0.4) ? .string(random.pick(Self.routingKeys))
                    : .object([("oneOf", .array(Self.routingKeys.map { .string($0) }))])))
            }
            if random.chance(0.4) {
                message.append(("headers", .object([
                    ("type", .object([("oneOf", .array(Self.headerTypes.map { .string($0) })), ("weights", .array([.int(2), .int(1), .int(1)]))])),
                    ("n", .object([("oneOf", .array([.int(1), .int(5), .int(9)]))])),
                    ("flag", .bool(true)),
                ])))
            }
            let name = "p\(i)"
            // One requester per reply queue.
            let request = !toStream && plan.reply != nil && i == 0
            let saga = !toStream && plan.sagaProducer && i == 0
            if plan.work.contains(target) && !plan.directlyPublished.contains(target) {
                plan.directlyPublished.insert(target)
                if !request && !saga { plan.backlogQueues.insert(target) }
            }
            producers.append(Self.obj([
                ("name", .string(name)),
                ("publishTo", .string(target)),
                ("arrivals", arrivals()),
                ("count", random.chance(0.5) ? .int(random.int(1...40)) : nil),
                ("duration", random.chance(0.2) ? millis(500...4000) : nil),
                ("instances", random.chance(0.3) ? .int(random.int(1...3)) : nil),
                ("message", message.isEmpty ? nil : Self.obj(message)),
                ("publishRetry", !toStream && random.chance(0.2) ? .object([("interval", millis(10...500))]) : nil),
                // A leaky bucket only on a plain producer publishing straight to a queue.
                ("rateLimit", random.chance(toStream ? 0.4 : 0.15)
                    ? rateLimit(consumer: false, hasRetry: false, leaky: plan.work.contains(target) && message.isEmpty && !request && !saga) : nil),
                ("publishTimeouts", plan.work.contains(target) && message.isEmpty && !request && !saga && random.chance(0.35)
                    ? .object([("fraction", .double(random.pick([0, 0.1, 0.5, 1]))), ("resendAfter", millis(1...2000))]) : nil),
                ("mandatory", target == "x" && random.chance(0.5) ? .bool(true) : nil),
                ("request", request ? .object([("replyTo", .string(plan.reply ?? "")), ("timeout", millis(20...1000))]) : nil),
                ("startsSaga", saga ? .bool(true) : nil),
                ("acks", toStream && random.chance(0.6) ? random.pick([.int(0), .int(1), .string("all")]) : nil),
                ("idempotent", toStream && random.chance(0.4) ? .bool(random.chance(0.5)) : nil),
                ("batch", toStream && random.chance(0.35) ? streamBatch() : nil),
            ]))
        }
        return producers
    }

    mutating func makeConsumers(_ plan: inout Plan) -> [JSONValue] {
        var consumers: [JSONValue] = []
        for (index, queue) in plan.work.enumerated() {
            let laterWork = Array(plan.work.dropFirst(index + 1))
            consumers.append(queueConsumer(name: "c\(index)", queue: queue, followUpTargets: laterWork + plan.sinks, plan: &plan))
            if random.chance(0.2) {
                consumers.append(queueConsumer(name: "c\(index)b", queue: queue, followUpTargets: laterWork + plan.sinks, plan: &plan))
            }
        }
        for (index, sink) in plan.consumedSinks.enumerated() {
            let name = "sink\(index)"
            let instances = random.int(1...2)
            plan.queueConsumers.append((name, instances))
            consumers.append(Self.obj([
                ("name", .string(name)), ("consumeFrom", .string(sink)), ("instances", .int(instances)),
                ("service", distribution(meanMillis: 1...50)),
                ("endsSaga", plan.sagaProducer && random.chance(0.5) ? .string("compensated") : nil),
            ]))
        }
        if plan.stream {
            for g in 0..<random.int(1...2) {
                for entry in 0..<random.int(1...2) {
                    let instances = random.int(1...3)
                    let commit = entry == 0 && random.chance(0.5) ? random.pick(["auto", "afterProcessing"]) : nil
                    let joinMillis = entry > 0 && random.chance(0.5) ? random.int(100...2000) : nil
                    consumers.append(Self.obj([
                        ("name", .string("g\(g)m\(entry)")), ("consumeFrom", .string("st")), ("group", .string("g\(g)")),
                        ("instances", .int(instances)),
                        ("service", distribution(meanMillis: 1...60)),
                        ("assignor", entry == 0 && random.chance(0.5) ? .string(random.pick(["range", "roundRobin"])) : nil),
                        ("commit", commit.map { .string($0) }),
                        ("autoCommitInterval", commit == "auto" && random.chance(0.6) ? millis(50...2000) : nil),
                        ("rebalanceDelay", entry == 0 && random.chance(0.4) ? millis(0...1000) : nil),
                        ("maxPollInterval", entry == 0 && random.chance(0.2) ? millis(50...2000) : nil),
                        ("startAt", entry == 0 && random.chance(0.4) ? .string(random.pick(["earliest", "latest", "1s"])) : nil),
                        ("joinAt", joinMillis.map { .string("\($0)ms") }),
                        ("leaveAt", joinMillis != nil && random.chance(0.5) ? .string("\(joinMillis! + random.int(100...2000))ms") : nil),
                    ]))
                }
            }
        }
        return consumers
    }

    mutating func queueConsumer(name: String, queue: String, followUpTargets: [String], plan: inout Plan) -> JSONValue {
        let autoscale = random.chance(0.12)
        let maxInstances = random.int(1...4)
        let instances = autoscale ? random.int(1...maxInstances) : random.int(1...3)
        plan.queueConsumers.append((name, autoscale ? maxInstances : instances))
        let autoAck = random.chance(0.15)
        let retry: JSONValue? = random.chance(0.35) ? retryPolicy() : nil
        let downstream = random.chance(0.2)
        var members: [(String, JSONValue?)] = [
            ("name", .string(name)), ("consumeFrom", .string(queue)),
            ("instances", .int(instances)),
            ("service", distribution(meanMillis: 1...200)),
            ("ack", autoAck ? .string("auto") : (random.chance(0.2) ? .string("manual") : nil)),
            ("prefetch", random.chance(0.3) ? .int(random.int(1...10)) : nil),
            ("failureRate", random.chance(0.3) ? .double(random.pick([0, 0.1, 0.5, 1])) : nil),
            ("processingTimeout", random.chance(0.15) ? millis(5...500) : nil),
            ("retry", retry),
            ("idempotency", random.chance(0.15) ? Self.obj([("window", millis(100...10000)),
                                                           ("claim", random.chance(0.5) ? .string(random.pick(["atStart", "atEnd"])) : nil)]) : nil),
            ("lockRenewal", plan.visibility.contains(queue) && random.chance(0.3)
                ? Self.obj([("maxDuration", random.chance(0.7) ? millis(10...3000) : nil)]) : nil),
            ("rateLimit", random.chance(0.15) ? rateLimit(consumer: true, hasRetry: retry != nil) : nil),
            ("resequence", random.chance(0.1) ? .object([("window", millis(10...500))]) : nil),
        ]
        if random.chance(0.15) {
            let first = random.int(100...1500)
            members.append(("pauses", .array([
                .object([("at", .string("\(first)ms")), ("for", .string("\(random.int(100...1000))ms"))]),
                .object([("at", .string("\(first + 2000)ms")), ("for", .string("\(random.int(1...500))ms"))]),
            ])))
        }
        if downstream {
            members.append(("downstream", Self.obj([
                ("failureRate", random.chance(0.6) ? .double(random.pick([0, 0.05, 0.5])) : nil),
                ("outages", random.chance(0.6) ? .array([.object([("at", millis(200...2000)), ("for", millis(100...2000))])]) : nil),
            ])))
            if random.chance(0.6) {
                members.append(("circuitBreaker", Self.obj([
                    ("failureThreshold", random.chance(0.6) ? .double(random.pick([0.1, 0.5, 1])) : nil),
                    ("window", millis(200...5000)),
                    ("openFor", millis(50...2000)),
                    ("halfOpenProbes", random.chance(0.5) ? .int(random.int(1...3)) : nil),
                    ("minimumCalls", random.chance(0.5) ? .int(random.int(1...10)) : nil),
                ])))
            }
        }
        if autoscale {
            members.append(("autoscale", Self.obj([
                ("min", .int(1)), ("max", .int(maxInstances)),
                ("targetDepthPerInstance", .int(random.int(1...10))),
                ("cooldown", random.chance(0.6) ? millis(100...5000) : nil),
                ("startupDelay", random.chance(0.5) ? millis(0...500) : nil),
                ("interval", random.chance(0.8) ? millis(50...2000) : nil),
            ])))
        }
        if random.chance(0.3) && !followUpTargets.isEmpty {
            members.append(("onSuccess", .array([Self.obj([("publishTo", .string(random.pick(followUpTargets))),
                                                          ("routingKey", random.chance(0.3) ? .string("a.b") : nil)])])))
        }
        if random.chance(0.2) && !followUpTargets.isEmpty {
            members.append(("onFailure", .array([.object([("publishTo", .string(random.pick(followUpTargets)))])])))
        }
        if plan.sagaProducer && random.chance(0.3) {
            members.append(("endsSaga", .string(random.pick(["completed", "compensated"]))))
        }
        if random.chance(0.15) {
            // Receive polling: a long poll, or a short poll with or without its interval.
            // Azure Storage Queue has no long poll (its preset refuses one); RabbitMQ pushes and
            // polls only with basic.get, one message per call (no receiveWait, no batch).
            let technology = plan.technology[queue] ?? plan.topTechnology
            let pushes = technology == "rabbitmq-classic" || technology == "rabbitmq-quorum"
            let noLongPoll = technology == "azure-storage-queue" || pushes
            let long = random.chance(0.5) && !noLongPoll
            if !pushes { members.append(("receiveWait", long ? millis(10...3000) : .int(0))) }
            if !long && (random.chance(0.6) || pushes) { members.append(("pollInterval", millis(5...1000))) }
            // A back-off up to at least 1 s (≥ any generated pollInterval and the 1 s default).
            if !long && random.chance(0.3) { members.append(("maxPollBackoff", millis(1000...20000))) }
            if random.chance(0.6) && !pushes { members.append(("batch", .object([("maxMessages", .int(random.int(1...5)))]))) }
        }
        return Self.obj(members)
    }

    mutating func retryPolicy() -> JSONValue {
        let backoff: JSONValue?
        switch random.int(0...3) {
        case 0: backoff = .string("none")
        case 1: backoff = .object([("constant", millis(1...300))])
        case 2: backoff = .object([("exponential", Self.obj([("initial", millis(1...100)),
                                                             ("multiplier", random.chance(0.5) ? .double(1.5) : nil),
                                                             ("max", random.chance(0.5) ? millis(100...2000) : nil)]))])
        default: backoff = nil
        }
        return Self.obj([("maxAttempts", .int(random.int(1...5))), ("backoff", backoff),
                         ("jitter", random.chance(0.3) ? .string(random.pick(["none", "full", "equal"])) : nil)])
    }

    mutating func makeFaults(_ plan: Plan) -> [JSONValue] {
        var faults: [JSONValue] = []
        if random.chance(0.3), !plan.queueConsumers.isEmpty {
            let (name, instances) = random.pick(plan.queueConsumers)
            faults.append(Self.obj([
                ("at", millis(100...4000)), ("crash", .string(name)),
                ("instance", random.chance(0.5) ? .int(random.int(0...(instances - 1))) : nil),
                ("restartAfter", random.chance(0.7) ? millis(10...2000) : nil),
            ]))
        }
        if random.chance(0.2) {
            let queue = random.pick(plan.work + plan.sinks)
            faults.append(Self.obj([("at", millis(100...4000)), ("crash", .string(queue)),
                                    ("restartAfter", random.chance(0.8) ? millis(10...2000) : nil)]))
        }
        if plan.stream && plan.streamReplicas >= 2 && random.chance(0.4) {
            faults.append(.object([("at", millis(100...4000)), ("crash", .string("st")),
                                   ("partition", .int(random.int(0...(plan.streamPartitions - 1))))]))
        }
        return faults
    }
}
