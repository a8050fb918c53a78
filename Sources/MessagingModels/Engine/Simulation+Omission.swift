import SimulationKernel

/// Coordinated omission: latency measured from when a message was meant to be sent, not only
/// from when it was.
///
/// A producer's arrival process is its intended schedule. Only a producer token bucket can
/// make a producer fall behind it: a publish without a token waits (the client blocks), so
/// the message goes out later than intended. Such a producer keeps its schedule — its next
/// arrival follows the previous intended one, not the late send — and publishes what is due
/// as soon as tokens allow, as wrk2 does; `endToEnd` counts from the actual send (the
/// message's `publishedAt`) and `fromIntendedSend` from the intended one, so
/// fromIntendedSend = endToEnd + publish delay, message by message. Without this a slow
/// limit would hide its backlog: the client would simply publish less, and the latency of
/// the messages it never got to send would be omitted.
///
/// Nothing else delays a producer here: a leaky bucket, a broker's ingress capacity
/// (`messagesPerSecond`) and a `rejectPublish` queue's refusals (retried after
/// `publishRetry`) all take the message at its intended time, so their waits are already in
/// `endToEnd` and `queueWait`.
///
/// Publish delays live in a side array indexed by arena slot (as message keys do), so
/// `MessageRecord` does not grow and memory follows what is in flight; a stream record's in a
/// side array of its partition's log (`OffsetLog.keepDelays`), so `StreamRecord` does not grow
/// either. A stream's `fromIntendedSend` is recorded where its `endToEnd` is: when a group
/// first processes the record.
/// - Note: Source: Gil Tene, "How NOT to Measure Latency" (coordinated omission), and wrk2's
///   README (https://github.com/giltene/wrk2: "latency is measured from the time the
///   request was supposed to be sent").
struct OmissionState {
    /// Some producer instance can fall behind its schedule.
    var active = false
    /// Intended → actual send of the publish being made now; zero outside a late-capable
    /// producer's publish (so a consumer's follow-up or a backlog message gets zero).
    var currentDelay = SimDuration.zero
    /// Per arena slot: the publish delay of the message in it.
    var delays: ContiguousArray<SimDuration> = []
    /// Per producer (indexed like `SystemModel.producers`): the delays of its measured
    /// publishes (sent at or after the warm-up).
    var publishDelays: [LatencyHistogram] = []
    /// Per producer (indexed like `SystemModel.producers`): publishes it meant to make before
    /// it stopped but never sent (`countUnsent`).
    var unsent: [Int] = []

    /// The most scheduled publishes `countUnsent` counts for one producer instance: beyond it
    /// the count stops (a producer at millions of messages per second behind a slow bucket
    /// for hours would otherwise take as long to count as to simulate).
    static let maxUnsentCounted = 10_000_000
}

extension Simulation {
    /// Turns the accounting on when some producer instance can fall behind (called after
    /// `setUpFlowControl`, which marks them).
    mutating func setUpOmission() {
        omission.active = producers.contains { $0.keepsSchedule }
        if omission.active {
            omission.publishDelays = model.producers.map { _ in LatencyHistogram() }
            omission.unsent = model.producers.map { _ in 0 }
            // The streams a late-capable producer appends to keep each record's delay.
            for i in producers.indices where producers[i].keepsSchedule && producers[i].path == .stream {
                guard let s = streamRuntime.producers[i].stream else { continue }
                for p in streamRuntime.streams[s].logs.indices where !streamRuntime.streams[s].logs[p].keepsDelays {
                    streamRuntime.streams[s].logs[p].keepDelays()
                }
            }
        }
    }

    /// Producer instance `i` publishes now what it meant to publish at `intended`: records
    /// the delay and makes it the current one for the messages of this publish.
    mutating func beginLatePublish(from i: Int) {
        let delay = now - producers[i].intended
        omission.currentDelay = delay
        if now >= warmup { omission.publishDelays[producers[i].producer].record(delay) }
    }

    /// Producer instance `i` stops now without sending the publish it meant to make at
    /// `intended` (the token for it would come after its stop): counts that publish and every
    /// later one its arrival process schedules up to the stop, within its `count`, as unsent.
    /// Draws the remaining arrivals from the instance's own stream, which nothing reads after
    /// it stops; counts at most `OmissionState.maxUnsentCounted`.
    mutating func countUnsent(of i: Int) {
        var unsent = 1
        var left = producers[i].count.map { $0 - producers[i].published - 1 } ?? Int.max
        var time = producers[i].intended
        while left > 0, unsent < OmissionState.maxUnsentCounted,
              let next = producers[i].arrivals.next(after: time, stream: &producers[i].arrivalStream), next <= producers[i].stop {
            unsent += 1
            left -= 1
            time = next
        }
        omission.unsent[producers[i].producer] += unsent
    }

    /// Traces that message `id`, just published by producer instance `i`, waited for its
    /// token bucket: a `throttle` step at `intended`, when its arrival process meant to send
    /// it (the `publish` step is at the time the token let it go, now). Emitted after the
    /// message's publish step, so a selection that follows a key already follows it;
    /// `mqlab trace` puts steps in time order.
    func traceThrottle(_ id: UInt64, from i: Int, intended: SimTime) {
        let queue = producers[i].path == .queue ? model.queues[producers[i].target].name : ""
        trace?(TraceEntry(time: intended, kind: "throttle", messageID: id, entity: producers[i].name, queue: queue))
    }

    /// Gives the message in `ref`'s slot the current publish delay. Called for every message
    /// allocated for a publish while `omission.active`, so a reused slot never keeps the delay
    /// of the message that had it before.
    mutating func stampPublishDelay(_ ref: MessageRef) {
        let slot = Int(ref.slot)
        if omission.delays.count <= slot {
            omission.delays.append(contentsOf: repeatElement(.zero, count: slot + 1 - omission.delays.count))
        }
        omission.delays[slot] = omission.currentDelay
    }

    /// A copy of `source` (dead-lettered on) keeps its publish delay.
    mutating func copyPublishDelay(from source: MessageRef, to copy: MessageRef) {
        let slot = Int(source.slot)
        omission.currentDelay = slot < omission.delays.count ? omission.delays[slot] : .zero
        stampPublishDelay(copy)
        omission.currentDelay = .zero
    }

    /// Records the latency from the intended send of measured message `ref` (`record`),
    /// acked now in queue `q`.
    mutating func recordFromIntendedSend(_ ref: MessageRef, _ record: MessageRecord, in q: Int) {
        let slot = Int(ref.slot)
        let delay = slot < omission.delays.count ? omission.delays[slot] : .zero
        queues[q].metrics.latency.fromIntendedSend.record(now - record.publishedAt + delay)
    }
}
