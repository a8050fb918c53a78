import SimulationKernel

/// Delay queues: a message that enters a queue with a `delay` stays invisible (state
/// `delayed`, not counted in the depth, not deliverable) for that long, then enters the queue
/// as if it had just arrived — a TTL starts then, a capacity is checked then, and it takes its
/// place at the tail (or its priority level, or its message group). Its time in the queue, and
/// so its queue wait and end-to-end latency, includes the delay. Held-back messages survive a
/// broker crash (as messages waiting for a retry backoff do) and count as `remaining` in the
/// ledger while they wait.
/// - Note: Source: AWS SQS Developer Guide, "Amazon SQS delay queues" (messages sent to a
///   delay queue stay invisible for `DelaySeconds`, 0 … 900 s;
///   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html);
///   Azure Service Bus "Message sequencing and timestamps", scheduled messages (not visible
///   before their enqueue time;
///   https://learn.microsoft.com/azure/service-bus-messaging/message-sequencing).
extension Simulation {
    /// Holds `ref`, which has just entered queue `q`, for the queue's delay.
    mutating func holdBack(_ ref: MessageRef, in q: Int) {
        messages[ref].state = .delayed
        queues[q].metrics.delayed += 1
        if trace != nil { traceStep("delay", ref, queues[q].metrics.name) }
        events.schedule(.delayDue(messages.handle(ref)), at: now + queues[q].delay)
    }

    /// The delay of the message behind `handle` is over: it enters its queue now (unless it is
    /// no longer held back).
    mutating func delayEnded(_ handle: MessageHandle) {
        guard let ref = messages.resolve(handle), messages[ref].state == .delayed else { return }
        enqueueNow(ref, into: Int(messages[ref].queue))
    }
}
