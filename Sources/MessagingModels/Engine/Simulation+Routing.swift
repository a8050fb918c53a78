import SimulationKernel

extension Simulation {
    /// Prepares routing state and marks the producer and consumer instances that need more
    /// than the plain queue path (called once, at the end of `init`).
    mutating func setUpRouting() {
        routing = RoutingState(model: model)
        for i in producers.indices {
            let configuration = model.producers[producers[i].producer]
            let plain = configuration.destination.queue != nil && configuration.message == nil
                && configuration.request == nil && !configuration.startsSaga
            if !plain && producers[i].path == .queue { producers[i].path = .routed }
            // Templates draw from a stream of their own, so the arrivals stay the same
            // whatever the messages carry (common random numbers).
            routing.messageStreams.append(RandomStream(seed: model.seed, .producer, producers[i].name, .template))
        }
        for i in instances.indices {
            let c = instances[i].consumer
            instances[i].hasOutcomeHooks = routing.hasCompletionActions[c]
            routing.outcomeStreams.append(RandomStream(seed: model.seed, .consumer, instances[i].name, .outcome))
        }
    }

    /// Producer instance `i` publishes a message that needs more than a plain enqueue: a
    /// template, a topic or exchange, a request or a saga. Its publish is already counted.
    mutating func publishRouted(from i: Int) {
        let p = producers[i].producer
        let plan = routing.producerPlans[p]
        let variant = routing.templates[Int(plan.template)].draw(&routing.messageStreams[i])
        // Registered first (the message's id is the next one), so nothing the publish sets
        // off can miss them.
        let id = nextMessageID
        let measured = now >= warmup
        if let request = plan.request {
            routing.metrics.requestReply?.requests += 1
            routing.pendingRequests[id] = RoutingState.PendingRequest(sentAt: now, timeout: request.timeout, measured: measured)
        }
        if plan.startsSaga {
            routing.metrics.sagas?.started += 1
            routing.openSagas[id] = RoutingState.OpenSaga(startedAt: now, measured: measured)
        }
        let poison = producers[i].poisonFraction > 0 && producers[i].poisonStream.bernoulli(producers[i].poisonFraction)
        publishMessage(to: plan.destination, template: plan.template, variant: variant,
                       producer: ProducerID(p), correlation: nil, mandatory: plan.mandatory, by: producers[i].name, poison: poison,
                       key: ordering.active ? drawKey(forProducerInstance: i) : .none)
    }

    /// Counts a publish made by a consumer (a follow-up or a reply), as `publish(from:)`
    /// counts a producer's.
    @inline(__always) mutating func countPublish() {
        let measured = now >= warmup
        metrics.published += 1
        metrics.publishedSeries.add(at: now)
        metrics.lastPublish = now
        if measured {
            metrics.publishedMeasured += 1
            if metrics.firstMeasuredPublish == nil { metrics.firstMeasuredPublish = now }
            metrics.lastMeasuredPublish = now
        }
    }

    /// Publishes one new message to `destination` now and puts a copy in every queue it
    /// reaches; returns its id.
    /// - Parameters:
    ///   - template: index in `routing.templates`; `variant`: the draw from it.
    ///   - producer: the producer whose message started the chain.
    ///   - correlation: the chain's correlation id; nil starts a new chain (its own id).
    ///   - mandatory: an exchange publish that reaches no queue is counted `returned`.
    ///   - entity: who publishes, for the trace.
    ///   - poison: every processing attempt of it (and of its copies) fails.
    ///   - key: the message's key and sequence, carried by every copy (`.none`: no key).
    @discardableResult
    mutating func publishMessage(to destination: Destination, template: Int32, variant: Int32, producer: ProducerID,
                                 correlation: UInt64?, mandatory: Bool, by entity: String, poison: Bool = false,
                                 key: KeyStamp = .none) -> UInt64 {
        let id = nextMessageID
        nextMessageID &+= 1
        var record = MessageRecord(id: id, publishedAt: now, measured: now >= warmup, queue: QueueID(0), producer: producer, isPoison: poison)
        let tag = MessageTag(template: template, variant: variant, correlationID: correlation ?? id)
        if trace != nil {
            // The step names the broker published to; a topic's or exchange's copies each get
            // a `route` step into their queue (enqueueCopies).
            let broker = switch destination {
            case .queue(let queue): model.queues[queue.index].name
            case .topic(let topic): model.topics[topic.index].name
            case .exchange(let exchange): model.exchanges[exchange.index].name
            }
            trace?(TraceEntry(time: now, kind: "publish", messageID: id, entity: entity, queue: broker, key: keyName(key)))
        }
        switch destination {
        case .queue(let queue):
            record.queue = queue
            let ref = messages.allocate(record, tag: tag)
            if ordering.active { stamp(ref, with: key) }
            if omission.active { stampPublishDelay(ref) }
            admit(ref, into: queue.index)
        case .topic(let topic):
            let route = routing.routes[Int(routeIndex(for: destination, template: template, variant: variant))]
            routing.metrics.topics[topic.index].published += 1
            routing.metrics.topics[topic.index].copies += route.queues.count
            for subscription in route.subscriptions { routing.metrics.topics[topic.index].matched[Int(subscription)] += 1 }
            if route.queues.isEmpty {
                routing.metrics.topics[topic.index].unroutable += 1
                routing.metrics.unroutable += 1
                if trace != nil { trace?(TraceEntry(time: now, kind: "unroutable", messageID: id, entity: model.topics[topic.index].name)) }
            }
            enqueueCopies(of: record, tag: tag, into: route.queues, key: key, via: model.topics[topic.index].name)
        case .exchange(let exchange):
            let route = routing.routes[Int(routeIndex(for: destination, template: template, variant: variant))]
            routing.metrics.exchanges[exchange.index].published += 1
            routing.metrics.exchanges[exchange.index].copies += route.queues.count
            if route.queues.isEmpty {
                routing.metrics.exchanges[exchange.index].unroutable += 1
                routing.metrics.unroutable += 1
                if mandatory {
                    routing.metrics.exchanges[exchange.index].returned += 1
                    routing.metrics.returned += 1
                }
                if trace != nil { trace?(TraceEntry(time: now, kind: mandatory ? "returned" : "unroutable", messageID: id, entity: model.exchanges[exchange.index].name)) }
            } else if route.usedAlternateExchange {
                routing.metrics.exchanges[exchange.index].alternateRouted += 1
            }
            enqueueCopies(of: record, tag: tag, into: route.queues, key: key, via: model.exchanges[exchange.index].name)
        }
        return id
    }

    /// Puts one copy of `record` (same id, tag, key and sequence) in each queue, in order.
    mutating func enqueueCopies(of record: MessageRecord, tag: MessageTag, into queueIndices: some Collection<QueueID>, key: KeyStamp,
                                via broker: String = "") {
        for q in queueIndices {
            var copy = record
            copy.queue = q
            if trace != nil {
                trace?(TraceEntry(time: now, kind: "route", messageID: record.id, entity: broker, queue: queues[q].metrics.name))
            }
            let ref = messages.allocate(copy, tag: tag)
            if ordering.active { stamp(ref, with: key) }
            if omission.active { stampPublishDelay(ref) }
            admit(ref, into: q.index)
        }
    }

    /// Routes the message `ref`, which has just left its queue's books (dead-lettered), through
    /// `exchange` into the queues it reaches: the message itself goes to the first, copies to
    /// the others; if it reaches none it is counted `unroutable` and the caller settles it.
    /// - Parameter routingKey: overrides the message's routing key; nil keeps it.
    /// - Returns: the number of queues the message entered.
    @discardableResult
    mutating func route(_ ref: MessageRef, viaExchange exchange: ExchangeID, routingKey: String? = nil) -> Int {
        let targets = routeTargets(of: ref, viaExchange: exchange, routingKey: routingKey)
        routing.metrics.exchanges[exchange.index].copies += targets.count
        if targets.isEmpty, trace != nil { traceStep("unroutable", ref, model.exchanges[exchange.index].name) }
        messages[ref].state = .publishing
        deliverDeadLetter(DeadLetterState.Transfer(message: ref, targets: targets))
        return targets.count
    }

    /// The queues `exchange` routes the message `ref` to, counted on the exchange as a publish
    /// to it (copies are counted by the caller, which may leave some out); an empty result is
    /// counted `unroutable` (the caller traces it).
    ///
    /// Meant for dead-letter exchanges (`deadLetterExchange`, `deadLetterRoutingKey`): RabbitMQ
    /// republishes a dead-lettered message to the queue's dead-letter exchange with the
    /// dead-letter routing key if set, else the message's own routing key.
    /// - Parameter routingKey: overrides the message's routing key; nil keeps it.
    /// - Note: Source: RabbitMQ documentation "Dead Letter Exchanges", section "Routing
    ///   Dead-Lettered Messages" (https://www.rabbitmq.com/docs/dlx).
    mutating func routeTargets(of ref: MessageRef, viaExchange exchange: ExchangeID, routingKey: String?) -> [QueueID] {
        let tag = messages.tag(of: ref)
        let queueIndices: [QueueID]
        let usedAlternate: Bool
        if let routingKey {
            let template = routing.templates[Int(tag.template)]
            let outcome = routing.router.route(from: exchange, routingKey: routingKey, headers: template.headers(of: tag.variant))
            queueIndices = outcome.queues
            usedAlternate = outcome.usedAlternateExchange
        } else {
            let route = routing.routes[Int(routeIndex(for: .exchange(exchange), template: tag.template, variant: tag.variant))]
            queueIndices = route.queues
            usedAlternate = route.usedAlternateExchange
        }
        // Counted on the exchange as a publish to it (the dead-letter exchange is its entry).
        routing.metrics.exchanges[exchange.index].published += 1
        if usedAlternate && !queueIndices.isEmpty { routing.metrics.exchanges[exchange.index].alternateRouted += 1 }
        if queueIndices.isEmpty {
            routing.metrics.exchanges[exchange.index].unroutable += 1
            routing.metrics.unroutable += 1
        }
        return queueIndices
    }

    /// The index in `routing.routes` of where a publish to `entry` with this template variant
    /// goes, computing it the first time.
    mutating func routeIndex(for entry: Destination, template: Int32, variant: Int32) -> Int32 {
        let key = RoutingState.RouteKey(entry: entry, template: template, variant: variant)
        if let index = routing.routeIndex[key] { return index }
        let message = routing.templates[Int(template)]
        let headers = message.headers(of: variant)
        var route = RoutingState.Route(queues: [], subscriptions: [], usedAlternateExchange: false)
        switch entry {
        case .queue(let queue):
            route.queues = [queue]
        case .topic(let topic):
            let attributes = FilterPolicy.attributes(of: headers)
            for (s, subscription) in model.topics[topic.index].subscriptions.enumerated()
            where subscription.filter?.matches(attributes) ?? true {
                route.queues.append(subscription.queue)
                route.subscriptions.append(Int32(s))
            }
        case .exchange(let exchange):
            let outcome = routing.router.route(from: exchange, routingKey: message.routingKey(of: variant), headers: headers)
            route.queues = outcome.queues
            route.usedAlternateExchange = outcome.usedAlternateExchange
        }
        let index = Int32(routing.routes.count)
        routing.routes.append(route)
        routing.routeIndex[key] = index
        return index
    }

    /// Settles what routing left open when the run ends and returns its figures: requests
    /// without a reply become timeouts (or outstanding, if the run was cut off before their
    /// timeout), open sagas are stuck.
    mutating func closeRouting(reason: StopReason) -> RoutingMetrics {
        var figures = routing.metrics
        if figures.requestReply != nil {
            for request in routing.pendingRequests.values {
                if reason == .completed || now - request.sentAt > request.timeout {
                    figures.requestReply?.timeouts += 1
                } else {
                    figures.requestReply?.outstanding += 1
                }
            }
        }
        figures.sagas?.stuck = routing.openSagas.count
        return figures
    }
}
