import MessagingModels

extension Report {
    /// A queue's ordering figures (`brokers.<queue>.ordering`; present when the run tracks
    /// ordering: keys on queue messages, a best-effort or group queue, or a resequencer).
    public struct OrderingFigures: Codable, Sendable, Equatable {
        /// `fifo` or `bestEffort`.
        public var mode: String
        /// Ordering violations of this queue's messages.
        public var violations: Int
        /// Best-effort queues: second messages delivered before the head, duplicate copies made.
        public var reordered: Int?
        public var duplicated: Int?
        /// Message-group queues: groups that had a message; most groups in flight at once.
        public var groups: Int?
        public var maxGroupsInFlight: Int?
    }

    /// A resequencing consumer's figures (`consumers.<name>.resequencing`).
    public struct ResequencingFigures: Codable, Sendable, Equatable {
        /// The window [s].
        public var windowSeconds: Double
        /// Messages released, those that waited in the buffer, those released because a window
        /// ran out, and those still buffered when the run was cut off.
        public var released: Int
        public var buffered: Int
        public var releasedByTimeout: Int
        public var releasedAtEnd: Int
        /// Most messages buffered at once.
        public var maxBuffered: Int
        /// End of processing → release, per released measured message [s].
        public var addedLatency: LatencyStatistics
    }

    /// Adds the ordering figures (nothing when the run did not track ordering).
    mutating func addOrdering(_ ordering: OrderingMetrics?, consumerNames: [String], queueNames: [String]) {
        guard let ordering else { return }
        messages.orderingViolations = ordering.violations
        for (name, queue) in zip(queueNames, ordering.queues) {
            brokers[name]?.ordering = OrderingFigures(
                mode: queue.mode, violations: queue.violations, reordered: queue.reordered, duplicated: queue.duplicated,
                groups: queue.groups, maxGroupsInFlight: queue.maxGroupsInFlight)
        }
        for (name, consumer) in zip(consumerNames, ordering.consumers) {
            guard let consumer else { continue }
            consumers[name]?.orderingViolations = consumer.violations
            if let r = consumer.resequencing {
                consumers[name]?.resequencing = ResequencingFigures(
                    windowSeconds: r.windowSeconds, released: r.released, buffered: r.buffered,
                    releasedByTimeout: r.releasedByTimeout, releasedAtEnd: r.releasedAtEnd,
                    maxBuffered: r.maxBuffered, addedLatency: LatencyStatistics(r.addedLatency))
            }
        }
    }
}
