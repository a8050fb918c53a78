/// The report of one run: what `mqlab run --format json` prints, key for key.
///
/// All times are seconds, all throughputs messages per second. The keys listed in the design
/// (§3) are a contract relied on by users' scripts: add keys, never rename them.
public struct Report: Codable, Sendable, Equatable {
    public var scenario: String
    public var description: String
    /// The `--set PATH=VALUE` changes made to the scenario before this run, in order; absent
    /// when none (the description may then no longer match the run).
    public var overrides: [String]? = nil
    public var seed: UInt64
    /// Simulated time at which the run ended [s].
    public var simulatedSeconds: Double
    /// Start of the measured window [s] (the warm-up).
    public var warmupSeconds: Double
    /// Events processed by the kernel.
    public var events: Int
    /// `completed`, `drainTimeout`, `idle`, `eventLimit`, `stalled`, `messageLimit` or
    /// `clockOverflow`.
    public var stopReason: String
    public var messages: MessageCounts
    public var ledger: Ledger
    public var latency: Latency
    public var throughput: Throughput
    /// Per broker, by name.
    public var brokers: [String: BrokerFigures]
    /// Per consumer, by name.
    public var consumers: [String: ConsumerFigures]
    /// Request-reply figures; absent when no producer sends requests.
    public var requestReply: RequestReplyFigures? = nil
    /// Saga outcomes; absent when no producer starts sagas.
    public var sagas: SagaFigures? = nil
    /// Per producer, by name: rejected publishes and rate limits; absent when the scenario
    /// has no rate limit and no queue capacity.
    public var producers: [String: ProducerFigures]? = nil
    /// Valid input that is probably a mistake, and figures that are easy to misread: reader
    /// warnings first (document order), then run warnings; empty when there are none.
    public var warnings: [ReportWarning] = []
    /// The scenario's `expect` requirements, evaluated on this run, in the scenario's order;
    /// absent when the scenario has none (Expectations/Report+Expectations.swift).
    public var expectations: [ExpectationResult]? = nil
    /// Publishes and acks per interval over the whole run (Report+Series.swift); absent from
    /// reports built by older versions.
    public var timeSeries: RunSeries? = nil

    /// Message counts over the whole run (warm-up included).
    public struct MessageCounts: Codable, Sendable, Equatable {
        public var published = 0
        /// Deliveries to consumers, first deliveries and redeliveries alike.
        public var delivered = 0
        public var acked = 0
        public var redeliveries = 0
        public var deadLettered = 0
        public var expired = 0
        public var dropped = 0
        public var lost = 0
        public var unroutable = 0
        /// Unroutable publishes returned to a `mandatory` producer (a subset of `unroutable`).
        public var returned = 0
        public var remaining = 0
        /// Deliveries of a message that had already been processed, or was being processed by
        /// another instance at that moment (what at-least-once delivery looks like).
        public var duplicateDeliveries = 0
        /// Successful processing of a message id whose side effect had already run.
        public var duplicateProcessing = 0
        /// Duplicate deliveries an idempotent consumer did not process (acked as done, or left while another copy held the claim).
        public var duplicatesSkipped = 0
        /// A consumer applied a message after a later message of the same key (counted once
        /// per late message; queue consumers, when some producer gives queue messages keys).
        public var orderingViolations = 0
        /// `deadLettered` by reason (`maxReceiveCount`, `rejected`, `expired`).
        public var deadLetteredByReason: [String: Int] = [:]
        /// `dropped` by reason (`rejected`, `overflow`, …).
        public var droppedByReason: [String: Int] = [:]
        /// `lost` by reason (`consumerCrash`, `autoAckFailure`, `brokerRestart`, `publishFailed`, …).
        public var lostByReason: [String: Int] = [:]
        /// Settled messages by number of processing attempts ("0" … "15", "16+").
        public var attemptsPerMessage: [String: Int] = [:]
        /// Failed attempts / attempts, over all consumers (0 … 1).
        public var errorRate = 0.0
    }

    /// For every destination, entered = acked + deadLettered + expired + dropped + lost + remaining.
    public struct Ledger: Codable, Sendable, Equatable {
        /// True only if every destination's equation holds.
        public var balanced: Bool
        /// The per-destination counts the verdict was computed from, by destination name.
        public var destinations: [String: LedgerEntry]
    }

    public struct LedgerEntry: Codable, Sendable, Equatable {
        /// `queue` (a topic subscription or exchange binding delivers into a queue, whose entry
        /// counts one copy per matching subscription or queue), `stream` (entered = published +
        /// duplicate appends; acked = records kept in the log; lost = truncated by a leader
        /// failover; remaining = retries not yet written) or `group` (acked = records committed
        /// by the group; lost = deleted by retention before the group committed them).
        public var kind: String
        public var entered: Int
        public var acked: Int
        public var deadLettered: Int
        public var expired: Int
        public var dropped: Int
        public var lost: Int
        public var remaining: Int
        public var balanced: Bool
    }

    public struct Latency: Codable, Sendable, Equatable {
        /// Publish → ack of the successful attempt.
        public var endToEnd: LatencyStatistics
        /// Publish → start of the first processing attempt.
        public var queueWait: LatencyStatistics
        /// Start → end of each processing attempt.
        public var processing: LatencyStatistics
        /// Per acked message: waiting between a failed attempt and the next (backoff, redelivery).
        public var retryDelay: LatencyStatistics
        /// End-to-end latency by message priority (`latency.byPriority.<level>`); present at the
        /// top level when a producer sets priorities.
        public var byPriority: [String: LatencyStatistics]? = nil
        /// Intended send → ack of the successful attempt: `endToEnd` plus the publish delay of
        /// a producer that fell behind its schedule (coordinated omission, Report+Omission.swift);
        /// present only when some producer can fall behind (a producer token bucket).
        public var fromIntendedSend: LatencyStatistics? = nil
    }

    public struct Throughput: Codable, Sendable, Equatable {
        /// Measured publishes / (last measured publish − warm-up) [msg/s].
        public var publishedPerSecond: Double
        /// Measured acks / (last measured ack − warm-up) [msg/s].
        public var ackedPerSecond: Double
    }

    public struct BrokerFigures: Codable, Sendable, Equatable {
        public var type: String
        /// Messages that entered the broker.
        public var enqueued: Int
        /// Redeliveries, duplicate deliveries and duplicate processing of its messages.
        public var redeliveries: Int = 0
        public var duplicateDeliveries: Int = 0
        public var duplicateProcessing: Int = 0
        /// Messages waiting (not yet delivered): time-weighted mean over the measured window,
        /// maximum over the run, and value at the end.
        public var depth: Depth
        /// Latency of the measured messages that went through this broker.
        public var latency: Latency
        /// Streams only: per partition, indexed by partition number.
        public var partitions: [PartitionFigures]?
        /// Streams only: per consumer group reading the stream, by group name.
        public var groups: [String: GroupFigures]?
        /// Streams only: records a producer retry wrote a second time.
        public var duplicateAppends: Int?
        /// Streams with a capacity, and queues whose profile has an ingress capacity or a
        /// publish latency: messages sent and not yet stored (waiting for the ingress, or
        /// its publish latency) when the run ended (in the ledger as remaining), and the most
        /// at once during the run — a backlog in front of the broker that `depth` does not
        /// show [messages]. A queue's maximum is seen at each send, within its publish
        /// latency's spread.
        public var pendingIngress: Int? = nil
        public var pendingIngressMax: Int? = nil
        /// Topics and exchanges: what they routed where; absent for queues.
        public var routing: RoutingFigures? = nil
        /// Depth over time: the largest depth in each bucket of `bucketSeconds`, from time 0
        /// (queues; empty for other brokers).
        public var depthSeries = Series(bucketSeconds: 1, max: [])
        /// Length-limited queues only: the limit and what it refused or dropped.
        public var capacity: CapacityFigures? = nil
        /// Queues, when the run tracks ordering: mode, violations, reorders, duplicates, groups.
        public var ordering: OrderingFigures? = nil
        /// Delay queues only: the delay and how many messages it held back.
        public var delay: DelayFigures? = nil
        /// Queues with duplicate detection or re-sent publishes (Report+BrokerSemantics.swift).
        public var deduplication: DeduplicationFigures? = nil
        /// Queues with a RabbitMQ consumer timeout (Report+BrokerSemantics.swift).
        public var consumerTimeout: ConsumerTimeoutFigures? = nil
        /// Queues whose broker has a profile: publish latency and ingress capacity.
        public var profile: ProfileFigures? = nil
        /// Queues read by polling consumers: their receive calls (Report+Batching.swift).
        public var receives: ReceiveFigures? = nil
        /// The technology preset the broker runs on (`"sqs-fifo"`), when it has one.
        public var technology: String? = nil
        /// Queues: what queueing theory predicts (or why nothing), and Little's law on the
        /// measured figures (Report+Theory.swift); absent from reports built without the model.
        public var theory: TheoryFigures? = nil
        public var littlesLaw: LittlesLawFigures? = nil
    }

    /// What a broker's profile did (`brokers.<name>.profile`): a queue's, or a stream's
    /// partitions' ingress capacity (summed over its partitions).
    public struct ProfileFigures: Codable, Sendable, Equatable {
        /// Time from each client publish until the broker stored it (ingress wait + publish
        /// latency) [s]; absent without either.
        public var publishLatency: LatencyStatistics?
        /// The ingress capacity [messages/s] (a stream's: each partition's) and the share of
        /// the run it was busy (0 … 1; a stream's: the mean over its partitions); absent
        /// without a capacity.
        public var messagesPerSecond: Double?
        public var utilization: Double?
        /// The ingress capacity in bytes [bytes/s] (a stream's: each partition's); absent
        /// without one.
        public var bytesPerSecond: Double? = nil
        /// Publish calls that waited for the ingress (a send batch counts once), and their mean wait [s].
        public var waited: Int
        public var waitMeanSeconds: Double
        /// Means of the deliver and ack latency distributions [s]; absent without them.
        public var deliverLatencyMeanSeconds: Double?
        public var ackLatencyMeanSeconds: Double?
        /// Technologies whose service refuses requests past capacity (SQS FIFO, Azure Storage
        /// Queue): the publishes that found more than a second of capacity waiting ahead of
        /// them, which the real service's per-second quota would have refused (the model has
        /// them wait, as an SDK retrying them); absent otherwise.
        public var throttled: Int? = nil
        /// Publishes that found more than a second of capacity ahead of them (the basis of
        /// `throttled`); not encoded.
        var overQuota = 0
        /// A stream with brokers sharing the partitions' load: each broker's capacity
        /// [messages/s], [bytes/s] (absent without that limit), and per broker, in broker order,
        /// the partitions it leads and its utilization; absent otherwise.
        public var brokerMessagesPerSecond: Double? = nil
        public var brokerBytesPerSecond: Double? = nil
        public var brokers: [BrokerNodeFigures]? = nil

        enum CodingKeys: String, CodingKey {
            case publishLatency, messagesPerSecond, bytesPerSecond, utilization, waited, waitMeanSeconds,
                 deliverLatencyMeanSeconds, ackLatencyMeanSeconds, throttled, brokerMessagesPerSecond,
                 brokerBytesPerSecond, brokers
        }
    }

    /// One broker of a stream (`brokers.<stream>.profile.brokers[i]`).
    public struct BrokerNodeFigures: Codable, Sendable, Equatable {
        /// Partitions it leads (partition p is led by broker p mod brokers).
        public var partitions: Int
        /// The share of the run its ingress was busy (0 … 1).
        public var utilization: Double
    }

    /// A delay queue's figures (`brokers.<name>.delay`).
    public struct DelayFigures: Codable, Sendable, Equatable {
        /// The queue's delay [s].
        public var seconds: Double
        /// Messages held back for it (every message that entered the queue).
        public var delayed: Int
    }

    public struct Series: Codable, Sendable, Equatable {
        public var bucketSeconds: Double
        public var max: [Double]
    }

    public struct Depth: Codable, Sendable, Equatable {
        public var mean: Double
        public var max: Double
        public var final: Double
    }

    public struct ConsumerFigures: Codable, Sendable, Equatable {
        public var instances: Int
        /// Deliveries received (including prefetched ones).
        public var receives: Int
        /// Processing attempts started.
        public var attempts: Int
        /// Attempts that ended in an ack.
        public var processed: Int
        public var failed: Int
        /// Attempts abandoned by the processing timeout (included in `failed`).
        public var timedOut: Int
        /// Failed / attempts, 0 … 1.
        public var errorRate: Double
        /// Deliveries not processed because of idempotency (acked as done, or left while claimed).
        public var duplicatesSkipped: Int
        /// Crashes of its instances.
        public var crashes: Int
        /// Busy time / (instances × measured time), 0 … 1.
        public var utilization: Double
        /// Rate-limited consumers only: throttling and unused tokens.
        public var rateLimit: RateLimitFigures? = nil
        /// Queue consumers, when the run tracks ordering: messages applied after a later one of
        /// their key.
        public var orderingViolations: Int? = nil
        /// Resequencing consumers only: what the resequencer held back and for how long.
        public var resequencing: ResequencingFigures? = nil
        /// Consumers with `lockRenewal` (Report+BrokerSemantics.swift).
        public var lockRenewal: LockRenewalFigures? = nil
        /// Consumers with `pauses`: wall time paused within the run [s] (Report+Resilience.swift).
        public var pausedSeconds: Double? = nil
        /// Consumers with a `downstream`, a `circuitBreaker`, `autoscale`.
        public var downstream: DownstreamFigures? = nil
        public var circuitBreaker: CircuitBreakerFigures? = nil
        public var autoscaling: AutoscalingFigures? = nil
    }
}

/// Summary statistics of one latency [s]. Empty distributions have count 0 and null values.
public struct LatencyStatistics: Codable, Sendable, Equatable {
    public var count: Int
    public var min: Double?
    public var mean: Double?
    public var stddev: Double?
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    public var p999: Double?
    public var max: Double?

    enum CodingKeys: String, CodingKey { case count, min, mean, stddev, p50, p95, p99, p999, max }

    public init(count: Int, min: Double?, mean: Double?, stddev: Double?, p50: Double?, p95: Double?,
                p99: Double?, p999: Double?, max: Double?) {
        self.count = count
        self.min = min
        self.mean = mean
        self.stddev = stddev
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }

    /// Encodes absent values as explicit nulls, so every key is always present.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(min, forKey: .min)
        try container.encode(mean, forKey: .mean)
        try container.encode(stddev, forKey: .stddev)
        try container.encode(p50, forKey: .p50)
        try container.encode(p95, forKey: .p95)
        try container.encode(p99, forKey: .p99)
        try container.encode(p999, forKey: .p999)
        try container.encode(max, forKey: .max)
    }
}
