import Testing
@testable import MessagingModels
import SimulationKernel

/// Topics, exchanges, chained publishes, request-reply and sagas in the running simulation,
/// with exact expected counts (constant arrivals and service times, deterministic choices).
@Suite struct RoutingEngineTests {
    static let fast = Distribution.constant(0.001)

    static func queues(_ names: String...) -> [QueueConfiguration] { names.map { QueueConfiguration(name: $0) } }

    static func consumers(for queues: [QueueConfiguration], service: Distribution = fast) -> [ConsumerConfiguration] {
        queues.indices.map { ConsumerConfiguration(name: "c-\(queues[$0].name)", source: QueueID($0), service: service) }
    }

    static func producer(_ name: String = "p", to destination: Destination, count: Int = 10, routingKey: String? = nil,
                         headers: [String: HeaderValue] = [:]) -> ProducerConfiguration {
        var template: MessageTemplate?
        if routingKey != nil || !headers.isEmpty {
            template = MessageTemplate(
                routingKey: WeightedChoice(fixed: routingKey ?? ""),
                headers: headers.map { MessageTemplate.Header(name: $0.key, values: WeightedChoice(fixed: $0.value)) })
        }
        return ProducerConfiguration(name: name, destination: destination, arrivals: .constant(ratePerSecond: 10),
                                     count: count, message: template)
    }

    static func exchange(_ name: String, _ kind: ExchangeConfiguration.Kind, _ bindings: [(ExchangeConfiguration.Target, String)],
                         alternate: Int? = nil) -> ExchangeConfiguration {
        ExchangeConfiguration(name: name, kind: kind, bindings: bindings.map { target, key in
            let matcher: ExchangeConfiguration.Matcher
            switch kind {
            case .direct: matcher = .exactKey(key)
            case .fanout: matcher = .always
            case .topic: matcher = .pattern(TopicPattern(key))
            case .headers: matcher = .headers(HeadersBinding(mode: .all, conditions: [:]))
            }
            return ExchangeConfiguration.Binding(target: target, matcher: matcher)
        }, alternateExchange: alternate.map(ExchangeID.init))
    }

    static func run(_ model: SystemModel) -> SimulationResult { TestModels.run(model) }

    static func enqueued(_ result: SimulationResult) -> [Int] { result.metrics.queues.map(\.enqueued) }

    static func expectBalanced(_ result: SimulationResult, sourceLocation: SourceLocation = #_sourceLocation) {
        TestModels.expectBalanced(result, sourceLocation: sourceLocation)
    }

    // MARK: Exchanges

    @Test func fanoutPutsOneCopyInEveryBoundQueue() {
        let q = Self.queues("a", "b", "c")
        let model = SystemModel(
            name: "fanout", seed: 1, queues: q,
            exchanges: [Self.exchange("x", .fanout, [(.queue(QueueID(0)), ""), (.queue(QueueID(1)), "ignored"), (.queue(QueueID(2)), "")])],
            producers: [Self.producer(to: .exchange(ExchangeID(0)), count: 10, routingKey: "anything")],
            consumers: Self.consumers(for: q))
        let result = Self.run(model)
        #expect(Self.enqueued(result) == [10, 10, 10])
        #expect(result.metrics.routing.exchanges[0].copies == 30)
        #expect(result.metrics.published == 10 && result.metrics.acked == 30)
        Self.expectBalanced(result)
    }

    @Test func queueMatchedByTwoBindingsGetsOneCopy() {
        let q = Self.queues("eu", "all")
        let model = SystemModel(
            name: "double", seed: 1, queues: q,
            exchanges: [Self.exchange("x", .topic, [(.queue(QueueID(0)), "order.eu.*"), (.queue(QueueID(0)), "order.#"),
                                                    (.queue(QueueID(1)), "#")])],
            producers: [Self.producer(to: .exchange(ExchangeID(0)), count: 7, routingKey: "order.eu.created")],
            consumers: Self.consumers(for: q))
        let result = Self.run(model)
        #expect(Self.enqueued(result) == [7, 7])
        Self.expectBalanced(result)
    }

    @Test func directExchangeMatchesTheWholeKey() {
        let q = Self.queues("created", "other")
        let model = SystemModel(
            name: "direct", seed: 1, queues: q,
            exchanges: [Self.exchange("x", .direct, [(.queue(QueueID(0)), "order.created"), (.queue(QueueID(1)), "order")])],
            producers: [Self.producer(to: .exchange(ExchangeID(0)), count: 5, routingKey: "order.created")],
            consumers: Self.consumers(for: q))
        #expect(Self.enqueued(Self.run(model)) == [5, 0])
    }

    @Test func unroutableGoesToTheAlternateExchange() {
        let q = Self.queues("eu", "unrouted")
        let model = SystemModel(
            name: "ae", seed: 1, queues: q,
            exchanges: [Self.exchange("x", .direct, [(.queue(QueueID(0)), "eu")], alternate: 1),
                        Self.exchange("ae", .fanout, [(.queue(QueueID(1)), "")])],
            producers: [Self.producer("eu", to: .exchange(ExchangeID(0)), count: 4, routingKey: "eu"),
                        Self.producer("us", to: .exchange(ExchangeID(0)), count: 6, routingKey: "us")],
            consumers: Self.consumers(for: q))
        let result = Self.run(model)
        #expect(Self.enqueued(result) == [4, 6])
        #expect(result.metrics.routing.unroutable == 0)
        #expect(result.metrics.routing.exchanges[0].alternateRouted == 6)
        #expect(result.metrics.routing.exchanges[1].published == 0)
        Self.expectBalanced(result)
    }

    /// RabbitMQ 3.10.8: mandatory returns what nothing routed, also when the alternate
    /// exchange routes nowhere; what the alternate exchange routes is not returned
    /// (observed-rabbitmq-redis.md, probe 8).
    @Test(arguments: [false, true])
    func mandatoryReturnsWhatNothingRouted(_ alternateRoutesSomewhere: Bool) {
        let q = Self.queues("eu", "unrouted")
        let aeBindings: [(ExchangeConfiguration.Target, String)] = alternateRoutesSomewhere ? [(.queue(QueueID(1)), "")] : []
        var mandatory = Self.producer("m", to: .exchange(ExchangeID(0)), count: 5, routingKey: "us")
        mandatory.mandatory = true
        let model = SystemModel(
            name: "mandatory", seed: 1, queues: q,
            exchanges: [Self.exchange("x", .direct, [(.queue(QueueID(0)), "eu")], alternate: 1),
                        Self.exchange("ae", .fanout, aeBindings)],
            producers: [mandatory, Self.producer("plain", to: .exchange(ExchangeID(0)), count: 3, routingKey: "us")],
            consumers: Self.consumers(for: q))
        let result = Self.run(model)
        let routing = result.metrics.routing
        #expect(routing.unroutable == (alternateRoutesSomewhere ? 0 : 8))
        #expect(routing.returned == (alternateRoutesSomewhere ? 0 : 5))
        #expect(routing.exchanges[0].returned == routing.returned)
        #expect(Self.enqueued(result) == [0, alternateRoutesSomewhere ? 8 : 0])
        #expect(result.metrics.published == 8)
        #expect(result.stopReason == .completed)
        Self.expectBalanced(result)
    }

    @Test func exchangeToExchangeBindingsVisitEachExchangeOnce() {
        // x → y → x (a cycle) and both bind queue "a"; y also binds "b".
        let q = Self.queues("a", "b")
        let model = SystemModel(
            name: "e2e", seed: 1, queues: q,
            exchanges: [Self.exchange("x", .fanout, [(.exchange(ExchangeID(1)), ""), (.queue(QueueID(0)), "")]),
                        Self.exchange("y", .fanout, [(.exchange(ExchangeID(0)), ""), (.queue(QueueID(0)), ""), (.queue(QueueID(1)), "")])],
            producers: [Self.producer(to: .exchange(ExchangeID(0)), count: 3)],
            consumers: Self.consumers(for: q))
        let result = Self.run(model)
        #expect(Self.enqueued(result) == [3, 3])
        Self.expectBalanced(result)
    }

    @Test func headersExchangeRoutesOnHeaders() {
        let q = Self.queues("pdf-reports", "any-pdf")
        let exchange = ExchangeConfiguration(name: "h", kind: .headers, bindings: [
            .init(target: .queue(QueueID(0)), matcher: .headers(HeadersBinding(mode: .all, conditions: ["format": "pdf", "type": "report"]))),
            .init(target: .queue(QueueID(1)), matcher: .headers(HeadersBinding(mode: .any, conditions: ["format": "pdf", "type": "log"]))),
        ])
        let model = SystemModel(
            name: "headers", seed: 1, queues: q, exchanges: [exchange],
            producers: [Self.producer("report", to: .exchange(ExchangeID(0)), count: 2, headers: ["format": "pdf", "type": "report"]),
                        Self.producer("log", to: .exchange(ExchangeID(0)), count: 3, headers: ["format": "zip", "type": "log"]),
                        Self.producer("none", to: .exchange(ExchangeID(0)), count: 4, headers: ["format": "zip"])],
            consumers: Self.consumers(for: q))
        let result = Self.run(model)
        #expect(Self.enqueued(result) == [2, 5])
        #expect(result.metrics.routing.unroutable == 4)
        Self.expectBalanced(result)
    }

    @Test func exchangeRouterReportsQueuesOnceInFileOrder() {
        let exchanges = [Self.exchange("x", .topic, [(.queue(QueueID(2)), "a.*"), (.queue(QueueID(0)), "#"), (.queue(QueueID(2)), "a.b")])]
        let outcome = ExchangeRouter(exchanges: exchanges).route(from: ExchangeID(0), routingKey: "a.b", headers: nil)
        #expect(outcome == ExchangeRouter.Outcome(queues: [QueueID(0), QueueID(2)], usedAlternateExchange: false))
    }

    // MARK: Topics

    @Test func topicCopiesToEachMatchingSubscriptionAndTheLedgerBalances() {
        let q = Self.queues("email", "sms", "audit")
        let topic = TopicConfiguration(name: "orders", subscriptions: [
            .init(name: "email", queue: QueueID(0), filter: FilterPolicy(["channel": [.equals("email"), .equals("all")]])),
            .init(name: "sms", queue: QueueID(1), filter: FilterPolicy(["channel": [.prefix("sm"), .equals("all")],
                                                                       "amount": [.numeric([(.greaterOrEqual, 100)])]])),
            .init(name: "audit", queue: QueueID(2)),
            .init(name: "audit-again", queue: QueueID(2), filter: FilterPolicy(["vip": [.exists(true)]])),
        ])
        let model = SystemModel(
            name: "topic", seed: 1, queues: q, topics: [topic],
            producers: [Self.producer("email", to: .topic(TopicID(0)), count: 3, headers: ["channel": "email", "amount": 500]),
                        Self.producer("sms-small", to: .topic(TopicID(0)), count: 4, headers: ["channel": "sms", "amount": 5]),
                        Self.producer("all", to: .topic(TopicID(0)), count: 5, headers: ["channel": "all", "amount": 100, "vip": true])],
            consumers: Self.consumers(for: q))
        let result = Self.run(model)
        let figures = result.metrics.routing.topics[0]
        #expect(figures.matched == [3 + 5, 5, 12, 5])
        #expect(figures.copies == 30)
        #expect(figures.published == 12 && figures.unroutable == 0)
        // One copy per matching subscription: two subscriptions on "audit" put 17 in it.
        #expect(Self.enqueued(result) == [8, 5, 17])
        #expect(result.metrics.acked == 30)
        Self.expectBalanced(result)
    }

    @Test func topicPublishNoSubscriptionAcceptsIsUnroutable() {
        let q = Self.queues("email")
        let topic = TopicConfiguration(name: "t", subscriptions: [
            .init(name: "email", queue: QueueID(0), filter: FilterPolicy(["channel": [.equals("email")]]))])
        let model = SystemModel(
            name: "t", seed: 1, queues: q, topics: [topic],
            producers: [Self.producer(to: .topic(TopicID(0)), count: 6, headers: ["channel": "push"])],
            consumers: Self.consumers(for: q))
        let result = Self.run(model)
        #expect(result.metrics.routing.unroutable == 6)
        #expect(result.metrics.routing.topics[0].unroutable == 6)
        #expect(Self.enqueued(result) == [0])
        #expect(result.stopReason == .completed)
    }

    // MARK: Templates

    @Test func weightedRoutingKeysSplitTrafficAndKeepTheArrivals() {
        let q = Self.queues("eu", "us")
        var producer = Self.producer(to: .exchange(ExchangeID(0)), count: 40_000)
        producer.arrivals = .poisson(ratePerSecond: 100)
        producer.message = MessageTemplate(routingKey: WeightedChoice(["eu", "us"], weights: [3, 1]))
        let model = SystemModel(
            name: "weights", seed: 9, queues: q,
            exchanges: [Self.exchange("x", .direct, [(.queue(QueueID(0)), "eu"), (.queue(QueueID(1)), "us")])],
            producers: [producer], consumers: Self.consumers(for: q, service: .constant(0.0001)))
        let result = Self.run(model)
        let eu = Double(result.metrics.queues[0].enqueued) / 40_000
        // Binomial(40000, 0.75): standard error 0.0022; allow 5.
        #expect(abs(eu - 0.75) < 0.011)
        #expect(Self.enqueued(result).reduce(0, +) == 40_000)
        // The template draws from its own stream: the publish times equal a plain producer's.
        var plain = producer
        plain.message = nil
        plain.destination = .queue(QueueID(0))
        let plainResult = Self.run(SystemModel(name: "plain", seed: 9, queues: q, producers: [plain],
                                               consumers: Self.consumers(for: q, service: .constant(0.0001))))
        #expect(plainResult.metrics.lastMeasuredPublish == result.metrics.lastMeasuredPublish)
    }

    @Test func templateVariantsDecodeToWhatWasDrawn() {
        let template = MessageTemplate(
            routingKey: WeightedChoice(["a", "b", "c"]),
            headers: [.init(name: "z", values: WeightedChoice([1, 2])), .init(name: "m", values: WeightedChoice(["x", "y"], weights: [0, 1]))])
        #expect(template.variantCount == 12)
        #expect(template.headers.map(\.name) == ["m", "z"])
        var stream = RandomStream(seed: 4)
        for _ in 0..<200 {
            let variant = template.draw(&stream)
            #expect((0..<12).contains(Int(variant)))
            #expect(template.headers(of: variant)?["m"] == "y")   // weight 0 never drawn
            #expect(["a", "b", "c"].contains(template.routingKey(of: variant)))
        }
        var untouched = RandomStream(seed: 4)
        var fixedStream = RandomStream(seed: 4)
        #expect(MessageTemplate(routingKey: WeightedChoice(fixed: "k")).draw(&fixedStream) == 0)
        #expect(fixedStream.next() == untouched.next())
    }

    // MARK: Chained handlers, request-reply, sagas

    @Test func onSuccessPublishesFollowUpsWithTheCorrelationID() {
        // p → a (c-a publishes to b on success) → b.
        let q = Self.queues("a", "b")
        var consumers = Self.consumers(for: q)
        consumers[0].onSuccess = [PublishAction(destination: .queue(QueueID(1)))]
        let model = SystemModel(name: "chain", seed: 1, queues: q,
                                producers: [Self.producer(to: .queue(QueueID(0)), count: 10)], consumers: consumers)
        let lines = TestModels.trace(model)
        let result = Self.run(model)
        #expect(Self.enqueued(result) == [10, 10])
        #expect(result.metrics.published == 20 && result.metrics.acked == 20)
        // The follow-up is published before the ack of the message it follows.
        let firstAck = lines.firstIndex { $0.contains(" ack m1 ") } ?? -1
        let followUp = lines.firstIndex { $0.hasSuffix("publish m2 c-a") } ?? -1
        #expect(followUp >= 0 && followUp < firstAck)
        Self.expectBalanced(result)
    }

    /// Publish at t, processed for 0.25 s by the request consumer, reply consumed at once: the
    /// round trip is exactly the service time (no queueing: one request per second).
    @Test func requestReplyRoundTripIsTheSumOfTheConstantDelays() {
        let q = Self.queues("requests", "replies", "audit")
        var producer = Self.producer("client", to: .queue(QueueID(0)), count: 20)
        producer.arrivals = .constant(ratePerSecond: 1)
        producer.request = RequestReplyConfiguration(replyTo: QueueID(1), timeout: SimDuration(seconds: 1))
        var server = ConsumerConfiguration(name: "server", source: QueueID(0), service: .constant(0.25))
        server.onSuccess = [PublishAction(destination: .queue(QueueID(2)))]
        let auditor = ConsumerConfiguration(name: "auditor", source: QueueID(2), service: .constant(0.5))
        let result = Self.run(SystemModel(name: "rpc", seed: 1, queues: q, producers: [producer], consumers: [server, auditor]))
        let rr = result.metrics.routing.requestReply
        #expect(rr?.requests == 20 && rr?.replies == 20 && rr?.timeouts == 0 && rr?.lateReplies == 0)
        #expect(rr?.roundTrip.count == 20)
        #expect(rr?.roundTrip.minimum == 0.25 && rr?.roundTrip.maximum == 0.25)
        // Replies enter the reply queue and are consumed there at once.
        #expect(Self.enqueued(result) == [20, 20, 20])
        #expect(result.metrics.queues[1].acked == 20)
        Self.expectBalanced(result)
    }

    /// Requests every 0.1 s, a server that takes 0.3 s each, timeout 1 s: the backlog grows
    /// 0.2 s per request, so reply k comes 0.3 + 0.2·k s after its request.
    @Test func timeoutsAndLateRepliesAreCounted() {
        let q = Self.queues("requests", "replies")
        var producer = Self.producer("client", to: .queue(QueueID(0)), count: 10)
        producer.request = RequestReplyConfiguration(replyTo: QueueID(1), timeout: SimDuration(seconds: 1))
        let server = ConsumerConfiguration(name: "server", source: QueueID(0), service: .constant(0.3))
        let result = Self.run(SystemModel(name: "late", seed: 1, queues: q, producers: [producer], consumers: [server]))
        let rr = result.metrics.routing.requestReply
        // Round trips 0.3, 0.5, 0.7, 0.9, 1.1, … 2.1: four on time, six late.
        #expect(rr?.replies == 4)
        #expect(rr?.lateReplies == 6)
        #expect(rr?.timeouts == 6)
        #expect(rr?.outstanding == 0)
        #expect(rr?.roundTrip.maximum.map { abs($0 - 0.9) < 1e-9 } == true)
        Self.expectBalanced(result)
    }

    @Test func requestsWithoutAReplyTimeOut() {
        // The server fails every request: no reply ever comes.
        let q = Self.queues("requests", "replies")
        var producer = Self.producer("client", to: .queue(QueueID(0)), count: 5)
        producer.request = RequestReplyConfiguration(replyTo: QueueID(1), timeout: SimDuration(seconds: 1))
        var server = ConsumerConfiguration(name: "server", source: QueueID(0), service: .constant(0.01))
        server.failureRate = 1
        server.retry = RetryPolicy(maxAttempts: 1)
        let result = Self.run(SystemModel(name: "lost", seed: 1, queues: q, producers: [producer], consumers: [server]))
        let rr = result.metrics.routing.requestReply
        #expect(rr?.timeouts == 5 && rr?.replies == 0 && rr?.lateReplies == 0)
        #expect(result.metrics.queues[0].dropped == 5)
        #expect(result.metrics.consumers[0].failed == 5)
        Self.expectBalanced(result)
    }

    /// reserve → charge → ship; a failed charge releases the reservation, a failed shipment
    /// refunds the payment, which then releases the reservation.
    static func saga(reserveFailure: Double, chargeFailure: Double, shipFailure: Double, count: Int = 50) -> SystemModel {
        let q = Self.queues("reserve", "charge", "ship", "refund", "release", "rejected")
        var order = Self.producer("orders", to: .queue(QueueID(0)), count: count)
        order.startsSaga = true
        func step(_ name: String, _ queue: Int, failure: Double, onSuccess: Int?, onFailure: Int?, ends: SagaOutcome? = nil) -> ConsumerConfiguration {
            var c = ConsumerConfiguration(name: name, source: QueueID(queue), service: .constant(0.01))
            c.failureRate = failure
            c.retry = RetryPolicy(maxAttempts: 1)
            c.onSuccess = onSuccess.map { [PublishAction(destination: .queue(QueueID($0)))] } ?? []
            c.onFailure = onFailure.map { [PublishAction(destination: .queue(QueueID($0)))] } ?? []
            c.endsSaga = ends
            return c
        }
        return SystemModel(name: "saga", seed: 5, queues: q, producers: [order], consumers: [
            step("inventory", 0, failure: reserveFailure, onSuccess: 1, onFailure: 5),
            step("payment", 1, failure: chargeFailure, onSuccess: 2, onFailure: 4),
            step("shipping", 2, failure: shipFailure, onSuccess: nil, onFailure: 3, ends: .completed),
            step("refunds", 3, failure: 0, onSuccess: 4, onFailure: nil),
            step("releases", 4, failure: 0, onSuccess: nil, onFailure: nil, ends: .compensated),
            step("rejections", 5, failure: 0, onSuccess: nil, onFailure: nil, ends: .compensated),
        ])
    }

    @Test(arguments: [
        // (reserve, charge, ship failure rates) → (completed, compensated, stuck, dropped)
        ((0.0, 0.0, 0.0), (50, 0, 0, 0)),
        ((0.0, 1.0, 0.0), (0, 50, 0, 50)),
        ((0.0, 0.0, 1.0), (0, 50, 0, 50)),
        ((1.0, 0.0, 0.0), (0, 50, 0, 50)),
    ])
    func sagaOutcomesForDeterministicFailureRates(_ rates: (Double, Double, Double), _ expected: (Int, Int, Int, Int)) {
        let result = Self.run(Self.saga(reserveFailure: rates.0, chargeFailure: rates.1, shipFailure: rates.2))
        let sagas = result.metrics.routing.sagas
        #expect(sagas?.started == 50)
        #expect(sagas?.completed == expected.0)
        #expect(sagas?.compensated == expected.1)
        #expect(sagas?.stuck == expected.2)
        #expect(result.metrics.queues.map(\.dropped).reduce(0, +) == expected.3)
        if expected.0 == 50 { #expect(sagas?.completionTime.minimum.map { abs($0 - 0.03) < 1e-9 } == true) }
        Self.expectBalanced(result)
    }

    @Test func sagaWithAFailingCompensationIsStuck() {
        var model = Self.saga(reserveFailure: 0, chargeFailure: 1, shipFailure: 0, count: 10)
        model.consumers[4].failureRate = 1   // releases fail: nothing ends the saga
        model.consumers[4].retry = RetryPolicy(maxAttempts: 1)
        let result = Self.run(model)
        #expect(result.metrics.routing.sagas?.stuck == 10)
        #expect(result.metrics.routing.sagas?.compensated == 0)
        Self.expectBalanced(result)
    }

    @Test func routeViaExchangeMovesAMessageAndCopiesIt() {
        // The hook for dead-letter exchanges: a message taken out of "src" is routed through x.
        let q = Self.queues("src", "a", "b")
        let model = SystemModel(
            name: "dlx", seed: 1, queues: q,
            exchanges: [Self.exchange("x", .direct, [(.queue(QueueID(1)), "dead"), (.queue(QueueID(2)), "dead"), (.queue(QueueID(2)), "other")])],
            producers: [Self.producer(to: .queue(QueueID(0)), count: 1)], consumers: [])
        var simulation = Simulation(model: model)
        let ref = simulation.messages.allocate(MessageRecord(id: 1, publishedAt: .zero, measured: true, queue: QueueID(0), producer: ProducerID(0)))
        #expect(simulation.route(ref, viaExchange: ExchangeID(0), routingKey: "dead") == 2)
        #expect(simulation.queues.map(\.metrics.enqueued) == [0, 1, 1])
        #expect(simulation.messages.liveCount == 2)
        let other = simulation.messages.allocate(MessageRecord(id: 2, publishedAt: .zero, measured: true, queue: QueueID(0), producer: ProducerID(0)))
        #expect(simulation.route(other, viaExchange: ExchangeID(0), routingKey: "nowhere") == 0)
        #expect(simulation.messages.liveCount == 3)   // an unroutable message is settled by the caller
        #expect(simulation.messages[other].queue == QueueID(0))
        #expect(simulation.routing.metrics.unroutable == 1)
    }
}

@Suite struct MessageTagTests {
    /// Routing data lives beside the record, so plain queue traffic copies no more bytes: the
    /// record holds only what delivery semantics need (80 bytes).
    @Test func recordStaysSmall() {
        #expect(MemoryLayout<MessageRecord>.stride <= 80)
    }

    @Test func plainMessagesGetADefaultTagAndReusedSlotsForgetOldTags() {
        var arena = MessageArena()
        let tagged = arena.allocate(MessageRecord(id: 7, publishedAt: .zero, measured: true, queue: QueueID(0), producer: ProducerID(0)),
                                    tag: MessageTag(template: 2, variant: 5, correlationID: 3))
        #expect(arena.tag(of: tagged) == MessageTag(template: 2, variant: 5, correlationID: 3))
        arena.release(tagged)
        let plain = arena.allocate(MessageRecord(id: 8, publishedAt: .zero, measured: true, queue: QueueID(0), producer: ProducerID(0)))
        #expect(plain == tagged)
        #expect(arena.tag(of: plain) == MessageTag(template: 0, variant: 0, correlationID: 8))
    }

    @Test func poisonTravelsThroughAnExchangeWithEveryCopy() {
        // All messages poison, fanned out to two queues: every copy fails its one attempt
        // and, with a dead-letter limit of one delivery, is dead-lettered.
        var queues = RoutingEngineTests.queues("a", "b", "dlq")
        for q in 0..<2 { queues[q].deadLetter = DeadLetterPolicy(queue: QueueID(2), maxReceiveCount: 1) }
        var producer = RoutingEngineTests.producer(to: .exchange(ExchangeID(0)), count: 5, routingKey: "k")
        producer.poisonFraction = 1
        let model = SystemModel(
            name: "poison-routed", seed: 1, queues: queues,
            exchanges: [RoutingEngineTests.exchange("fan", .fanout, [(.queue(QueueID(0)), ""), (.queue(QueueID(1)), "")])],
            producers: [producer], consumers: RoutingEngineTests.consumers(for: Array(queues.prefix(2))))
        let m = RoutingEngineTests.run(model).metrics
        #expect(m.queues[0].deadLettered == 5 && m.queues[1].deadLettered == 5)
        #expect(m.queues[2].enqueued == 10 && m.acked == 0)
    }
}
