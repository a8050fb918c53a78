import SimulationKernel

/// Bits of `ConsumerInstance.gate`. One mechanism serves pauses, an open circuit breaker and
/// autoscaling: while any bit is set the instance takes no deliveries (`canTakeDelivery`);
/// while one of `attempts` is set it also starts no attempt, holding the message it would
/// start (`AttemptHold.gate`). An attempt already running finishes normally.
enum Gate {
    /// Its consumer is paused (`pauses`).
    static let paused: UInt8 = 1
    /// Its consumer's circuit breaker is open, or half-open with every probe taken.
    static let breaker: UInt8 = 2
    /// Stopped or starting by the autoscaler.
    static let stopped: UInt8 = 4
    /// Stopping: takes no deliveries but finishes what it holds.
    static let stopping: UInt8 = 8
    /// The bits that also stop attempts.
    static let attempts: UInt8 = paused | breaker | stopped
}

/// A timer of the consumer controls: one event case for all of them.
enum ControlEvent {
    /// The consumer's pause starts.
    case pauseStarts(ConsumerID)
    /// The consumer's pause ends.
    case pauseEnds(ConsumerID)
    /// The consumer's open circuit breaker turns half-open.
    case halfOpen(ConsumerID)
    /// A half-open probe of the consumer was cut off by a crash.
    case probeFreed(ConsumerID)
    /// The consumer's autoscaler evaluates; `token` is the evaluation's number, stale unless
    /// it is the autoscaler's latest.
    case autoscale(ConsumerID, token: UInt32)
    /// The instance's startup delay is over.
    case instanceReady(ConsumerInstanceID)
}

/// Run-time state of consumer pauses, downstreams, circuit breakers and autoscalers. Plain
/// runs leave it empty; no instance is `resilient`, so the hot path pays one flag test.
struct ResilienceState {
    /// A circuit breaker at run time.
    struct Breaker {
        /// One call's end time and outcome, in the sliding window.
        struct Call {
            var end: SimTime
            var failed: Bool
        }
        let policy: CircuitBreakerPolicy
        var state = ResilienceMetrics.BreakerState.closed
        /// Calls that ended within the last `window`, oldest first, and how many failed.
        var window = RingBuffer<Call>(capacity: 64)
        var windowFailures = 0
        /// Half-open: probes started and probes that succeeded.
        var probesStarted = 0
        var probesSucceeded = 0
        var openSince = SimTime.zero
        var figures = ResilienceMetrics.Breaker()
    }

    /// One consumer's controls.
    struct Controls {
        /// Its instances (contiguous in `Simulation.instances`).
        var instances: Range<Int>
        var pauses: [ScheduledWindow]
        var downstream: Downstream?
        /// First outage that has not ended yet (attempts start in time order).
        var outageCursor = 0
        var calls = 0
        var failures = 0
        var breaker: Breaker?
        var scaler: Autoscaler?
    }

    /// By consumer index; nil for consumers without controls. Empty in plain runs.
    var consumers: [Controls?] = []
    /// By instance index (sized only when some consumer has controls): whether its running
    /// attempt is a half-open probe, whether its held message is held back by the breaker,
    /// and since when.
    var isProbe: [Bool] = []
    var heldByBreaker: [Bool] = []
    var holdStart: [SimTime] = []
}

extension Simulation {
    /// Whether consumer `c` uses any consumer control.
    static func hasControls(_ c: ConsumerConfiguration) -> Bool {
        !c.pauses.isEmpty || c.downstream != nil || c.circuitBreaker != nil || c.autoscale != nil
    }

    /// Marks the instances of controlled consumers, schedules the pauses and sets up breakers
    /// and autoscalers (called at the end of `init`).
    mutating func setUpResilience() {
        guard model.consumers.contains(where: Self.hasControls) else { return }
        resilience.consumers = model.consumers.map { _ in nil }
        resilience.isProbe = instances.map { _ in false }
        resilience.heldByBreaker = resilience.isProbe
        resilience.holdStart = instances.map { _ in SimTime.zero }
        var first = 0
        for (c, consumer) in model.consumers.enumerated() {
            defer { first += consumer.instances }
            guard Self.hasControls(consumer), consumer.membership == nil else { continue }
            let range = first..<(first + consumer.instances)
            var controls = ResilienceState.Controls(instances: range, pauses: consumer.pauses, downstream: consumer.downstream)
            controls.breaker = consumer.circuitBreaker.map { ResilienceState.Breaker(policy: $0) }
            resilience.consumers[c] = controls
            for i in range {
                instances[i].resilient = true
                instances[i].controlled = true
            }
            for pause in consumer.pauses {
                // A pause from time 0 is in force before anything is delivered (an initial
                // backlog included).
                if pause.start == .zero {
                    closeGates(of: c, Gate.paused)
                } else {
                    events.schedule(.control(ControlEvent.pauseStarts(ConsumerID(c))), at: pause.start)
                }
                events.schedule(.control(ControlEvent.pauseEnds(ConsumerID(c))), at: pause.end)
            }
            if let policy = consumer.autoscale { setUpAutoscaler(c, policy: policy, instances: range) }
        }
    }

    /// Carries out a control timer.
    mutating func handle(_ event: ControlEvent) {
        switch event {
        case .pauseStarts(let consumer):
            closeGates(of: consumer.index, Gate.paused)
            traceControl("pause", model.consumers[consumer.index].name)
        case .pauseEnds(let consumer):
            traceControl("resume", model.consumers[consumer.index].name)
            openGates(of: consumer.index, Gate.paused)
        case .halfOpen(let consumer):
            breakerHalfOpens(consumer.index)
        case .probeFreed(let consumer):
            if resilience.consumers[consumer.index]?.breaker?.state == .halfOpen { openGates(of: consumer.index, Gate.breaker) }
        case .autoscale(let consumer, let token):
            if resilience.consumers[consumer.index]?.scaler?.token == token { autoscale(consumer.index) }
        case .instanceReady(let instance):
            instanceReady(instance.index)
        }
    }

    /// Traces a control step, which concerns no message (message id 0).
    mutating func traceControl(_ kind: String, _ entity: String) {
        if trace != nil { trace?(TraceEntry(time: now, kind: kind, messageID: 0, entity: entity)) }
    }

    // MARK: Gates

    /// Closes gate `bit` of every instance of consumer `c`.
    mutating func closeGates(of c: Int, _ bit: UInt8) {
        guard let range = resilience.consumers[c]?.instances else { return }
        for i in range { instances[i].gate |= bit }
    }

    /// Opens gate `bit` of every instance of consumer `c`, then lets the queue deliver.
    mutating func openGates(of c: Int, _ bit: UInt8) {
        guard let range = resilience.consumers[c]?.instances else { return }
        for i in range { openGate(bit, of: i) }
        dispatch(model.consumers[c].source.index)
    }

    /// Opens gate `bit` of instance `i`: a message it held starts if no other gate holds it,
    /// and it is offered credit again (the caller dispatches).
    mutating func openGate(_ bit: UInt8, of i: Int) {
        instances[i].gate &= ~bit
        if instances[i].hold == .gate, instances[i].gate & Gate.attempts == 0, let ref = instances[i].current {
            instances[i].hold = .none
            instances[i].current = nil
            startAttempt(ref, on: i)
            // Held again by the breaker (half-open, probes taken): the same hold goes on.
            if instances[i].hold != .gate { endBreakerHold(i) }
        }
        offerCredit(of: i)
    }

    /// Instance `i` holds `ref` until its gate opens; the attempt has not started.
    mutating func holdAtGate(_ ref: MessageRef, on i: Int) {
        instances[i].current = ref
        instances[i].hold = .gate
        if instances[i].gate & Gate.breaker != 0, !resilience.heldByBreaker[i] {
            let c = instances[i].consumer
            resilience.consumers[c]?.breaker?.figures.heldBack += 1
            resilience.heldByBreaker[i] = true
            resilience.holdStart[i] = now
        }
        if trace != nil { traceStep("hold", ref, instances[i].name) }
    }

    /// Adds the time instance `i`'s held message waited for the breaker.
    mutating func endBreakerHold(_ i: Int) {
        guard resilience.heldByBreaker[i] else { return }
        resilience.heldByBreaker[i] = false
        resilience.consumers[instances[i].consumer]?.breaker?.figures.heldBackSeconds += (now - resilience.holdStart[i]).seconds
    }

    /// Instance `i` (with a rate limit or controls) is about to start an attempt on `ref`:
    /// returns true if it may start now; otherwise it holds the message (gate closed,
    /// breaker not letting the call through, or no token yet).
    mutating func admitAttempt(_ ref: MessageRef, on i: Int) -> Bool {
        if instances[i].gate & Gate.attempts != 0 {
            holdAtGate(ref, on: i)
            return false
        }
        if instances[i].resilient, !breakerPermits(i) {
            instances[i].gate |= Gate.breaker
            holdAtGate(ref, on: i)
            return false
        }
        if let b = instances[i].bucket { return takeToken(for: ref, on: i, from: b) }
        return true
    }

    // MARK: Downstream

    /// Instance `i` starts an attempt that calls its consumer's downstream: returns true if
    /// the call fails (the dependency is out, or its failure rate says so).
    mutating func callDownstream(on i: Int) -> Bool {
        let c = instances[i].consumer
        guard var controls = resilience.consumers[c], let downstream = controls.downstream else { return false }
        resilience.consumers[c] = nil   // mutate a local copy, not the array element (no copy-on-write)
        defer { resilience.consumers[c] = controls }
        controls.calls += 1
        let outages = downstream.outages
        while controls.outageCursor < outages.count, outages[controls.outageCursor].end <= now { controls.outageCursor += 1 }
        var failed = controls.outageCursor < outages.count && outages[controls.outageCursor].start <= now
        if !failed, downstream.failureRate > 0 { failed = instances[i].downstreamStream.bernoulli(downstream.failureRate) }
        if failed { controls.failures += 1 }
        return failed
    }

    // MARK: Circuit breaker

    /// Whether the breaker of instance `i`'s consumer lets an attempt start now (taking a
    /// half-open probe if so); true without a breaker.
    mutating func breakerPermits(_ i: Int) -> Bool {
        let c = instances[i].consumer
        guard let breaker = resilience.consumers[c]?.breaker else { return true }
        switch breaker.state {
        case .closed:
            return true
        case .open:
            return false
        case .halfOpen:
            guard breaker.probesStarted < breaker.policy.halfOpenProbes else { return false }
            resilience.consumers[c]?.breaker?.probesStarted += 1
            resilience.isProbe[i] = true
            return true
        }
    }

    /// Instance `i` of a controlled consumer finished an attempt with `outcome` (its
    /// `current` already cleared): the breaker records it; a stopping instance that holds
    /// nothing more stops.
    mutating func controlledAttemptEnded(on i: Int, _ outcome: AttemptOutcome) {
        let c = instances[i].consumer
        let probe = resilience.isProbe[i]
        resilience.isProbe[i] = false
        if resilience.consumers[c]?.breaker != nil {
            if outcome == .skippedDuplicate || outcome == .claimedElsewhere {
                // No call was made: a probe slot it took is free again.
                if probe { releaseProbe(of: c) }
            } else {
                recordCall(of: c, failed: outcome == .failure || outcome == .timeout, probe: probe)
            }
        }
        if instances[i].gate & Gate.stopping != 0, instances[i].buffer.isEmpty, instances[i].current == nil {
            instanceStopped(i)
        }
    }

    /// A half-open probe ended without calling the downstream (or was cut off by a crash):
    /// another held attempt may take its place.
    mutating func releaseProbe(of c: Int) {
        guard let breaker = resilience.consumers[c]?.breaker, breaker.state == .halfOpen else { return }
        resilience.consumers[c]?.breaker?.probesStarted -= 1
        openGates(of: c, Gate.breaker)
    }

    /// Records the outcome of a call of consumer `c` that ended now.
    mutating func recordCall(of c: Int, failed: Bool, probe: Bool) {
        guard var controls = resilience.consumers[c], var breaker = controls.breaker else { return }
        switch breaker.state {
        case .closed:
            // Taken out of the array while it changes, so its ring is not copied.
            resilience.consumers[c] = nil
            controls.breaker = nil
            breaker.window.append(.init(end: now, failed: failed))
            if failed { breaker.windowFailures += 1 }
            // The window holds the calls that ended in (now − window, now].
            let cutoff = SimTime(nanoseconds: now.nanoseconds &- breaker.policy.window.nanoseconds)
            while let oldest = breaker.window.first, oldest.end <= cutoff {
                _ = breaker.window.popFirst()
                if oldest.failed { breaker.windowFailures -= 1 }
            }
            let calls = breaker.window.count
            controls.breaker = breaker
            resilience.consumers[c] = controls
            if calls >= breaker.policy.minimumCalls,
               Double(breaker.windowFailures) >= breaker.policy.failureThreshold * Double(calls) {
                breakerOpens(c)
            }
        case .open:
            break   // an attempt that started before the breaker opened
        case .halfOpen:
            guard probe else { return }
            if failed { return breakerOpens(c) }
            breaker.probesSucceeded += 1
            resilience.consumers[c]?.breaker = breaker
            if breaker.probesSucceeded >= breaker.policy.halfOpenProbes { breakerCloses(c) }
        }
    }

    /// Appends a state change to breaker `c`'s figures.
    mutating func recordTransition(of c: Int, to state: ResilienceMetrics.BreakerState) {
        resilience.consumers[c]?.breaker?.state = state
        resilience.consumers[c]?.breaker?.figures.transitionCount += 1
        if (resilience.consumers[c]?.breaker?.figures.transitions.count ?? 0) < ResilienceMetrics.seriesLimit {
            resilience.consumers[c]?.breaker?.figures.transitions.append((now, state))
        }
        traceControl("breaker:" + state.rawValue, model.consumers[c].name)
    }

    /// Consumer `c`'s breaker opens: every instance is gated for `openFor`.
    mutating func breakerOpens(_ c: Int) {
        guard let policy = resilience.consumers[c]?.breaker?.policy else { return }
        recordTransition(of: c, to: .open)
        resilience.consumers[c]?.breaker?.figures.opened += 1
        resilience.consumers[c]?.breaker?.openSince = now
        resilience.consumers[c]?.breaker?.window = RingBuffer(capacity: 64)
        resilience.consumers[c]?.breaker?.windowFailures = 0
        closeGates(of: c, Gate.breaker)
        events.schedule(.control(ControlEvent.halfOpen(ConsumerID(c))), at: now + policy.openFor)
    }

    /// `openFor` is over: the breaker lets `halfOpenProbes` attempts through.
    mutating func breakerHalfOpens(_ c: Int) {
        guard let breaker = resilience.consumers[c]?.breaker, breaker.state == .open else { return }
        recordTransition(of: c, to: .halfOpen)
        resilience.consumers[c]?.breaker?.figures.halfOpened += 1
        resilience.consumers[c]?.breaker?.figures.openSeconds += (now - breaker.openSince).seconds
        resilience.consumers[c]?.breaker?.probesStarted = 0
        resilience.consumers[c]?.breaker?.probesSucceeded = 0
        openGates(of: c, Gate.breaker)
    }

    /// Every probe succeeded: the breaker closes with an empty window.
    mutating func breakerCloses(_ c: Int) {
        recordTransition(of: c, to: .closed)
        resilience.consumers[c]?.breaker?.figures.closed += 1
        openGates(of: c, Gate.breaker)
    }

    // MARK: Crashes

    /// Instance `i` of a controlled consumer is about to let go of everything it holds (a
    /// crash or its broker going down): a breaker hold ends, a probe it was running is
    /// freed, and a stopping instance is stopped.
    mutating func controlledInstanceDisconnects(_ i: Int) {
        let c = instances[i].consumer
        if instances[i].hold == .gate { endBreakerHold(i) }
        if resilience.isProbe[i] {
            // The probe never reports: its slot goes to another held attempt, once this
            // instance has let go of its messages.
            resilience.isProbe[i] = false
            if resilience.consumers[c]?.breaker?.state == .halfOpen {
                resilience.consumers[c]?.breaker?.probesStarted -= 1
                events.schedule(.control(ControlEvent.probeFreed(ConsumerID(c))), at: now)
            }
        }
        if instances[i].gate & Gate.stopping != 0 { instanceStopped(i) }
    }

    // MARK: Report

    /// The figures of every controlled consumer, or nil when the model has none.
    mutating func closeResilience() -> ResilienceMetrics? {
        guard !resilience.consumers.isEmpty else { return nil }
        for i in instances.indices where instances[i].resilient && instances[i].hold == .gate { endBreakerHold(i) }
        var figures = ResilienceMetrics()
        figures.consumers = resilience.consumers.map { controls -> ResilienceMetrics.Consumer? in
            guard let controls else { return nil }
            var consumer = ResilienceMetrics.Consumer()
            if !controls.pauses.isEmpty {
                consumer.pausedSeconds = controls.pauses.reduce(0) { $0 + $1.seconds(until: now) }
            }
            if let downstream = controls.downstream {
                consumer.downstream = ResilienceMetrics.Downstream(
                    calls: controls.calls, failures: controls.failures,
                    outageSeconds: downstream.outages.reduce(0) { $0 + $1.seconds(until: now) })
            }
            if var breaker = controls.breaker {
                if breaker.state == .open { breaker.figures.openSeconds += (now - breaker.openSince).seconds }
                consumer.breaker = breaker.figures
            }
            consumer.autoscaling = controls.scaler.map { closeAutoscaler($0) }
            return consumer
        }
        return figures
    }
}
