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
        events.schedule(.control(ControlEvent(kind: .autoscale, target: Int32(c))), at: SimTime.zero + policy.interval)
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
    mutating func autoscale(_ c: Int) {
        guard let controls = resilience.consumers[c], var scaler = controls.scaler else { return }
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
                events.schedule(.control(ControlEvent(kind: .instanceReady, target: Int32(i))), at: now + scaler.policy.startupDelay)
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
        if activeProducers > 0 || (messages.liveCount > 0 && (queues[q].metrics.depth.value > 0 || holding)) {
            events.schedule(.control(ControlEvent(kind: .autoscale, target: Int32(c))), at: now + scaler.policy.interval)
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
