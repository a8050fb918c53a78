import SimulationKernel

/// Consumers that pull (`ReceivePolling`): receive calls of up to `maxMessages` messages,
/// long and short polls, and the count of receive calls and empty receives per queue
/// (`QueueMetrics.receiveCalls`, `emptyReceives`).
///
/// An instance with credit is in its queue's round-robin as any consumer is; for a polling
/// instance that means it has a receive call open since `readySince` (when its previous call
/// returned, or when it got credit back). Nothing is scheduled while it waits:
/// - a long poller takes a message the moment one is there, as a push would; the empty
///   receives it made meanwhile are counted then: `⌊(now − readySince) / wait⌋`;
/// - a short poller polls at `readySince + k × pollInterval` (k = 0, 1, …): a message that
///   finds it between two polls makes it leave the round-robin until its next poll (one
///   `.pollDue` event), which then takes what is there; the k polls before were empty.
/// At the end of the run an idle instance's empty receives since `readySince` are added.
/// Receiving takes the first message as any delivery does and then up to `maxMessages − 1`
/// more that are deliverable now, within the instance's credit, all in one call.
extension Simulation {
    /// Instance `i` receives `first` (just taken from the round-robin) in one call with up to
    /// `maxMessages − 1` more messages of queue `q`, and calls again if it has credit left.
    mutating func receive(_ first: MessageRef, by i: Int, from q: Int) {
        guard let polling = instances[i].polling else { return }
        instances[i].inRoundRobin = false
        let empty = emptyPolls(of: i, period: polling.emptyPeriod)
        queues[q].metrics.emptyReceives += empty
        queues[q].metrics.receiveCalls += empty + 1
        instances[i].receiving = true
        deliver(first, to: i)
        var taken = 1
        while taken < polling.maxMessages, canTakeDelivery(i), let next = nextDeliverable(of: q) {
            disciplineDeliver(next, to: i, from: q)
            taken += 1
        }
        instances[i].receiving = false
        offerCredit(of: i)
    }

    /// Whole empty periods instance `i` has waited since its receive call opened.
    @inline(__always) mutating func emptyPolls(of i: Int, period: SimDuration) -> Int {
        let waited = (now - instances[i].readySince).nanoseconds
        return waited > 0 ? Int(waited / period.nanoseconds) : 0
    }

    /// Whether short-polling instance `i` polls now; if not, it leaves the round-robin until
    /// its next poll, which is scheduled. Returns true for every other instance.
    @inline(__always) mutating func pollsNow(_ i: Int) -> Bool {
        guard let polling = instances[i].polling, !polling.isLongPoll else { return true }
        let interval = polling.pollInterval.nanoseconds
        let waited = (now - instances[i].readySince).nanoseconds
        if waited % interval == 0 { return true }
        instances[i].inRoundRobin = false
        instances[i].pollPending = true
        let next = instances[i].readySince + SimDuration(nanoseconds: (waited / interval + 1) * interval)
        events.schedule(.pollDue(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: next)
        return false
    }

    /// Short-polling instance `i` polls again: it takes what is waiting (its poll phase kept),
    /// or waits in line for its next poll. After a crash (another incarnation) it simply
    /// rejoins if it can.
    mutating func pollDue(_ i: Int, incarnation: UInt32) {
        instances[i].pollPending = false
        guard instances[i].incarnation == incarnation else { return offerCredit(of: i) }
        guard !instances[i].inRoundRobin, canTakeDelivery(i) else { return }
        instances[i].inRoundRobin = true
        queues[instances[i].source].readyConsumers.append(ConsumerInstanceID(i))
        dispatch(instances[i].source)
    }

    /// Marks the queues that polling consumers read.
    mutating func setUpReceivePolling() {
        for i in instances.indices where instances[i].polling != nil {
            queues[instances[i].source].metrics.polled = true
        }
    }

    /// Adds the empty receives of instances still waiting when the run ends: long polls that
    /// ran their whole wait, and short polls at `readySince` and every interval after, before
    /// the end.
    mutating func closeReceivePolling() {
        for i in instances.indices {
            // Up, its gate open (an autoscaled instance not started, a paused one, polls not).
            guard let polling = instances[i].polling, instances[i].inRoundRobin || instances[i].pollPending,
                  !instances[i].isDown, instances[i].gate == 0 else { continue }
            var empty = emptyPolls(of: i, period: polling.emptyPeriod)
            // Short polls at readySince + k × interval before the end (a poll at the very
            // instant the run ends is not made).
            if !polling.isLongPoll, now > instances[i].readySince {
                let waited = (now - instances[i].readySince).nanoseconds - 1
                empty = Int(waited / polling.pollInterval.nanoseconds) + 1
            }
            queues[instances[i].source].metrics.emptyReceives += empty
            queues[instances[i].source].metrics.receiveCalls += empty
        }
    }
}
