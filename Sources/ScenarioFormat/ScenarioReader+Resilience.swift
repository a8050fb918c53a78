import MessagingModels
import SimulationKernel

/// A consumer's controls read from the scenario, applied to its configuration once built.
struct ConsumerControls {
    var pauses: [ScheduledWindow] = []
    var downstream: Downstream?
    var circuitBreaker: CircuitBreakerPolicy?
    var autoscale: AutoscalePolicy?

    /// Sets the controls; with autoscaling the configuration gets `max` instances.
    func apply(to configuration: inout ConsumerConfiguration) {
        configuration.pauses = pauses
        configuration.downstream = downstream
        configuration.circuitBreaker = circuitBreaker
        if let autoscale {
            configuration.autoscale = autoscale
            configuration.instances = autoscale.max
        }
    }
}

/// Keys of consumer controls: `pauses`, `downstream`, `circuitBreaker`, `autoscale`.
extension ScenarioReader {
    static let controlKeys = ["pauses", "downstream", "circuitBreaker", "autoscale"]

    /// Reads a consumer's controls. `instances` is the consumer's `instances` if present;
    /// group members (stream consumers) take none of these keys.
    func readConsumerControls(_ consumer: ObjectReader, instances: Int?, isGroupMember: Bool) -> ConsumerControls? {
        if isGroupMember {
            for key in Self.controlKeys where consumer.has(key) {
                consumer.report(key, "\"\(key)\" applies to consumers of a queue; this consumer reads a stream with a group")
            }
            return nil
        }
        var controls = ConsumerControls()
        if let list = consumer.array("pauses") { controls.pauses = readWindows(list) }
        if let reader = consumer.object("downstream") {
            defer { reader.finish() }
            let failureRate = reader.probability("failureRate") ?? ScenarioDefaults.downstreamFailureRate.value
            let outages = reader.array("outages").map(readWindows) ?? []
            controls.downstream = Downstream(failureRate: failureRate, outages: outages)
        }
        if let reader = consumer.object("circuitBreaker") {
            controls.circuitBreaker = readCircuitBreaker(reader)
            if !consumer.has("downstream") {
                consumer.report("circuitBreaker", "\"circuitBreaker\" needs \"downstream\" (the dependency whose calls it guards)")
            }
        }
        if let reader = consumer.object("autoscale") {
            controls.autoscale = readAutoscale(reader, consumer: consumer, instances: instances)
        }
        return controls
    }

    /// `[{"at": "2m", "for": "30s"}, …]`: sorted by `at`, not overlapping.
    func readWindows(_ list: [(value: JSONValue, path: String)]) -> [ScheduledWindow] {
        var windows: [ScheduledWindow] = []
        for (value, path) in list {
            guard let reader = ObjectReader(value, path: path, diagnostics: diagnostics) else { continue }
            defer { reader.finish() }
            let at = reader.duration("at", required: true)
            let length = reader.duration("for", required: true, positive: true)
            guard let at, let length else { continue }
            let window = ScheduledWindow(at: SimDuration(seconds: at), length: SimDuration(seconds: length))
            if let previous = windows.last, window.start < previous.end {
                reader.report("at", "expected intervals sorted by \"at\" and not overlapping: this one starts at \(JSONValue.format(at)) s, before the previous one ends at \(JSONValue.format(previous.end.seconds)) s")
                continue
            }
            windows.append(window)
        }
        return windows
    }

    /// `{"failureThreshold": 0.5, "window": "10s", "openFor": "30s", "halfOpenProbes": 1,
    /// "minimumCalls": 10}`.
    func readCircuitBreaker(_ reader: ObjectReader) -> CircuitBreakerPolicy? {
        defer { reader.finish() }
        let threshold = reader.number("failureThreshold", expectation: "a failure rate > 0 and ≤ 1", isValid: { $0 > 0 && $0 <= 1 }) ?? ScenarioDefaults.failureThreshold.value
        let window = reader.duration("window", required: true, positive: true)
        let openFor = reader.duration("openFor", required: true, positive: true)
        let probes = reader.integer("halfOpenProbes", in: 1...1_000_000) ?? ScenarioDefaults.halfOpenProbes.value
        let minimumCalls = reader.integer("minimumCalls", in: 1...1_000_000) ?? ScenarioDefaults.minimumCalls.value
        guard let window, let openFor else { return nil }
        return CircuitBreakerPolicy(failureThreshold: threshold, window: SimDuration(seconds: window), openFor: SimDuration(seconds: openFor),
                                    halfOpenProbes: probes, minimumCalls: minimumCalls)
    }

    /// `{"min": 1, "max": 20, "targetDepthPerInstance": 100, "cooldown": "5m", "startupDelay":
    /// "30s", "interval": "30s"}`; the consumer's `instances`, if set, is the starting count.
    func readAutoscale(_ reader: ObjectReader, consumer: ObjectReader, instances: Int?) -> AutoscalePolicy? {
        defer { reader.finish() }
        let low = reader.integer("min", in: 1...Self.maxInstances, required: true)
        let high = reader.integer("max", in: 1...Self.maxInstances, required: true)
        let target = reader.number("targetDepthPerInstance", required: true, expectation: "a number of messages > 0", isValid: { $0 > 0 && $0 <= 1e12 })
        let cooldown = reader.duration("cooldown") ?? ScenarioDefaults.autoscaleCooldown.value
        let startupDelay = reader.duration("startupDelay") ?? ScenarioDefaults.autoscaleStartupDelay.value
        let interval = reader.duration("interval", positive: true) ?? ScenarioDefaults.autoscaleInterval.value
        guard let low, let high, let target else { return nil }
        guard low <= high else {
            reader.report("max", "expected max ≥ min (\(low)), found \(high)")
            return nil
        }
        if let instances, !(low...high).contains(instances) {
            consumer.report("instances", "with \"autoscale\", \"instances\" is the starting count and must lie in [min, max] = [\(low), \(high)], found \(instances)")
            return nil
        }
        return AutoscalePolicy(min: low, max: high, initial: instances, targetDepthPerInstance: target,
                               cooldown: SimDuration(seconds: cooldown), startupDelay: SimDuration(seconds: startupDelay),
                               interval: SimDuration(seconds: interval))
    }
}
