import SimulationKernel

/// Run-time state of re-sent publishes (`PublishTimeouts`) and of queues' duplicate
/// detection (`DeduplicationPolicy`). Inactive (and empty) when no producer re-sends: a
/// queue's deduplication then has nothing to detect, since every other message id is unique.
struct ResendState {
    /// A copy waiting to be sent again: what it shares with its original.
    struct Pending {
        var id: UInt64
        var queue: QueueID
        /// Producer instance that sends it.
        var instance: ProducerInstanceID
        var isPoison: Bool
        var key: KeyStamp
    }

    /// Some producer re-sends.
    var active = false
    /// Per producer instance: whether a send's confirmation is lost (empty when inactive).
    var streams: [RandomStream] = []
    /// Copies waiting for their re-send, by the slot their `.resendDue` event names.
    var pending = SlotPool<Pending>()
    /// Copies scheduled and not yet sent (they keep the run going).
    var outstanding = 0
    /// Per queue with `deduplication`: ids of the originals of pending copies it accepted →
    /// when the id is forgotten. Each entry is removed when its copy arrives, so memory
    /// follows the copies pending.
    var remembered: [[UInt64: SimTime]] = []
    /// Ids whose original or copy is out there → successful processings so far (0 or 1); the
    /// second one is duplicate processing. Removed at the second, or when the copy was
    /// suppressed (an original that never succeeds leaves its entry until the run ends).
    var successes: [UInt64: Int8] = [:]
}

/// A producer's lost confirmations and the queue's duplicate detection.
///
/// When a producer with `publishTimeouts` publishes, a draw from its own `publishTimeout`
/// stream decides whether the confirmation is lost; if so, the same message (same id, key and
/// poison flag) is sent again `resendAfter` later. A queue with `deduplication` remembers the
/// id of the original for `window` from the original's send: a copy arriving within it is
/// accepted and discarded (`brokers.<q>.deduplicated`) — it never entered the queue, so it is
/// not in the ledger; later, or without deduplication, it enters like any publish
/// (`enqueued`) and is processed a second time (`duplicateProcessing`).
///
/// - Note: Source: Amazon SQS API reference, `SendMessage` `MessageDeduplicationId`
///   (https://github.com/boto/botocore/blob/develop/botocore/data/sqs/2012-11-05/service-2.json);
///   Azure Service Bus duplicate detection
///   (https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.administration.queueproperties.duplicatedetectionhistorytimewindow).
extension Simulation {
    /// Prepares the state (called once, at the end of `init`).
    mutating func setUpDeduplication() {
        for q in queues.indices {
            queues[q].metrics.deduplication = model.queues[q].deduplication
        }
        guard model.producers.contains(where: { $0.publishTimeouts != nil }) else { return }
        resends.active = true
        resends.streams = producers.map { RandomStream(seed: model.seed, .producer, $0.name, .publishTimeout) }
        resends.remembered = model.queues.map { _ in [:] }
    }

    /// Producer instance `i` is about to send `ref` (just made, with `key`) to queue `q`:
    /// decides whether its confirmation is lost, and if so schedules the copy.
    mutating func considerResend(_ ref: MessageRef, key: KeyStamp, to q: Int, from i: Int) {
        guard let timeouts = model.producers[producers[i].producer].publishTimeouts,
              timeouts.fraction > 0, resends.streams[i].bernoulli(timeouts.fraction) else { return }
        let record = messages[ref]
        let pending = ResendState.Pending(id: record.id, queue: QueueID(q), instance: ProducerInstanceID(i), isPoison: record.isPoison, key: key)
        let slot = resends.pending.store(pending)
        resends.outstanding += 1
        resends.successes[record.id] = 0
        // The broker stores the original now (a send refused while it is down is not
        // remembered, so its copy is not suppressed).
        if let policy = model.queues[q].deduplication, !queues[q].isDown {
            resends.remembered[q][record.id] = now + policy.window
        }
        events.schedule(.resendDue(slot), at: now + timeouts.resendAfter)
    }

    /// The copy in `slot` is sent now: suppressed by its queue's duplicate detection, or
    /// stored and delivered like any publish.
    mutating func resend(_ slot: Int32) {
        let pending = resends.pending.take(slot)
        resends.outstanding -= 1
        workDone &+= 1
        let q = pending.queue.index
        queues[q].metrics.resent += 1
        if model.queues[q].deduplication != nil,
           let forgetAt = resends.remembered[q].removeValue(forKey: pending.id), forgetAt > now {
            queues[q].metrics.deduplicated += 1
            resends.successes[pending.id] = nil
            if trace != nil {
                trace?(TraceEntry(time: now, kind: "deduplicated", messageID: pending.id,
                                  entity: producers[pending.instance].name, queue: queues[q].metrics.name))
            }
            return
        }
        let i = pending.instance.index
        let ref = messages.allocate(MessageRecord(
            id: pending.id, publishedAt: now, measured: now >= warmup, queue: QueueID(q),
            producer: ProducerID(producers[i].producer), isPoison: pending.isPoison))
        if ordering.active { stamp(ref, with: pending.key) }
        if trace != nil { traceStep("resend", ref, producers[i].name) }
        queues[q].metrics.enqueued += 1
        offer(ref, to: q, from: i)
    }

    /// `ref` was processed successfully for the first time: if it is an original or a copy of
    /// a re-sent message whose twin was processed already, that is duplicate processing.
    mutating func countResentProcessing(_ ref: MessageRef) {
        let id = messages[ref].id
        guard let done = resends.successes[id] else { return }
        if done > 0 {
            resends.successes[id] = nil
            metrics.duplicateProcessing += 1
            queues[messages[ref].queue].metrics.duplicateProcessing += 1
        } else {
            resends.successes[id] = 1
        }
    }
}
