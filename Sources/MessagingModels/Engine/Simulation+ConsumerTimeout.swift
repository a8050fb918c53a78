import SimulationKernel

/// Run-time state of RabbitMQ's broker-side consumer timeout (`QueueConfiguration.consumerTimeout`);
/// inactive when no queue has one.
struct ConsumerTimeoutState {
    var active = false
    /// By queue index: the timeout, or nil.
    var timeouts: [SimDuration?] = []
}

/// RabbitMQ's delivery acknowledgement timeout: a delivery not acked within
/// `consumerTimeout` of being delivered (time in the prefetch buffer counts) makes the broker
/// close the consumer's channel; every message the channel holds unacked — the late one, the
/// one in progress and the prefetched ones — is requeued at its original position, and the
/// consumer opens a new channel at once.
///
/// The model abandons the attempt in progress at that instant (its ack could not reach the
/// broker on the closed channel), as a crash of the instance would, without counting a
/// crash; the instance then takes deliveries again. Each redelivery counts toward a quorum
/// queue's delivery limit here (RabbitMQ 4.0–4.2 counted every return; 4.3 counts a consumer
/// timeout only in `x-acquired-count`). Report: `brokers.<q>.consumerTimeout`
/// {`seconds`, `channelsClosed`, `requeued`}; trace step `consumerTimeout`.
///
/// - Note: Source: RabbitMQ documentation, "Consumers: Delivery Acknowledgement Timeout"
///   (https://www.rabbitmq.com/docs/consumers: default 30 minutes; "the channel will be closed
///   with a PRECONDITION_FAILED channel exception" and its unacknowledged deliveries are
///   requeued); quorum queues' delivery count: https://www.rabbitmq.com/docs/quorum-queues.
extension Simulation {
    /// Prepares the state (called once, at the end of `init`).
    mutating func setUpConsumerTimeouts() {
        consumerTimeouts.timeouts = model.queues.map(\.consumerTimeout)
        consumerTimeouts.active = consumerTimeouts.timeouts.contains { $0 != nil }
        for q in queues.indices { queues[q].metrics.consumerTimeout = model.queues[q].consumerTimeout }
    }

    /// `ref` was just delivered to instance `i` under manual ack for the `receiveCount`-th
    /// time: starts its timeout if the queue has one.
    mutating func startConsumerTimeout(_ ref: MessageRef, receiveCount: Int32, on i: Int) {
        guard let timeout = consumerTimeouts.timeouts[instances[i].source] else { return }
        events.schedule(.consumerTimeoutDue(messages.handle(ref), receiveCount: receiveCount), at: now + timeout)
    }

    /// The timeout of a delivery ran out: if it is still unacked with its consumer, the
    /// broker closes that consumer's channel.
    mutating func consumerTimeoutDue(_ handle: MessageHandle, receiveCount: Int32) {
        guard let ref = messages.resolve(handle), messages[ref].state == .inFlight,
              messages[ref].receiveCount == receiveCount, let i = holder(of: ref) else { return }
        let q = instances[i].source
        var held = instances[i].buffer.count
        if instances[i].current != nil { held += 1 }
        queues[q].metrics.channelsClosed += 1
        queues[q].metrics.timeoutRequeues += held
        if trace != nil { traceStep("consumerTimeout", ref, instances[i].name) }
        disconnect(i)
        // The consumer opens a new channel and subscribes again.
        offerCredit(of: i)
        dispatch(q)
    }

    /// The consumer instance holding `ref` (buffered or in progress), if any — none while
    /// only its ack is on the way.
    private func holder(of ref: MessageRef) -> Int? {
        let q = messages[ref].queue.index
        for i in instances.indices where instances[i].source == q && !instances[i].isDown
            && model.consumers[instances[i].consumer].membership == nil {
            if instances[i].current == ref { return i }
            let buffer = instances[i].buffer
            for k in 0..<buffer.count where buffer[k] == ref { return i }
        }
        return nil
    }
}
