import SimulationKernel

/// The network between a queue's broker and its consumers, when the broker's profile gives a
/// deliver or ack latency (`BrokerProfile`): a delivery reaches its consumer instance later,
/// holding prefetch credit on the way, and an ack reaches the broker later, the message
/// staying unacked (and its credit held) until then. With prefetch 1 each message then costs
/// its processing time plus a round trip, which a larger prefetch hides — the reason brokers
/// recommend prefetching more than one message.
/// - Note: Source: RabbitMQ documentation, "Consumer Acknowledgements and Publisher Confirms",
///   section "Channel Prefetch Setting (QoS)" (https://www.rabbitmq.com/docs/confirms: with
///   prefetch 1 a consumer idles for a round trip per message; values of 100 to 300 are
///   recommended for throughput).
extension Simulation {
    /// Marks the instances whose queue's broker has a deliver or ack latency and gives each
    /// its streams.
    mutating func setUpConsumerHops() {
        var any = false
        // Stream group members read a stream, not a queue (their `source` is no queue index).
        for i in instances.indices where model.consumers[instances[i].consumer].membership == nil {
            let profile = queues[instances[i].source].profile
            instances[i].hops = profile?.deliverLatency != nil || profile?.ackLatency != nil
            any = any || instances[i].hops
        }
        guard any else { return }
        entry.deliverStreams = instances.map { RandomStream(seed: model.seed, .consumer, $0.name, .deliverLatency) }
        entry.ackStreams = instances.map { RandomStream(seed: model.seed, .consumer, $0.name, .ackLatency) }
    }

    /// The broker sends `ref` to instance `i`: it arrives after the deliver latency, and not
    /// before the deliveries sent to `i` earlier.
    mutating func deliverOverTheNetwork(_ ref: MessageRef, to i: Int) {
        var arrival = now
        if let latency = queues[instances[i].source].profile?.deliverLatency {
            arrival = now + latency.sample(&entry.deliverStreams[i])
        }
        arrival = max(arrival, instances[i].lastArrival)
        instances[i].lastArrival = arrival
        instances[i].buffer.append(ref)
        instances[i].arrivals.append(arrival)
        if instances[i].current == nil && !instances[i].endingAttempt { startNextArrived(on: i) }
    }

    /// Instance `i` is free: it starts its oldest delivery if it has arrived, or waits for it.
    mutating func startNextArrived(on i: Int) {
        guard let arrival = instances[i].arrivals.first, !instances[i].awaitingArrival else { return }
        if arrival > now {
            instances[i].awaitingArrival = true
            events.schedule(.deliveryArrived(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: arrival)
            return
        }
        _ = instances[i].arrivals.popFirst()
        if let ref = instances[i].buffer.popFirst() { startAttempt(ref, on: i) }
    }

    /// The delivery instance `i` was waiting for has arrived.
    mutating func deliveryArrived(at i: Int) {
        instances[i].awaitingArrival = false
        if instances[i].current == nil && !instances[i].endingAttempt { startNextArrived(on: i) }
    }

    /// Instance `i` acks `ref`: the ack reaches the broker after the ack latency (and after
    /// the acks it sent before). Returns false when the broker has no ack latency (the ack is
    /// immediate).
    mutating func sendAck(of ref: MessageRef, by i: Int) -> Bool {
        guard let latency = queues[instances[i].source].profile?.ackLatency else { return false }
        let arrival = max(now + latency.sample(&entry.ackStreams[i]), instances[i].lastAckArrival)
        instances[i].lastAckArrival = arrival
        instances[i].acksOnTheWay.append(messages.handle(ref))
        events.schedule(.ackArrived(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: arrival)
        return true
    }

    /// The oldest ack instance `i` sent reaches the broker: the message is acked (unless it
    /// was settled meanwhile) and the instance's credit comes back.
    mutating func ackArrived(from i: Int) {
        guard let handle = instances[i].acksOnTheWay.popFirst() else { return }
        instances[i].unacked -= 1
        if let ref = messages.resolve(handle) {
            ackReached(ref, from: i, settles: canSettle(ref, by: i))
            releaseIfUnreferenced(ref)
        }
        offerCredit(of: i)
        dispatch(instances[i].source)
    }

    /// Instance `i` goes down (`disconnect`, which has taken its buffered deliveries back):
    /// deliveries on their way are gone with the connection, and so are its acks on their way
    /// — their messages are still unacked, and return to the queue as every unacked delivery
    /// does (at once, oldest at the head; on a visibility-timeout queue when it expires).
    mutating func dropHops(of i: Int) {
        while instances[i].arrivals.popFirst() != nil {}
        instances[i].awaitingArrival = false
        instances[i].lastArrival = .zero
        instances[i].lastAckArrival = .zero
        var unacked: [MessageRef] = []
        while let handle = instances[i].acksOnTheWay.popFirst() {
            if let ref = messages.resolve(handle) { unacked.append(ref) }
        }
        let visibilityTimeout = queues[instances[i].source].visibilityTimeout
        for ref in unacked.reversed() where visibilityTimeout == nil && canSettle(ref, by: i)
            && messages[ref].state == .inFlight && messages[ref].holders == 0 {
            requeue(ref, atHead: true)
        }
    }
}
