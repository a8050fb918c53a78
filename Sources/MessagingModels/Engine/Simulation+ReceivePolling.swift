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
/// - a short poller polls at `readySince + tₖ` (k = 0, 1, …; tₖ = k × pollInterval, or the
///   back-off's offsets, `ReceivePolling.firstPoll`): a message that finds it between two
///   polls makes it leave the round-robin until its next poll (one `.pollDue` event), which
///   then takes what is there; the k polls before were empty.
/// At the end of the run an idle instance's empty receives since `readySince` are added.
/// Receiving takes the first message as any delivery does and then up to `maxMessages − 1`
/// more that are deliverable now, within the instance's credit, all in one call.
///
/// Short-poll sampling (`QueueConfiguration.shortPollSampling` p < 1): a short poll that
/// finds messages visible sees each of them with probability p, drawn from the instance's
/// own `pollSampling` stream (at most 1,000 draws: with 1,000 or more visible the poll sees
/// as many as it asks for). It takes at most the messages it saw; one that saw none is a
/// false empty receive (`QueueMetrics.falseEmptyReceives`) and the instance polls again at
/// its next poll time. Long polls see every message.
/// - Note: Source: Amazon SQS API Reference, ReceiveMessage
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html:
///   a short poll samples a weighted random set of servers and returns only their messages;
///   with fewer than 1,000 messages in the queue it likely returns fewer than requested, or
///   none; a long poll queries all servers). AWS publishes no sampling fraction: p is an
///   assumption.
extension Simulation {
    /// Instance `i` receives `first` (just taken from the round-robin) in one call with up to
    /// `maxMessages − 1` more messages of queue `q`, and calls again if it has credit left.
    mutating func receive(_ first: MessageRef, by i: Int, from q: Int) {
        guard let polling = instances[i].polling else { return }
        instances[i].inRoundRobin = false
        let empty = polling.isLongPoll ? emptyPolls(of: i, period: polling.wait) : shortPollsBefore(i, polling)
        queues[q].metrics.emptyReceives += empty
        queues[q].metrics.receiveCalls += empty + 1
        instances[i].receiving = true
        deliver(first, to: i)
        var taken = 1
        let most = min(polling.maxMessages, instances[i].sampledMessages)
        instances[i].sampledMessages = Int.max
        while taken < most, canTakeDelivery(i), let next = nextDeliverable(of: q) {
            disciplineDeliver(next, to: i, from: q)
            taken += 1
        }
        instances[i].receiving = false
        offerCredit(of: i)
    }

    /// The empty short polls instance `i` made since its receive call opened and has not
    /// counted yet: those before the poll at `now` (or before the end of the run).
    @inline(__always) mutating func shortPollsBefore(_ i: Int, _ polling: ReceivePolling) -> Int {
        let waited = (now - instances[i].readySince).nanoseconds
        return max(0, polling.firstPoll(atOrAfter: waited).index - instances[i].pollsCounted)
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
        let waited = (now - instances[i].readySince).nanoseconds
        let poll = polling.firstPoll(atOrAfter: waited)
        if poll.offset == waited {
            let q = instances[i].source
            guard queues[q].shortPollSampling < 1 else { return true }
            let seen = sampleVisibleMessages(by: i, in: q, wanted: polling.maxMessages)
            if seen > 0 {
                instances[i].sampledMessages = seen
                return true
            }
            // A false empty receive: this poll and the idle ones before it are counted now.
            let empty = poll.index + 1 - instances[i].pollsCounted
            queues[q].metrics.emptyReceives += empty
            queues[q].metrics.receiveCalls += empty
            queues[q].metrics.falseEmptyReceives += 1
            instances[i].pollsCounted = poll.index + 1
            return waitForPoll(i, at: polling.firstPoll(atOrAfter: waited + 1).offset)
        }
        return waitForPoll(i, at: poll.offset)
    }

    /// Instance `i` leaves the round-robin until its poll at `offset` [ns] after `readySince`.
    @inline(__always) mutating func waitForPoll(_ i: Int, at offset: Int64) -> Bool {
        instances[i].inRoundRobin = false
        instances[i].pollPending = true
        let next = instances[i].readySince + SimDuration(nanoseconds: offset)
        events.schedule(.pollDue(instance: ConsumerInstanceID(i), incarnation: instances[i].incarnation), at: next)
        return false
    }

    /// How many of queue `q`'s visible messages a short poll of instance `i` sees, each with
    /// the queue's sampling probability, counting up to `wanted`; `wanted` when 1,000 or more
    /// are visible. Called only with a message in hand: one that arrives at an empty queue
    /// goes straight through without changing the depth, so at least one is visible.
    mutating func sampleVisibleMessages(by i: Int, in q: Int, wanted: Int) -> Int {
        let visible = max(1, Int(queues[q].metrics.depth.value))
        if visible >= 1_000 { return wanted }
        let p = queues[q].shortPollSampling
        var seen = 0
        var drawn = 0
        while drawn < visible, seen < wanted {
            if instances[i].samplingStream.bernoulli(p) { seen += 1 }
            drawn += 1
        }
        return seen
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
            if queues[instances[i].source].shortPollSampling < 1 { queues[instances[i].source].metrics.samplesShortPolls = true }
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
            // Short polls at readySince + tₖ before the end (a poll at the very instant the run
            // ends is not made), less those already counted.
            let empty = polling.isLongPoll ? emptyPolls(of: i, period: polling.wait) : shortPollsBefore(i, polling)
            queues[instances[i].source].metrics.emptyReceives += empty
            queues[instances[i].source].metrics.receiveCalls += empty
        }
    }
}
