import SimulationKernel

/// Why a run stopped.
public enum StopReason: String, Sendable {
    /// Every producer stopped and every message was settled.
    case completed
    /// Publishing ended and `drainTimeout` passed with messages still in the system.
    case drainTimeout
    /// Publishing ended and nothing more can happen: the messages left wait in queues that
    /// no consumer reads (a dead-letter queue without consumers, a crashed consumer that
    /// never restarts).
    case idle
    /// The `maxEvents` guard was hit.
    case eventLimit
    /// A loop that takes (almost) no simulated time would never end: a million events that
    /// published, settled or processed fewer than 100 messages while the clock moved less than
    /// 0.1 s (e.g. a nack-requeue loop with a nanosecond of processing), or ten million events
    /// at one instant (see `Simulation.stallLimit`).
    case stalled
    /// More messages were in the system at once than `SystemModel.maxMessagesInSystem` allows
    /// (the consumers cannot keep up with the arrivals, and memory would run out).
    case messageLimit
    /// An event would have happened after the clock's last instant (`Int64.max` ns, about 292
    /// years): a sampled time or a sum of durations overflowed. The run stops at the last event
    /// before it rather than pile events onto one saturated instant.
    case clockOverflow

    /// The run ended because everything was done (`completed`, `idle`), not cut short.
    public var isFinished: Bool { self == .completed || self == .idle }
}

extension StopReason {
    /// The reason for a stop the kernel's `RunGuard` decided; its load limit is the message limit.
    init(_ stop: RunGuard.Stop) {
        switch stop {
        case .eventLimit: self = .eventLimit
        case .clockOverflow: self = .clockOverflow
        case .loadLimit: self = .messageLimit
        case .stalled: self = .stalled
        }
    }
}

/// Latency distributions of the run [s], measured messages only.
public struct LatencyMetrics: Sendable {
    /// Publish → ack of the attempt that succeeded, recorded at the ack.
    public var endToEnd = LatencyHistogram()
    /// Publish → start of the first processing attempt, recorded when that attempt starts.
    public var queueWait = LatencyHistogram()
    /// Start → end of each processing attempt.
    public var processing = LatencyHistogram()
    /// Per acked message: time spent waiting between a failed attempt and the next one
    /// (backoff and redelivery), so endToEnd = queueWait + processing of its attempts +
    /// retryDelay for messages processed one attempt at a time.
    public var retryDelay = LatencyHistogram()
    /// Intended send → ack of the attempt that succeeded, recorded at the ack: `endToEnd` plus
    /// the message's publish delay (`RunMetrics.publishDelays`); for a stream record, at the
    /// first processing by a group, as `endToEnd`. Recorded only when some producer can fall
    /// behind its schedule.
    public var fromIntendedSend = LatencyHistogram()

    public init() {}

    /// Adds every observation of `other`.
    public mutating func merge(_ other: LatencyMetrics) {
        endToEnd.merge(other.endToEnd)
        queueWait.merge(other.queueWait)
        processing.merge(other.processing)
        retryDelay.merge(other.retryDelay)
        fromIntendedSend.merge(other.fromIntendedSend)
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
    /// Delay queues: the delay, and how many messages entered it (and were held back).
    public var delay: SimDuration?
    public var delayed = 0
    /// Broker profiles: the profile, and what its ingress and publish latency did.
    public var profile: BrokerProfile?
    public var ingress = IngressMetrics()
    /// Broker profiles with an ingress: messages sent to the queue and not yet stored when the
    /// run ended (on their way in; in the ledger as remaining).
    public var pendingIngress = 0
    /// Whether a consumer of the queue polls (`ReceivePolling`), and its receive calls: all of
    /// them, and those that returned no message (Simulation+ReceivePolling.swift).
    public var polled = false
    public var receiveCalls = 0
    public var emptyReceives = 0
    /// Whether its polling consumers' short polls sample the visible messages
    /// (`QueueConfiguration.shortPollSampling` < 1), and the empty receives that happened
    /// while messages were visible (false empty receives, part of `emptyReceives`).
    public var samplesShortPolls = false
    public var falseEmptyReceives = 0
    /// Deliveries after the first, duplicate deliveries and duplicate processing of this
    /// queue's messages (their sums over all queues are in `RunMetrics`).
    public var redeliveries = 0
    public var duplicateDeliveries = 0
    public var duplicateProcessing = 0
    /// Duplicate detection (nil = none), copies of earlier sends that producers sent again
    /// (`PublishTimeouts`), and those of them the queue accepted without storing them (so
    /// they are not in `enqueued`). Simulation+Deduplication.swift.
    public var deduplication: DeduplicationPolicy?
    public var resent = 0
    public var deduplicated = 0
    /// RabbitMQ consumer timeout (nil = none), the channels it closed and the unacked
    /// messages they requeued (Simulation+ConsumerTimeout.swift).
    public var consumerTimeout: SimDuration?
    public var channelsClosed = 0
    public var timeoutRequeues = 0
    /// `deadLettered`, `dropped` and `lost` by reason, indexed by `SettleReason.rawValue`.
    public var deadLetteredByReason = [Int](repeating: 0, count: SettleReason.allCases.count)
    public var droppedByReason = [Int](repeating: 0, count: SettleReason.allCases.count)
    public var lostByReason = [Int](repeating: 0, count: SettleReason.allCases.count)
    /// Depth over time (largest value per bucket).
    public var depthSeries = TimeSeries()
    /// Messages waiting in the queue, not yet delivered (time-weighted over the measured window).
    public var depth: TimeWeightedAverage
    /// Latency of the measured messages that went through this queue.
    public var latency = LatencyMetrics()
    /// Acked measured messages that never waited for a retry: their zero retry delays are
    /// added to `latency.retryDelay` when the run ends (one counter instead of a histogram
    /// update per message).
    var retryDelayZeros = 0

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
    /// Attempts that failed (failure rate, poison or timeout).
    public var failed = 0
    /// Attempts abandoned by the processing timeout (included in `failed`).
    public var timedOut = 0
    /// Deliveries not processed because of idempotency: acked because the id was already
    /// processed, or (`claim: "atStart"`) left to the queue because another attempt held its claim.
    public var duplicatesSkipped = 0
    /// Crashes of its instances.
    public var crashes = 0
    /// Busy instance-time inside the measured window [ns], summed exactly.
    public var busyNanoseconds: Int64 = 0
    /// Busy instance-seconds inside the measured window [s].
    public var busySeconds: Double { Double(busyNanoseconds) / 1e9 }
    /// The queue it consumes from, indexed like `RunMetrics.queues`; nil for a stream's
    /// consumer-group members.
    public var queue: Int?

    public init(name: String, instances: Int, queue: Int? = nil) {
        self.name = name
        self.instances = instances
        self.queue = queue
    }

    /// Adds the counts of one instance.
    public mutating func add(_ other: ConsumerMetrics) {
        receives += other.receives
        attempts += other.attempts
        processed += other.processed
        failed += other.failed
        timedOut += other.timedOut
        duplicatesSkipped += other.duplicatesSkipped
        crashes += other.crashes
        busyNanoseconds += other.busyNanoseconds
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
    /// Deliveries of a message already processed, or still held by another delivery.
    public var duplicateDeliveries = 0
    /// Successful attempts of a message whose side effect had already run.
    public var duplicateProcessing = 0
    /// Settled messages by the number of processing attempts they got (index = attempts;
    /// the last element counts that many or more).
    public var attemptsPerMessage = [Int](repeating: 0, count: 17)
    public var acked = 0
    public var ackedMeasured = 0
    /// Time of the first and last measured publish, and of the last measured ack.
    public var firstMeasuredPublish: SimTime?
    public var lastMeasuredPublish: SimTime?
    /// Time of the last publish of the run, measured or not (nil when nothing was published).
    public var lastPublish: SimTime?
    public var lastMeasuredAck: SimTime?
    /// Latency over all queues (the merge of `queues[i].latency`).
    public var latency = LatencyMetrics()
    /// Per queue, indexed by `QueueID`; filled in when the run ends.
    public var queues: [QueueMetrics] = []
    /// Per consumer, indexed like `SystemModel.consumers`; filled in when the run ends.
    public var consumers: [ConsumerMetrics] = []
    /// Per producer, indexed like `SystemModel.producers`, its send batches; nil when no
    /// producer batches (Simulation+ProducerBatching.swift).
    public var batching: [BatchingMetrics]? = nil
    /// Per stream, indexed by `StreamID`; filled in when the run ends.
    public var streams: [StreamMetrics] = []
    /// Topics, exchanges, request-reply and sagas; filled in when the run ends.
    public var routing = RoutingMetrics()
    /// Rate limits and queue length limits; nil when the model has none.
    public var flowControl: FlowControlMetrics?
    /// Per producer (indexed like `SystemModel.producers`): intended → actual send of each
    /// measured publish; nil when no producer can fall behind its schedule (only a producer
    /// token bucket can: Simulation+Omission.swift).
    public var publishDelays: [LatencyHistogram]?
    /// Per producer (indexed like `SystemModel.producers`, summed over its instances):
    /// publishes its arrival process scheduled at or before its stop (and within its `count`)
    /// that it never sent, because its token bucket had held it back so far that the stop came
    /// first. Not published, so in no ledger. Nil exactly when `publishDelays` is.
    public var unsentPublishes: [Int]?
    /// Ordering violations, best-effort and group queues, resequencers; nil when the model has
    /// no keys on queue messages, no ordered queue and no resequencer.
    public var ordering: OrderingMetrics?
    /// Pauses, downstreams, circuit breakers and autoscaling; nil when the model has none.
    public var resilience: ResilienceMetrics?
    /// Lock renewal, by consumer index; nil for consumers without `lockRenewal`
    /// (Simulation+LockRenewal.swift).
    public var lockRenewals: [LockRenewalMetrics?] = []
    /// End-to-end latency by message priority, ascending; empty when no producer sets one.
    public var latencyByPriority: [(priority: Int, endToEnd: LatencyHistogram)] = []
    /// The same for each queue (indexed by `QueueID`); empty when no producer sets a priority.
    public var queueLatencyByPriority: [[(priority: Int, endToEnd: LatencyHistogram)]] = []
    /// Publishes and acks over time, all messages (warm-up included), counted per bucket
    /// (Simulation+Series.swift).
    public var publishedSeries = CountSeries(bucket: SimDuration(seconds: 1), capacity: 1024)
    public var ackedSeries = CountSeries(bucket: SimDuration(seconds: 1), capacity: 1024)
    /// End-to-end latency of measured messages by the interval of their ack (queues) or
    /// processing (stream groups), over the same intervals.
    public var endToEndSeries = WindowedHistogram(bucket: SimDuration(seconds: 1), capacity: 1024)

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
    /// Stream records still stored when the run ended (retained for a group that may read
    /// them, or not yet deleted by retention); part of the messages `maxMessagesInSystem`
    /// limits.
    public var retainedStreamRecords: Int = 0
    /// Stream records sent but not yet appended when the run ended: waiting for their
    /// partition's or broker's ingress, or in a producer's batch; also part of those messages.
    public var incomingStreamRecords: Int = 0
    public var metrics: RunMetrics
}

/// One line of an event trace: what happened, when, to which message and entity.
public struct TraceEntry: Sendable, Equatable, CustomStringConvertible {
    public var time: SimTime
    public var kind: String
    /// The message (0 for steps of no message: crashes, restarts, scaling).
    public var messageID: UInt64
    /// The producer, consumer instance, queue, topic or exchange involved.
    public var entity: String
    /// The queue the message was in at this step, when it was in one ("" otherwise).
    public var queue: String
    /// The message's key (a producer's `keys` or `key`), on the step that publishes it
    /// (`publish`, or a stream's first `append`); nil on other steps and for messages without
    /// a key. The empty string is a key (a scenario may give it), distinct from none.
    public var key: String?

    public init(time: SimTime, kind: String, messageID: UInt64, entity: String, queue: String = "", key: String? = nil) {
        self.time = time
        self.kind = kind
        self.messageID = messageID
        self.entity = entity
        self.queue = queue
        self.key = key
    }

    public var description: String { "\(time.nanoseconds) \(kind) m\(messageID) \(entity)" }
}

/// What a queue broker's profile did (`BrokerProfile`): its ingress's busy time and the
/// publishes that waited for it, and the time from each client publish until it was stored.
///
/// A call counts (its wait, its publish latency) once the broker has stored it: a call the
/// run ended before storing — an ingress far past its capacity, or a stored time beyond the
/// clock's last instant — is left out of these figures and is `remaining` in the ledger
/// (`pendingIngress`), as a message still in service is left out of the processing latency.
public struct IngressMetrics: Sendable {
    /// Time the ingress spent storing messages [s] (1 / messagesPerSecond each), up to the
    /// end of the run.
    public var busySeconds = 0.0
    /// Publish calls that waited for the ingress (a send batch counts once), and their summed wait [s].
    public var waited = 0
    public var waitSeconds = 0.0
    /// Messages that found more than one second of capacity (`messagesPerSecond` messages)
    /// waiting ahead of them: a service with a per-second quota (SQS FIFO, Azure Storage)
    /// would have refused them.
    public var overQuota = 0
    /// Send to stored, per client publish (ingress wait + publish latency).
    public var publishLatency = LatencyHistogram()
    /// Messages sent and not yet stored, the most at once [messages] (maintained by the
    /// caller: `noteUnstored()` for queues, the partitions' waiting records for streams).
    public var pendingMax = 0
    /// Calls sent but not yet stored, in the order they were sent, from `unstoredHead` on:
    /// their figures count when they are stored, in send order (so the report's sums are
    /// added in the same order whatever the stored times).
    var unstored: ContiguousArray<UnstoredCall> = []
    var unstoredHead = 0
    public init() {}

    /// A call on its way in: sent at `sentAt`, its service started at `startedAt` (the send
    /// time when it did not wait), stored at `storedAt`.
    struct UnstoredCall {
        var sentAt: SimTime
        var startedAt: SimTime
        var storedAt: SimTime
        /// A client publish: its send → stored time goes into `publishLatency`.
        var recordsLatency: Bool
    }

    /// One call arriving `now` at a first-come first-served ingress that is free again at
    /// `freeAt`: it starts when the ingress is free and holds it for `serviceTime`; `freeAt`
    /// moves to the end of the service. Counts the busy time; the caller reports the call
    /// with `observe` (its wait counts once it is stored). Shared by queues
    /// (Simulation+BrokerEntry.swift) and stream partitions (Simulation+StreamCapacity.swift).
    /// - Returns: When the service starts and ends.
    mutating func serve(at now: SimTime, freeAt: inout SimTime, serviceTime: SimDuration) -> (start: SimTime, end: SimTime) {
        let start = max(now, freeAt)
        freeAt = start + serviceTime
        // The service as the clock holds it: cut at its last instant, where `+` saturates.
        busySeconds += (freeAt - start).seconds
        return (start, freeAt)
    }

    /// A call sent at `sentAt` (now) whose service started at `startedAt` and which is stored
    /// at `storedAt`: counted now when stored now and nothing sent before it is still on its
    /// way in, else held until `settle` or `close` reaches its stored time.
    mutating func observe(sentAt: SimTime, startedAt: SimTime, storedAt: SimTime, recordsLatency: Bool) {
        let call = UnstoredCall(sentAt: sentAt, startedAt: startedAt, storedAt: storedAt, recordsLatency: recordsLatency)
        if unstoredHead < unstored.count { settle(through: sentAt) }
        if storedAt <= sentAt && unstoredHead == unstored.count { return count(call, stored: true) }
        unstored.append(call)
    }

    /// Counts the held calls stored by `time`, oldest first, up to the first one that is not.
    mutating func settle(through time: SimTime) {
        while unstoredHead < unstored.count, unstored[unstoredHead].storedAt <= time {
            count(unstored[unstoredHead], stored: true)
            unstoredHead += 1
        }
        if unstoredHead == unstored.count {
            unstored.removeAll(keepingCapacity: true)
            unstoredHead = 0
        } else if unstoredHead >= 1_024, unstoredHead * 2 >= unstored.count {
            unstored.removeFirst(unstoredHead)
            unstoredHead = 0
        }
    }

    /// Raises `pendingMax` to the calls held now: those not yet stored, and (behind one that
    /// is not) a few stored since (a queue's pending ingress, within its publish latency's
    /// spread).
    mutating func noteUnstored() { pendingMax = max(pendingMax, unstored.count - unstoredHead) }

    /// Closes the figures at the end of the run (`end`, the ingress free again at each of
    /// `freeAt`): a held call counts its wait if its service had started by then and its
    /// latency if it was stored by then (`storedAtEnd`: a call stored at the last instant
    /// itself counts only when the run ended because everything was done); the busy time
    /// beyond the end is taken off.
    /// - Returns: The calls not stored by the end.
    @discardableResult
    mutating func close(at end: SimTime, freeAt: [SimTime], storedAtEnd: Bool) -> Int {
        var notStored = 0
        for call in unstored[unstoredHead...] {
            let stored = call.storedAt < end || (storedAtEnd && call.storedAt == end)
            if !stored { notStored += 1 }
            count(call, stored: stored, started: call.startedAt < end || (storedAtEnd && call.startedAt == end))
        }
        unstored = []
        unstoredHead = 0
        for free in freeAt where free > end { busySeconds -= (free - end).seconds }
        if busySeconds < 0 { busySeconds = 0 }
        return notStored
    }

    /// Adds a call's wait (when its service `started`) and, when `stored`, its latency.
    private mutating func count(_ call: UnstoredCall, stored: Bool, started: Bool = true) {
        if started, call.startedAt > call.sentAt {
            waited += 1
            waitSeconds += (call.startedAt - call.sentAt).seconds
            if (call.startedAt - call.sentAt).seconds > 1 { overQuota += 1 }
        }
        if stored, call.recordsLatency { publishLatency.record(call.storedAt - call.sentAt) }
    }
}
