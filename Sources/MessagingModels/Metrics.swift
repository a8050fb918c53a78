import SimulationKernel

/// Why a run stopped.
public enum StopReason: String, Sendable {
    /// Every producer stopped and every message was settled.
    case completed
    /// Publishing ended and `drainTimeout` passed with messages still in the system.
    case drainTimeout
    /// The `maxEvents` guard was hit.
    case eventLimit
}

/// Latency distributions of the run [s], measured messages only.
public struct LatencyMetrics: Sendable {
    /// Publish → ack of the attempt that succeeded, recorded at the ack.
    public var endToEnd = LatencyHistogram()
    /// Publish → start of the first processing attempt, recorded when that attempt starts.
    public var queueWait = LatencyHistogram()
    /// Start → end of each processing attempt.
    public var processing = LatencyHistogram()

    public init() {}

    /// Adds every observation of `other`.
    public mutating func merge(_ other: LatencyMetrics) {
        endToEnd.merge(other.endToEnd)
        queueWait.merge(other.queueWait)
        processing.merge(other.processing)
    }
}

/// Counters and time series of one queue.
public struct QueueMetrics: Sendable {
    public var name: String
    /// Messages that entered the queue.
    public var enqueued = 0
    /// Outcomes of the messages that entered the queue (the ledger's right-hand side).
    public var acked = 0
    public var deadLettered = 0
    public var expired = 0
    public var dropped = 0
    public var lost = 0
    /// Messages still in the queue or in flight from it when the run ended.
    public var remaining = 0
    /// Messages waiting in the queue, not yet delivered (time-weighted over the measured window).
    public var depth: TimeWeightedAverage
    /// Latency of the measured messages that went through this queue.
    public var latency = LatencyMetrics()

    public init(name: String, windowStart: SimTime) {
        self.name = name
        depth = TimeWeightedAverage(windowStart: windowStart)
    }

    /// True when enqueued = acked + deadLettered + expired + dropped + lost + remaining.
    public var isBalanced: Bool { enqueued == acked + deadLettered + expired + dropped + lost + remaining }
}

/// Counters and busy time of one consumer (all its instances together).
public struct ConsumerMetrics: Sendable {
    public var name: String
    public var instances: Int
    /// Deliveries handed to an instance (includes prefetched messages not yet started).
    public var receives = 0
    /// Processing attempts started.
    public var attempts = 0
    /// Attempts that ended in an ack.
    public var processed = 0
    /// Attempts that failed.
    public var failed = 0
    /// Busy instance-seconds inside the measured window [s].
    public var busySeconds = 0.0

    public init(name: String, instances: Int) {
        self.name = name
        self.instances = instances
    }

    /// Adds the counts of one instance.
    public mutating func add(_ other: ConsumerMetrics) {
        receives += other.receives
        attempts += other.attempts
        processed += other.processed
        failed += other.failed
        busySeconds += other.busySeconds
    }
}

/// Everything measured in one run, read by the report. Counts cover all messages; latency and
/// throughput figures cover measured messages (published at or after warm-up).
public struct RunMetrics: Sendable {
    public var published = 0
    public var publishedMeasured = 0
    /// Deliveries to consumers (first deliveries and redeliveries).
    public var delivered = 0
    public var redeliveries = 0
    public var acked = 0
    public var ackedMeasured = 0
    /// Time of the first and last measured publish, and of the last measured ack.
    public var firstMeasuredPublish: SimTime?
    public var lastMeasuredPublish: SimTime?
    public var lastMeasuredAck: SimTime?
    /// Latency over all queues (the merge of `queues[i].latency`).
    public var latency = LatencyMetrics()
    /// Per queue, indexed by `QueueID`; filled in when the run ends.
    public var queues: [QueueMetrics] = []
    /// Per consumer, indexed like `SystemModel.consumers`; filled in when the run ends.
    public var consumers: [ConsumerMetrics] = []
    /// Topics, exchanges, request-reply and sagas; filled in when the run ends.
    public var routing = RoutingMetrics()

    public init() {}
}

/// The outcome of `Simulation.run()`.
public struct SimulationResult: Sendable {
    public var scenario: String
    public var seed: UInt64
    /// Start of the measured window (the warm-up).
    public var warmup: SimTime
    /// When the run ended.
    public var end: SimTime
    /// Events processed.
    public var events: Int
    public var stopReason: StopReason
    /// Most messages in the system at once (arena high-water mark).
    public var peakMessagesInSystem: Int
    public var metrics: RunMetrics
}

/// One line of an event trace: what happened, when, to which message and entity.
public struct TraceEntry: Sendable, Equatable, CustomStringConvertible {
    public var time: SimTime
    public var kind: String
    public var messageID: UInt64
    public var entity: String
    public var description: String { "\(time.nanoseconds) \(kind) m\(messageID) \(entity)" }
}
