import MessagingModels
import SimulationKernel

/// What the reader collects about topics, exchanges and the routing options of producers and
/// consumers while it reads a scenario.
final class RoutingContext {
    let directory: BrokerDirectory
    var topics: [TopicConfiguration] = []
    var exchanges: [ExchangeConfiguration] = []
    /// The producer that owns each reply queue (by queue name; the first one to claim it).
    private var replyQueueOwners: [String: String] = [:]
    /// The first producer read so far that publishes to each broker (by file index).
    private var firstPublisher: [Int: String] = [:]
    /// What else delivers into each queue, by queue index; built on first use, once every
    /// topic and exchange has been read.
    private var sources: [Int: String]?

    /// The producer whose reply queue is `queue`, if it is one.
    func replyQueueOwner(_ queue: String) -> String? { replyQueueOwners[queue] }

    /// Records that `producer` takes its replies from `queue` (the first claim stands).
    func addReplyQueue(_ queue: String, producer: String) {
        if replyQueueOwners[queue] == nil { replyQueueOwners[queue] = producer }
    }

    /// The first producer read so far that publishes to broker number `broker`.
    func publisher(ofBroker broker: Int) -> String? { firstPublisher[broker] }

    /// Records that `producer` publishes to broker number `broker`.
    func addPublisher(_ producer: String, broker: Int) {
        if firstPublisher[broker] == nil { firstPublisher[broker] = producer }
    }

    /// What else delivers into queue `index` (a binding or a subscription), for messages:
    /// the first subscription of a topic, else the first exchange binding.
    func otherSources(ofQueue index: Int) -> String? {
        if let sources { return sources[index] }
        var found: [Int: String] = [:]
        for topic in topics {
            for s in topic.subscriptions where found[s.queue.index] == nil {
                found[s.queue.index] = "subscription \"\(s.name)\" of topic \"\(topic.name)\""
            }
        }
        for exchange in exchanges {
            for binding in exchange.bindings {
                if case .queue(let queue) = binding.target, found[queue.index] == nil {
                    found[queue.index] = "a binding of exchange \"\(exchange.name)\""
                }
            }
        }
        sources = found
        return found[index]
    }

    init(directory: BrokerDirectory) { self.directory = directory }
}

/// The routing options of one producer, applied to its configuration once it is built.
struct ProducerRouting {
    var message: MessageTemplate?
    var request: RequestReplyConfiguration?
    var mandatory = false
    var startsSaga = false

    /// Whether the messages need nothing beyond an enqueue (no template, request or saga).
    var isPlain: Bool { message == nil && request == nil && !startsSaga }

    func apply(to configuration: inout ProducerConfiguration) {
        configuration.message = message
        configuration.request = request
        configuration.mandatory = mandatory
        configuration.startsSaga = startsSaga
    }
}

/// The routing options of one consumer.
struct ConsumerRouting {
    var onSuccess: [PublishAction] = []
    var onFailure: [PublishAction] = []
    var endsSaga: SagaOutcome?

    func apply(to configuration: inout ConsumerConfiguration) {
        configuration.onSuccess = onSuccess
        configuration.onFailure = onFailure
        configuration.endsSaga = endsSaga
    }
}

extension ScenarioReader {
    /// Keys that belong to one broker type only, and that type.
    static let typedBrokerKeys: [(key: String, type: String)] = [
        ("subscriptions", "topic"), ("exchangeType", "exchange"), ("bindings", "exchange"), ("alternateExchange", "exchange"),
    ]
    static let exchangeTypes = ExchangeConfiguration.Kind.allCases.map(\.rawValue)
    static let sagaOutcomes = SagaOutcome.allCases.map(\.rawValue)

    // MARK: Brokers

    /// Reads the keys of a topic or an exchange (and rejects them on other types); appends
    /// the topic or exchange to `context`.
    func readBrokerRouting(_ broker: ObjectReader, name: String, type: String, context: RoutingContext) {
        for (key, owner) in Self.typedBrokerKeys where owner != type && broker.has(key) {
            broker.report(key, "\"\(key)\" applies to brokers of type \"\(owner)\" only; this broker's type is \"\(type)\"")
        }
        switch type {
        case "topic":
            context.topics.append(TopicConfiguration(name: name, subscriptions: readSubscriptions(broker, context: context)))
        case "exchange":
            context.exchanges.append(readExchange(broker, name: name, context: context))
        default:
            break
        }
    }

    private func readSubscriptions(_ topic: ObjectReader, context: RoutingContext) -> [TopicConfiguration.Subscription] {
        var subscriptions: [TopicConfiguration.Subscription] = []
        var names: Set<String> = []
        for (value, path) in topic.array("subscriptions") ?? [] {
            guard let reader = ObjectReader(value, path: path, diagnostics: diagnostics) else { continue }
            let name = reader.string("name", required: true) ?? ""
            if !name.isEmpty, !names.insert(name).inserted {
                reader.report("name", "duplicate subscription name \"\(name)\"; subscription names must be unique within a topic")
            }
            let queue = resolve(reader, "queue", kind: .queue, context: context, required: true)
            var filter: FilterPolicy?
            if let value = reader.value("filter") { filter = readFilterPolicy(value, path: reader.path("filter")) }
            reader.finish()
            if let queue { subscriptions.append(.init(name: name, queue: QueueID(queue), filter: filter)) }
        }
        return subscriptions
    }

    private func readExchange(_ exchange: ObjectReader, name: String, context: RoutingContext) -> ExchangeConfiguration {
        var kind = ExchangeConfiguration.Kind.direct
        if let text = exchange.string("exchangeType", required: true) {
            if let parsed = ExchangeConfiguration.Kind(rawValue: text) {
                kind = parsed
            } else {
                exchange.report("exchangeType", "unknown exchange type \"\(text)\"\(Suggestion.didYouMean(text, in: Self.exchangeTypes)); expected one of: \(Self.exchangeTypes.joined(separator: ", "))")
            }
        }
        var bindings: [ExchangeConfiguration.Binding] = []
        for (value, path) in exchange.array("bindings") ?? [] {
            guard let reader = ObjectReader(value, path: path, diagnostics: diagnostics) else { continue }
            if let binding = readBinding(reader, kind: kind, context: context) { bindings.append(binding) }
            reader.finish()
        }
        let alternate = exchange.has("alternateExchange")
            ? resolve(exchange, "alternateExchange", kind: .exchange, context: context, required: true) : nil
        return ExchangeConfiguration(name: name, kind: kind, bindings: bindings, alternateExchange: alternate.map(ExchangeID.init))
    }

    /// `{"queue": Q | "exchange": X, "bindingKey": K, "arguments": {…}}`.
    private func readBinding(_ binding: ObjectReader, kind: ExchangeConfiguration.Kind, context: RoutingContext) -> ExchangeConfiguration.Binding? {
        var target: ExchangeConfiguration.Target?
        switch (binding.has("queue"), binding.has("exchange")) {
        case (true, true):
            diagnostics.report(binding.path, "expected one of \"queue\" or \"exchange\", found both")
        case (false, false):
            diagnostics.report(binding.path, "missing required key \"queue\" or \"exchange\" (the binding's destination)")
        case (true, false):
            target = resolve(binding, "queue", kind: .queue, context: context, required: true).map { .queue(QueueID($0)) }
        case (false, true):
            target = resolve(binding, "exchange", kind: .exchange, context: context, required: true).map { .exchange(ExchangeID($0)) }
        }
        var key = ""
        if let value = binding.value("bindingKey") {
            guard let parsed = readRoutingKey(value, binding.path("bindingKey")) else { return nil }
            key = parsed
        }
        var matcher: ExchangeConfiguration.Matcher
        switch kind {
        case .direct: matcher = .exactKey(key)
        case .fanout: matcher = .always
        case .topic: matcher = .pattern(TopicPattern(key))
        case .headers: matcher = .headers(HeadersBinding(mode: .all, conditions: [:]))
        }
        if let arguments = binding.object("arguments") {
            if kind != .headers {
                diagnostics.report(arguments.path, "binding arguments apply to headers exchanges only; this exchange's type is \"\(kind.rawValue)\"")
                return nil
            }
            var table: [String: HeaderValue] = [:]
            for name in arguments.fields.keys.sorted() {
                // null is AMQP void: "present with any value".
                guard let value = arguments.value(name) else { table[name] = .void; continue }
                if let parsed = readHeaderValue(value, arguments.path(name)) { table[name] = parsed }
            }
            do {
                matcher = .headers(try HeadersBinding(arguments: table))
            } catch {
                arguments.report(HeadersBinding.matchModeKey, error.description)
                return nil
            }
        } else if kind == .headers {
            binding.report("arguments", "missing required key \"arguments\" (a headers binding matches on its arguments, with \"x-match\": \"all\" or \"any\")")
            return nil
        }
        return target.map { ExchangeConfiguration.Binding(target: $0, matcher: matcher) }
    }

    /// Resolves the broker name at `key` to the index of a broker of `kind`; reports a missing
    /// name, an unknown one (with the nearest name of that kind) or one of another kind.
    func resolve(_ reader: ObjectReader, _ key: String, kind: BrokerDirectory.Kind, context: RoutingContext, required: Bool) -> Int? {
        guard let name = reader.string(key, required: required) else { return nil }
        guard let entry = context.directory.entry(named: name) else {
            reader.report(key, {
                let candidates = context.directory.names(of: kind)
                let list = candidates.isEmpty ? "; the scenario defines no \(kind.rawValue)" : "; \(kind.rawValue)s: \(NameList.short(candidates))"
                return "no \(kind.rawValue) named \"\(name)\"\(Suggestion.didYouMean(name, in: candidates))\(list)"
            }())
            return nil
        }
        guard entry.kind == kind else {
            reader.report(key, "expected \(kind.article), but \"\(name)\" is \(entry.kind.article)\(Self.hint(from: entry.kind, to: kind))")
            return nil
        }
        return entry.index
    }

    /// How to connect a broker of one kind where another is expected.
    static func hint(from actual: BrokerDirectory.Kind, to expected: BrokerDirectory.Kind) -> String {
        switch (actual, expected) {
        case (.topic, .queue): return "; a topic stores nothing: subscribe a queue to it (\"subscriptions\") and use that queue"
        case (.exchange, .queue): return "; an exchange stores nothing: bind a queue to it (\"bindings\") and use that queue"
        case (.queue, .exchange): return "; bind the queue with \"queue\" instead, or name an exchange"
        default: return ""
        }
    }

    // MARK: Producers and consumers

    /// Reads a producer's `message`, `request`, `mandatory` and `startsSaga`.
    /// `message` is the producer's `message` object (its routing key and headers are read
    /// here; the caller reads its other keys and finishes it).
    func readProducerRouting(_ producer: ObjectReader, message: ObjectReader?, name: String, publishTo: Int?, context: RoutingContext) -> ProducerRouting? {
        var routing = ProducerRouting()
        var valid = true
        if let message {
            let (template, ok) = readMessageTemplate(message)
            routing.message = template
            valid = valid && ok
        } else if producer.has("message") {
            valid = false
        }
        if let request = producer.object("request") {
            let queue = resolve(request, "replyTo", kind: .queue, context: context, required: true)
            let timeout = request.duration("timeout", required: true, positive: true)
            request.finish()
            if let queue, let timeout {
                routing.request = RequestReplyConfiguration(replyTo: QueueID(queue), timeout: SimDuration(seconds: timeout))
                if let replyTo = request.fields["replyTo"], case .string(let queueName) = replyTo {
                    // The requester consumes everything in its reply queue as replies: nothing
                    // else may deliver into it.
                    let publisher = context.directory.index(named: queueName).flatMap(context.publisher(ofBroker:))
                    if let other = context.replyQueueOwner(queueName) {
                        request.report("replyTo", "queue \"\(queueName)\" is already the reply queue of producer \"\(other)\"; give each requester its own")
                    } else if let source = context.otherSources(ofQueue: queue) {
                        request.report("replyTo", "queue \"\(queueName)\" also receives messages from \(source); a reply queue must receive only replies")
                    } else if let publisher {
                        request.report("replyTo", "queue \"\(queueName)\" also receives the messages of producer \"\(publisher)\"; a reply queue must receive only replies")
                    }
                    context.addReplyQueue(queueName, producer: name)
                }
            } else {
                valid = false
            }
        } else if producer.has("request") {
            valid = false
        }
        if let mandatory = readBool(producer, "mandatory") {
            routing.mandatory = mandatory
            if mandatory, let publishTo, context.directory.entries[publishTo].kind != .exchange {
                producer.report("mandatory", "\"mandatory\" applies to publishes to an exchange; \"\(context.directory.entries[publishTo].name)\" is \(context.directory.entries[publishTo].kind.article)")
                valid = false
            }
        }
        routing.startsSaga = readBool(producer, "startsSaga") ?? ScenarioDefaults.startsSaga.value
        if let publishTo {
            let target = context.directory.entries[publishTo].name
            if let owner = context.replyQueueOwner(target) {
                producer.report("publishTo", "queue \"\(target)\" is the reply queue of producer \"\(owner)\" (request.replyTo) and receives only replies; publish to another broker")
            }
            context.addPublisher(name, broker: publishTo)
        }
        return valid ? routing : nil
    }

    /// Reads a consumer's `onSuccess`, `onFailure` and `endsSaga`, and checks
    /// that it consumes a queue that is not a reply queue.
    func readConsumerRouting(_ consumer: ObjectReader, consumeFrom: Int?, context: RoutingContext) -> ConsumerRouting? {
        var valid = true
        if let source = consumeFrom {
            let entry = context.directory.entries[source]
            if entry.kind != .queue && entry.kind != .stream {
                consumer.report("consumeFrom", "expected a queue, but \"\(entry.name)\" is \(entry.kind.article)\(Self.hint(from: entry.kind, to: .queue))")
                valid = false
            } else if let owner = context.replyQueueOwner(entry.name) {
                consumer.report("consumeFrom", "queue \"\(entry.name)\" is the reply queue of producer \"\(owner)\" (request.replyTo), whose replies the requester consumes itself; consume from another queue")
                valid = false
            }
        }
        var routing = ConsumerRouting()
        for (key, isSuccess) in [("onSuccess", true), ("onFailure", false)] {
            guard let list = consumer.array(key) else {
                if consumer.has(key) { valid = false }
                continue
            }
            for (value, path) in list {
                guard let action = ObjectReader(value, path: path, diagnostics: diagnostics) else { valid = false; continue }
                let target = action.string("publishTo", required: true).flatMap { name -> Int? in
                    guard let index = context.directory.index(named: name) else {
                        action.report("publishTo", {
                            let known = context.directory.entries.map(\.name).filter { !$0.isEmpty }
                            return "no broker named \"\(name)\"\(Suggestion.didYouMean(name, in: known)); brokers: \(NameList.short(known))"
                        }())
                        return nil
                    }
                    return index
                }
                if let target, let owner = context.replyQueueOwner(context.directory.entries[target].name) {
                    action.report("publishTo", "queue \"\(context.directory.entries[target].name)\" is the reply queue of producer \"\(owner)\" (request.replyTo) and receives only replies; the reply is sent for you")
                }
                let (template, ok) = readMessageTemplate(action)
                action.finish()
                guard let target, ok else { valid = false; continue }
                let publish = PublishAction(destination: context.directory.destination(ofBroker: target), message: template)
                if isSuccess { routing.onSuccess.append(publish) } else { routing.onFailure.append(publish) }
            }
        }
        if let text = consumer.string("endsSaga") {
            if let outcome = SagaOutcome(rawValue: text) {
                routing.endsSaga = outcome
            } else {
                consumer.report("endsSaga", "unknown saga outcome \"\(text)\"\(Suggestion.didYouMean(text, in: Self.sagaOutcomes)); expected one of: \(Self.sagaOutcomes.joined(separator: ", "))")
                valid = false
            }
        }
        return valid ? routing : nil
    }

    /// A boolean at `key`, or nil (reported) when it is something else.
    func readBool(_ reader: ObjectReader, _ key: String) -> Bool? {
        guard let value = reader.value(key) else { return nil }
        guard case .bool(let b) = value else {
            reader.report(key, "expected true or false, found \(value.brief)")
            return nil
        }
        return b
    }
}
