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
