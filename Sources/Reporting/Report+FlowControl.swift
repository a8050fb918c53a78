import MessagingModels

extension Report {
    /// A rate limit's figures (`consumers.<name>.rateLimit`, `producers.<name>.rateLimit`).
    public struct RateLimitFigures: Codable, Sendable, Equatable {
        /// The limit: tokens per second, bucket size, one bucket per instance or shared.
        public var rate: Double
        public var burst: Int
        public var perInstance: Bool
        /// Calls (processing attempts or publishes) that waited for a token, and their waits
        /// summed [s] (not a span of time: 13,000 calls waiting 1 s each sum to 3.6 h).
        public var throttled: Int
        public var throttledSeconds: Double
        /// `throttledSeconds / throttled`: the mean wait of a throttled call [s]; 0 when none was.
        public var throttledMeanSeconds: Double = 0
        /// Tokens taken, and tokens the bucket could not hold because nobody used them (from
        /// time 0 to the end of the run).
        public var tokensUsed: Int
        public var tokensWasted: Double
        /// `tokenBucket` or `leakyBucket`; a leaky bucket's `queue` (most calls waiting; absent
        /// = no limit) and the calls it refused.
        public var algorithm: String
        public var queue: Int?
        public var refused: Int
    }

    /// A producer's flow-control figures (`producers.<name>`; present when the scenario has a
    /// rate limit or a queue capacity).
    public struct ProducerFigures: Codable, Sendable, Equatable {
        /// Publishes refused by a full `rejectPublish` queue (each retry counted again), and
        /// how many of those were retried (`publishRetry`); the others were dropped.
        public var rejected: Int
        public var retried: Int
        public var rateLimit: RateLimitFigures? = nil
        /// Intended → actual send of its measured publishes [s] (Report+Omission.swift);
        /// present only when some producer can fall behind its schedule.
        public var publishDelay: LatencyStatistics? = nil
        /// Publishes its arrival process scheduled before it stopped (within its `count`) that
        /// it never sent: its token bucket held it so far behind that the stop came first. Not
        /// published, so in no ledger; present (0 or more) exactly when `publishDelay` is.
        public var unsent: Int? = nil
        /// Batching producers only: their send batches (Report+Batching.swift).
        public var batching: BatchingFigures? = nil
    }

    /// A length-limited queue's figures (`brokers.<name>.capacity`).
    public struct CapacityFigures: Codable, Sendable, Equatable {
        /// Most ready messages, and the overflow behaviour.
        public var maxLength: Int
        public var overflow: String
        /// Publishes refused (`rejectPublish`), head messages pushed out (`dropHead`) and
        /// arriving messages discarded.
        public var rejected: Int
        public var headDropped: Int
        public var newDropped: Int
    }

    /// Adds the rate-limit and capacity figures (nothing when the run had none).
    mutating func addFlowControl(_ flow: FlowControlMetrics?, consumerNames: [String], queueNames: [String]) {
        guard let flow else { return }
        for (name, limiter) in zip(consumerNames, flow.consumers) {
            guard let limiter else { continue }
            consumers[name]?.rateLimit = RateLimitFigures(limiter)
        }
        var figures: [String: ProducerFigures] = [:]
        for producer in flow.producers {
            figures[producer.name] = ProducerFigures(rejected: producer.rejected, retried: producer.retried,
                                                     rateLimit: producer.rateLimit.map(RateLimitFigures.init))
        }
        producers = figures
        for (name, queue) in zip(queueNames, flow.queues) {
            guard let queue else { continue }
            brokers[name]?.capacity = CapacityFigures(
                maxLength: queue.capacity.maxLength, overflow: queue.capacity.overflow.rawValue,
                rejected: queue.rejected, headDropped: queue.headDropped, newDropped: queue.newDropped)
        }
    }
}

extension Report.RateLimitFigures {
    init(_ limiter: FlowControlMetrics.Limiter) {
        self.init(rate: limiter.limit.ratePerSecond, burst: limiter.limit.burst, perInstance: limiter.limit.perInstance,
                  throttled: limiter.throttled, throttledSeconds: limiter.throttledSeconds,
                  tokensUsed: limiter.tokensGranted, tokensWasted: limiter.tokensWasted,
                  algorithm: limiter.limit.algorithm.rawValue, queue: limiter.limit.queue, refused: limiter.refused)
        throttledMeanSeconds = throttled > 0 ? throttledSeconds / Double(throttled) : 0
    }
}
