import SimulationKernel

/// One stream: its partitions' logs and counters.
struct StreamState {
    let configuration: StreamConfiguration
    var logs: [OffsetLog]
    /// Groups reading this stream (indices into `StreamRuntime.groups`).
    var groups: [Int] = []
    var metrics: StreamMetrics
    /// Current sampling interval of the lag series (doubles when the series is full).
    var sampleInterval: SimDuration
    /// Records become readable (reach the high watermark) this long after they are appended:
    /// `replicationDelay` with followers, 0 without.
    let visibilityDelay: SimDuration
    /// Per partition, when its ingress is free again (with a capacity; empty without).
    var ingressFreeAt: [SimTime] = []
    /// Per broker, when its ingress is free again (with `StreamConfiguration.brokers`; empty
    /// without).
    var brokerFreeAt: [SimTime] = []
    /// Per partition, records waiting for its ingress with their publish delays, in order of their append time (with a
    /// capacity; empty without).
    var ingressQueue: [RingBuffer<(record: StreamRecord, delay: SimDuration)>] = []
    /// Records waiting in `ingressQueue`, all partitions together.
    var pendingIngress = 0

    init(configuration: StreamConfiguration, windowStart: SimTime) {
        self.configuration = configuration
        logs = (0..<configuration.partitions).map { _ in OffsetLog() }
        metrics = StreamMetrics(name: configuration.name, partitions: configuration.partitions, windowStart: windowStart)
        sampleInterval = configuration.lagSampleInterval
        visibilityDelay = configuration.replicas > 1 ? configuration.replicationDelay : .zero
        if configuration.hasIngress {
            ingressQueue = (0..<configuration.partitions).map { _ in RingBuffer(capacity: 4) }
        }
        if configuration.capacity != nil {
            ingressFreeAt = [SimTime](repeating: .zero, count: configuration.partitions)
            metrics.capacity = configuration.capacity
            metrics.partitionBusySeconds = [Double](repeating: 0, count: configuration.partitions)
        }
        if let brokers = configuration.brokers {
            brokerFreeAt = [SimTime](repeating: .zero, count: brokers.count)
            metrics.brokers = brokers
            metrics.brokerBusySeconds = [Double](repeating: 0, count: brokers.count)
        }
    }
}

/// Most samples kept per group's lag series; when full, every other sample is dropped and the
/// interval doubles, so the series stays bounded and evenly spaced.
let lagSeriesCapacity = 512
