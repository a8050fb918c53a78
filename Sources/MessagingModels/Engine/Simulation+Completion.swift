import SimulationKernel

extension Simulation {
    /// What a consumer does when it has processed `ref` successfully, before the ack: reply if
    /// the message is a request, publish its `onSuccess` messages, and end the saga if the
    /// consumer ends sagas.
    mutating func runSuccessActions(for ref: MessageRef, instance i: Int) {
        let consumer = instances[i].consumer
        let record = messages[ref]
        let correlation = messages.tag(of: ref).correlationID
        if record.id == correlation, let request = routing.producerPlans[record.producer.index].request {
            reply(to: request, correlation: correlation, from: i)
        }
        for action in routing.successActions[consumer] {
            publish(action, correlation: correlation, producer: record.producer, from: i)
        }
        if let outcome = routing.sagaEnds[consumer] {
            endSaga(correlation, outcome)
        }
    }

    /// Publishes the `onFailure` messages of instance `i`'s consumer for `ref`, which failed
    /// for good; call it before `ref` is released.
    ///
    /// Called once per message that fails for good at a consumer: rejected after its last
    /// retry, or lost by an auto-acked failure — not per failed attempt that will be retried,
    /// and not when the queue dead-letters it on its receive count (no consumer decides that).
    mutating func runFailureActions(for ref: MessageRef, instance i: Int) {
        let actions = routing.failureActions[instances[i].consumer]
        guard !actions.isEmpty else { return }
        let producer = messages[ref].producer
        let correlation = messages.tag(of: ref).correlationID
        for action in actions {
            publish(action, correlation: correlation, producer: producer, from: i)
        }
    }

    /// Instance `i` publishes one follow-up message of the chain `correlation`, started by
    /// `producer`'s message.
    mutating func publish(_ action: RoutingState.Action, correlation: UInt64, producer: ProducerID, from i: Int) {
        countPublish()
        let variant = routing.templates[Int(action.template)].draw(&routing.outcomeStreams[i])
        publishMessage(to: action.destination, template: action.template, variant: variant, producer: producer,
                       correlation: correlation, mandatory: false, by: instances[i].name)
    }

    /// The consumer instance `i` replies to a request: the reply enters the requester's reply
    /// queue and is consumed there at once by the requester, which matches it to its request
    /// by correlation id.
    mutating func reply(to request: RequestReplyConfiguration, correlation: UInt64, from i: Int) {
        countPublish()
        let id = nextMessageID
        nextMessageID &+= 1
        let q = request.replyTo.index
        queues[q].metrics.enqueued += 1
        queues[q].metrics.acked += 1
        metrics.delivered += 1
        metrics.acked += 1
        metrics.ackedSeries.add(at: now)
        if now >= warmup {
            metrics.ackedMeasured += 1
            metrics.lastMeasuredAck = now
        }
        if trace != nil { trace?(TraceEntry(time: now, kind: "reply", messageID: id, entity: instances[i].name)) }
        guard let pending = routing.pendingRequests.removeValue(forKey: correlation) else {
            routing.metrics.requestReply?.duplicateReplies += 1
            return
        }
        let roundTrip = now - pending.sentAt
        if roundTrip <= pending.timeout {
            routing.metrics.requestReply?.replies += 1
            if pending.measured { routing.metrics.requestReply?.roundTrip.record(roundTrip) }
        } else {
            routing.metrics.requestReply?.lateReplies += 1
            routing.metrics.requestReply?.timeouts += 1
        }
    }

    /// Ends the saga `correlation` with `outcome` if it is still open.
    mutating func endSaga(_ correlation: UInt64, _ outcome: SagaOutcome) {
        guard let saga = routing.openSagas.removeValue(forKey: correlation) else { return }
        switch outcome {
        case .completed:
            routing.metrics.sagas?.completed += 1
            if saga.measured { routing.metrics.sagas?.completionTime.record(now - saga.startedAt) }
        case .compensated:
            routing.metrics.sagas?.compensated += 1
        }
    }
}
