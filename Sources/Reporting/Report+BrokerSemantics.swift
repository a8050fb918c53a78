import MessagingModels

extension Report {
    /// Re-sent publishes and duplicate detection at a queue (`brokers.<name>.deduplication`):
    /// present when the queue has `deduplication` or received re-sent copies.
    public struct DeduplicationFigures: Codable, Sendable, Equatable {
        /// How long an accepted id is remembered [s], and its scope (`queue`,
        /// `messageGroup`); absent without duplicate detection.
        public var windowSeconds: Double?
        public var scope: String?
        /// Copies that producers sent again after a lost confirmation (`publishTimeouts`).
        public var resent: Int
        /// Of those, the copies the queue accepted without storing them: never delivered, and
        /// not in `enqueued` or the ledger.
        public var deduplicated: Int
    }

    /// The figures of `queue`, or nil when it neither deduplicates nor received a copy.
    static func deduplication(of queue: QueueMetrics) -> DeduplicationFigures? {
        guard queue.deduplication != nil || queue.resent > 0 else { return nil }
        return DeduplicationFigures(
            windowSeconds: queue.deduplication?.window.seconds, scope: queue.deduplication?.scope.rawValue,
            resent: queue.resent, deduplicated: queue.deduplicated)
    }
}

extension Report {
    /// A queue's RabbitMQ consumer timeout (`brokers.<name>.consumerTimeout`): present when the
    /// queue has one.
    public struct ConsumerTimeoutFigures: Codable, Sendable, Equatable {
        /// The timeout [s].
        public var seconds: Double
        /// Consumer channels the broker closed because a delivery was not acked in time.
        public var channelsClosed: Int
        /// Unacked messages those closes requeued (the late one, the one in progress and the
        /// prefetched ones); their redeliveries are in `redeliveries`.
        public var requeued: Int
    }

    /// The figures of `queue`, or nil without a consumer timeout.
    static func consumerTimeout(of queue: QueueMetrics) -> ConsumerTimeoutFigures? {
        queue.consumerTimeout.map {
            ConsumerTimeoutFigures(seconds: $0.seconds, channelsClosed: queue.channelsClosed, requeued: queue.timeoutRequeues)
        }
    }
}

extension Report {
    /// A consumer's lock renewal (`consumers.<name>.lockRenewal`): present when it has one.
    public struct LockRenewalFigures: Codable, Sendable, Equatable {
        /// Longest renewal from the start of an attempt [s].
        public var maxDurationSeconds: Double
        /// Locks renewed.
        public var renewals: Int
        /// Locks that ran out during an attempt once renewal had reached its maximum: the
        /// message was delivered again while still being processed.
        public var expiredWhileProcessing: Int
    }

    /// Adds the lock-renewal figures of `metrics` to the consumers that renew locks.
    static func addLockRenewals(_ metrics: RunMetrics, to consumers: inout [String: ConsumerFigures]) {
        for (c, renewal) in metrics.lockRenewals.enumerated() {
            guard let renewal, c < metrics.consumers.count else { continue }
            consumers[metrics.consumers[c].name]?.lockRenewal = LockRenewalFigures(
                maxDurationSeconds: renewal.maxDuration.seconds, renewals: renewal.renewals,
                expiredWhileProcessing: renewal.expiredWhileProcessing)
        }
    }

    /// "lock renewal up to 5 min: 12 renewals, 1 lock lost while processing", or nil.
    static func lockRenewalLine(_ c: ConsumerFigures) -> String? {
        guard let l = c.lockRenewal else { return nil }
        return "lock renewal up to \(Formatting.duration(l.maxDurationSeconds)): \(Formatting.count(l.renewals)) renewals, "
            + "\(Formatting.count(l.expiredWhileProcessing)) lost while processing"
    }
}
