import SimulationKernel

/// Ordering figures of a run: violations of per-key order, what best-effort queues injected,
/// message groups and resequencers. Present when a producer gives queue messages keys, a queue
/// is not plain FIFO, or a consumer resequences.
public struct OrderingMetrics: Sendable {
    /// A consumer applied a message with a lower per-key sequence number after a higher one
    /// (counted once per late message), over all consumers of queues.
    public var violations = 0
    /// Per queue, indexed by `QueueID`.
    public var queues: [Queue] = []
    /// Per consumer, indexed like `SystemModel.consumers`; nil for consumer-group members.
    public var consumers: [Consumer?] = []

    public init() {}

    public struct Queue: Sendable {
        /// `fifo` or `bestEffort`.
        public var mode: String
        /// Violations of the messages of this queue.
        public var violations: Int
        /// Best-effort queues: deliveries of the second message before the head, and
        /// duplicate copies made visible.
        public var reordered: Int?
        public var duplicated: Int?
        /// Message-group queues: groups that had a message, and the most groups with a
        /// message in flight at once (the parallelism the groups allowed).
        public var groups: Int?
        public var maxGroupsInFlight: Int?

        public init(mode: String, violations: Int) {
            self.mode = mode
            self.violations = violations
        }
    }

    public struct Consumer: Sendable {
        public var violations: Int
        public var resequencing: ResequencingMetrics?
    }
}

/// What a consumer's resequencer did (`ResequencePolicy`).
public struct ResequencingMetrics: Sendable {
    /// The window [s].
    public var windowSeconds: Double
    /// Messages released (applied), and those that had to wait in the buffer first.
    public var released = 0
    public var buffered = 0
    /// Released because a buffered message's window ran out (it and the lower ones of its key
    /// still buffered), and released when the run ended (cut off by the drain timeout).
    public var releasedByTimeout = 0
    public var releasedAtEnd = 0
    /// Most messages in the buffer at once.
    public var maxBuffered = 0
    /// Per released measured message: release − end of its processing [s] (0 for messages
    /// released at once).
    public var addedLatency = LatencyHistogram()
}
