import SimulationKernel

/// An autoscaled consumer at run time (`AutoscalePolicy`).
struct Autoscaler {
    /// What the autoscaler made of each instance.
    enum Phase: UInt8 {
        case stopped, starting, running, stopping
    }
    let policy: AutoscalePolicy
    /// By instance, offset from the consumer's first instance.
    var phases: [Phase]
    var running = 0
    var starting = 0
    /// Running plus stopping: the instances that count as deployed (utilization, series).
    var deployed: TimeWeightedAverage
    var lastAction = SimTime.zero
    var figures: ResilienceMetrics.Autoscaling
    /// Number of the pending evaluation event (`ControlEvent.token`); earlier ones are stale.
    var token: UInt32 = 0
    /// When the pending evaluation is due; `distantFuture` when none is pending.
    var nextEvaluation = SimTime.distantFuture
    /// The last evaluation (a multiple of `policy.interval`).
    var lastEvaluation = SimTime.zero
    /// Its last evaluation changed nothing: it evaluates again only once its queue's depth or
    /// its instances change (or a scale-in's cooldown ends), at the next multiple of
    /// `policy.interval`.
    var asleep = false
}

extension Simulation {
    /// The first `policy.initial` instances run; the rest start stopped. The first evaluation
    /// is one `interval` into the run.
    mutating func setUpAutoscaler(_ c: Int, policy: AutoscalePolicy, instances range: Range<Int>) {
        var scaler = Autoscaler(
            policy: policy, phases: range.map { $0 - range.lowerBound < policy.initial ? .running : .stopped },
            deployed: TimeWeightedAverage(initialValue: Double(policy.initial), windowStart: warmup),
            figures: ResilienceMetrics.Autoscaling(policy: policy))
        scaler.running = policy.initial
        scaler.figures.peak = policy.initial
        scaler.figures.instances = [(SimTime.zero, policy.initial)]
        scaler.figures.changeCount = 1
        for i in range where scaler.phases[i - range.lowerBound] == .stopped { instances[i].gate |= Gate.stopped }
        resilience.consumers[c]?.scaler = scaler
        scheduleEvaluation(of: c, at: SimTime.zero + policy.interval)
    }

    /// Schedules consumer `c`'s next evaluation at `time`, which replaces any pending one.
    mutating func scheduleEvaluation(of c: Int, at time: SimTime) {
        guard var scaler = resilience.consumers[c]?.scaler else { return }
        scaler.token &+= 1
        scaler.nextEvaluation = time
        scaler.asleep = false
        resilience.consumers[c]?.scaler = scaler
        events.schedule(.control(ControlEvent.autoscale(ConsumerID(c), token: scaler.token)), at: time)
    }

    /// The first multiple of `interval` at or after `time` and after `last` (itself a
    /// multiple); nil past the clock's range.
    static func evaluationTime(notBefore time: SimTime, after last: SimTime, interval: SimDuration) -> SimTime? {
        let step = interval.nanoseconds
        let k = time.nanoseconds / step + (time.nanoseconds % step == 0 ? 0 : 1)
        let (at, overflow) = k.multipliedReportingOverflow(by: step)
        guard !overflow else { return nil }
        let (next, overflowNext) = last.nanoseconds.addingReportingOverflow(step)
        guard !overflowNext else { return nil }
        return SimTime(nanoseconds: max(at, next))
    }

    /// Something an autoscaler reads changed (its queue's depth, its running instances): a
    /// sleeping one evaluates at its next interval.
    mutating func wakeAutoscaler(_ c: Int) {
        guard let scaler = resilience.consumers[c]?.scaler, scaler.asleep else { return }
        guard let time = Self.evaluationTime(notBefore: now, after: scaler.lastEvaluation, interval: scaler.policy.interval) else { return }
        if time < scaler.nextEvaluation {
            scheduleEvaluation(of: c, at: time)
        } else {
            resilience.consumers[c]?.scaler?.asleep = false
        }
    }

    /// Queue `q`'s depth changed: wakes the autoscalers sleeping on it.
    mutating func wakeAutoscalers(of q: Int) {
        queues[q].wakesAutoscaler = false
        for c in model.consumers.indices where model.consumers[c].source.index == q && model.consumers[c].autoscale != nil {
            wakeAutoscaler(c)
        }
    }

    /// Records a change of consumer `c`'s deployed count by `delta`.
    mutating func changeDeployed(of c: Int, by delta: Int) {
        guard var scaler = resilience.consumers[c]?.scaler else { return }
        scaler.deployed.add(Double(delta), at: now)
        let count = Int(scaler.deployed.value)
        scaler.figures.peak = max(scaler.figures.peak, count)
        // Changes at one instant (several instances starting) make one point.
        if let last = scaler.figures.instances.last, last.at == now {
            scaler.figures.instances[scaler.figures.instances.count - 1].count = count
        } else {
            scaler.figures.changeCount += 1
            if scaler.figures.instances.count < ResilienceMetrics.seriesLimit { scaler.figures.instances.append((now, count)) }
        }
        resilience.consumers[c]?.scaler = scaler
    }

    /// The autoscaler of consumer `c` evaluates: desired = clamp(⌈ready depth / target⌉,
    /// min, max); scale out at once, scale in only after the cooldown.
    ///
    /// Evaluations happen at multiples of `interval`, but one that changes nothing puts the
    /// autoscaler to sleep: the evaluations after it would change nothing either until the
    /// queue's depth or the running instances change, or a waiting scale-in's cooldown ends,
    /// so the next one is at the first multiple of `interval` after that. The outcome is the
    /// same as evaluating at every interval, and an interval of 1 ns costs no more than the
    /// changes it reacts to.
    mutating func autoscale(_ c: Int) {
        guard let controls = resilience.consumers[c], var scaler = controls.scaler else { return }
        scaler.nextEvaluation = .distantFuture
        scaler.lastEvaluation = now
        var acted = false
        let range = controls.instances
        let q = model.consumers[c].source.index
        let desired = scaler.policy.desired(forDepth: queues[q].metrics.depth.value)
        var started: [Int] = [], resumed: [Int] = [], stopping: [Int] = []
        if desired > scaler.running + scaler.starting {
            var needed = desired - scaler.running - scaler.starting
            // Stopping instances resume at once; then stopped ones start, lowest-numbered first.
            for k in scaler.phases.indices where needed > 0 && scaler.phases[k] == .stopping {
                scaler.phases[k] = .running
                scaler.running += 1
                resumed.append(range.lowerBound + k)
                needed -= 1
            }
            for k in scaler.phases.indices where needed > 0 && scaler.phases[k] == .stopped {
                // A slot whose instance crashed for good gets a fresh one.
                instances[range.lowerBound + k].crashed = false
                scaler.phases[k] = .starting
                scaler.starting += 1
                started.append(range.lowerBound + k)
                needed -= 1
            }
            scaler.figures.scaleOuts += 1
            scaler.lastAction = now
            acted = true
        } else if desired < scaler.running, now - scaler.lastAction >= scaler.policy.cooldown {
            var excess = scaler.running - desired
            for k in scaler.phases.indices.reversed() where excess > 0 && scaler.phases[k] == .running {
                scaler.phases[k] = .stopping
                scaler.running -= 1
                stopping.append(range.lowerBound + k)
                excess -= 1
            }
            scaler.figures.scaleIns += 1
            scaler.lastAction = now
            acted = true
        }
        resilience.consumers[c]?.scaler = scaler
        if !started.isEmpty || !stopping.isEmpty || !resumed.isEmpty {
            traceControl("scale:\(scaler.running + scaler.starting)", model.consumers[c].name)
        }
        for i in resumed { openGate(Gate.stopping, of: i) }
        for i in started {
            if scaler.policy.startupDelay == .zero {
                instanceReady(i, dispatching: false)
            } else {
                events.schedule(.control(ControlEvent.instanceReady(ConsumerInstanceID(i))), at: now + scaler.policy.startupDelay)
            }
        }
        for i in stopping {
            instances[i].gate |= Gate.stopping
            if instances[i].current == nil && instances[i].buffer.isEmpty { instanceStopped(i) }
        }
        dispatch(q)
        // Keep evaluating while something can still change: producers publishing, or messages
        // of this consumer's queue waiting or held (a periodic timer would otherwise keep an
        // idle run going for ever).
        let holding = range.contains { instances[$0].current != nil || !instances[$0].buffer.isEmpty }
        guard activeProducers > 0 || (messages.liveCount > 0 && (queues[q].metrics.depth.value > 0 || holding)) else { return }
        if acted {
            scheduleEvaluation(of: c, at: now + scaler.policy.interval)
            return
        }
        // Nothing changed: sleep until the depth or the instances change, or until the
        // cooldown of a scale-in the depth already calls for is over.
        resilience.consumers[c]?.scaler?.asleep = true
        queues[q].wakesAutoscaler = true
        if desired < scaler.running,
           let time = Self.evaluationTime(notBefore: scaler.lastAction + scaler.policy.cooldown, after: now, interval: scaler.policy.interval) {
            scheduleEvaluation(of: c, at: time)
            resilience.consumers[c]?.scaler?.asleep = true
        }
    }

    /// Instance `i`'s startup delay is over: it takes deliveries.
    mutating func instanceReady(_ i: Int, dispatching: Bool = true) {
        let c = instances[i].consumer
        guard let first = resilience.consumers[c]?.instances.lowerBound,
              resilience.consumers[c]?.scaler?.phases[i - first] == .starting else { return }
        resilience.consumers[c]?.scaler?.phases[i - first] = .running
        resilience.consumers[c]?.scaler?.starting -= 1
        resilience.consumers[c]?.scaler?.running += 1
        changeDeployed(of: c, by: 1)
        wakeAutoscaler(c)
        traceControl("ready", instances[i].name)
        openGate(Gate.stopped, of: i)
        if dispatching { dispatch(instances[i].source) }
    }

    /// Stopping instance `i` holds nothing more (or crashed): it is stopped.
    mutating func instanceStopped(_ i: Int) {
        let c = instances[i].consumer
        guard let first = resilience.consumers[c]?.instances.lowerBound,
              resilience.consumers[c]?.scaler?.phases[i - first] == .stopping else { return }
        resilience.consumers[c]?.scaler?.phases[i - first] = .stopped
        instances[i].gate = (instances[i].gate & ~Gate.stopping) | Gate.stopped
        changeDeployed(of: c, by: -1)
        traceControl("stopped", instances[i].name)
    }

    /// Whether instance `i` is deployed: true unless its consumer is autoscaled and the
    /// autoscaler has it stopped.
    mutating func isDeployedByAutoscaler(_ i: Int) -> Bool {
        let c = instances[i].consumer
        guard let first = resilience.consumers[c]?.instances.lowerBound,
              let phase = resilience.consumers[c]?.scaler?.phases[i - first] else { return true }
        return phase != .stopped
    }

    /// Autoscaled instance `i` crashed for good (no restart): like a pod that died, it no
    /// longer counts as deployed, and the next evaluation starts a replacement in a stopped
    /// slot if the desired count calls for one. A crash with a restart keeps it deployed.
    mutating func autoscaledInstanceLost(_ i: Int) {
        let c = instances[i].consumer
        guard let first = resilience.consumers[c]?.instances.lowerBound,
              let phase = resilience.consumers[c]?.scaler?.phases[i - first] else { return }
        switch phase {
        case .running:
            resilience.consumers[c]?.scaler?.running -= 1
            changeDeployed(of: c, by: -1)
        case .starting:
            resilience.consumers[c]?.scaler?.starting -= 1
        case .stopping, .stopped:
            return   // `disconnect` already stopped a stopping instance
        }
        resilience.consumers[c]?.scaler?.phases[i - first] = .stopped
        instances[i].gate |= Gate.stopped
        wakeAutoscaler(c)
        traceControl("stopped", instances[i].name)
    }

    /// The autoscaler's figures at the end of the run.
    mutating func closeAutoscaler(_ scaler: Autoscaler) -> ResilienceMetrics.Autoscaling {
        var figures = scaler.figures
        figures.final = Int(scaler.deployed.value)
        figures.meanInstances = scaler.deployed.mean(until: now)
        figures.instanceSeconds = scaler.deployed.integral(until: now)
        return figures
    }
}
