import SimulationKernel

/// Events of the stream model; carried by `Simulation.Event.stream`. Small payloads (member
/// and group numbers, epochs) keep the event list's elements as small as the queue model's.
enum StreamEvent {
    /// Member (consumer instance) finished processing the record of its fetch number `fetch`.
    case recordProcessed(member: Int32, fetch: Int32)
    /// Member has been processing one record for `maxPollInterval` (valid if `fetch` still
    /// matches the member's fetch counter).
    case pollTimeout(member: Int32, fetch: Int32)
    /// Member's auto-commit timer (valid if `epoch` matches its membership epoch).
    case autoCommit(member: Int32, epoch: Int32)
    /// Member joins its group.
    case memberJoins(Int32)
    /// Member leaves its group (clean shutdown).
    case memberLeaves(Int32)
    /// The group's rebalance ends: partitions are assigned (valid if `generation` matches).
    case rebalanceCompleted(group: Int32, generation: Int32)
    /// Lag of stream `Int32` is sampled.
    case lagSample(Int32)
    /// Fault `Int32` of `SystemModel.streamFaults` happens.
    case fault(Int32)
    /// A record a producer sent again after a failover reaches the new leader.
    case resend(slot: Int32)
    /// An idle member's next record becomes visible (replicated up to the high watermark).
    case wake(member: Int32)
}

/// Run-time state of everything stream-related; empty (and never touched) in a model
/// without streams.
struct StreamRuntime {
    var streams: [StreamState] = []
    var groups: [GroupState] = []
    /// Per consumer instance (indexed like `Simulation.instances`); empty without groups.
    var members: [MemberState] = []
    /// Per producer instance (indexed like `Simulation.producers`); empty without streams.
    var producers: [StreamProducerState] = []
    /// Records sent again after a failover, waiting to reach the new leader; slots reused.
    var resends: [PendingResend] = []
    var freeResends: [Int32] = []
    /// True when the model has at least one stream.
    var active = false
    /// Called at every lag sample, per group and partition (tests).
    var lagObserver: ((LagSample) -> Void)?
}

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

    init(configuration: StreamConfiguration, windowStart: SimTime) {
        self.configuration = configuration
        logs = (0..<configuration.partitions).map { _ in OffsetLog() }
        metrics = StreamMetrics(name: configuration.name, partitions: configuration.partitions, windowStart: windowStart)
        sampleInterval = configuration.lagSampleInterval
        visibilityDelay = configuration.replicas > 1 ? configuration.replicationDelay : .zero
    }
}

/// Most samples kept per group's lag series; when full, every other sample is dropped and the
/// interval doubles, so the series stays bounded and evenly spaced.
let lagSeriesCapacity = 512

/// One consumer group's state.
struct GroupState {
    let configuration: ConsumerGroupConfiguration
    let stream: Int
    /// Whether the group has formed (its first member joined) and has start offsets.
    var formed = false
    /// Active members (consumer instance indices), sorted by name (Kafka sorts member ids).
    var members: [Int32] = []
    var rebalancing = false
    /// Bumped when a rebalance starts; a completion event of an older generation is stale.
    var generation: Int32 = 0
    /// Whether the next completed assignment is the group's first (not counted as a rebalance).
    var firstAssignment = true
    var partitions: [GroupPartition]
    var metrics: GroupMetrics

    init(configuration: ConsumerGroupConfiguration, stream: Int, partitions: Int) {
        self.configuration = configuration
        self.stream = stream
        self.partitions = [GroupPartition](repeating: GroupPartition(), count: partitions)
        metrics = GroupMetrics(name: configuration.name, partitions: partitions)
    }

    /// Whether the group may still need records it has not committed (so they must be stored).
    var pinsUnformedRecords: Bool {
        if formed { return false }
        if case .latest = configuration.startAt { return false }
        return true
    }
}

/// One group's position in one partition. All offsets are partition offsets.
struct GroupPartition {
    /// Offset at which the group started: records from here on entered the group's ledger.
    var start: Int64 = 0
    /// Committed offset: the next record the group would read after a restart.
    var committed: Int64 = 0
    /// Next offset the current owner will fetch.
    var position: Int64 = 0
    /// Offset after the last record the current owner finished (what its commit commits).
    var done: Int64 = 0
    /// One past the highest offset ever fetched / processed by the group (duplicate detection).
    var fetchedEnd: Int64 = 0
    var processedEnd: Int64 = 0
    /// Current owner (consumer instance index), if any.
    var owner: Int32?
}

/// A group member's state (one consumer instance of a consumer entry with a `group`).
struct MemberState {
    enum Phase { case notJoined, active, removed, left }
    /// Group index; nil for queue consumers.
    let group: Int?
    var phase = Phase.notJoined
    /// Leave as soon as the record in progress is finished.
    var leaving = false
    /// Partitions assigned to it, ascending.
    var assigned: [Int] = []
    /// Next index into `assigned` to try (round-robin over partitions).
    var cursor = 0
    /// Record being processed: partition, offset and the record itself.
    var currentPartition = 0
    var currentOffset: Int64 = 0
    var current = StreamRecord(publishedAt: .zero, id: 0, producer: 0)
    /// Whether a `wake` event is pending for it.
    var wakeScheduled = false
    /// Counts fetches (stale `pollTimeout` events carry an older value).
    var fetches: Int32 = 0
    /// Bumped on every join; stale auto-commit timers carry an older value.
    var epoch: Int32 = 0
}

/// A producer instance's partitioning state for its stream.
struct StreamProducerState {
    /// Target stream, nil if the producer publishes to a queue.
    let stream: Int?
    let sampler: KeySampler
    /// Partition of each key index (precomputed: the hot path is an array lookup).
    let keyPartition: [Int32]
    let partitioner: Partitioner
    let acks: Acks
    let idempotent: Bool
    let partitions: Int
    let stickyBatch: Int
    /// Draws keys and sticky partitions, apart from the arrivals' stream (common random numbers).
    var random: RandomStream
    var roundRobinNext = 0
    var stickyPartition = -1
    var stickyLeft = 0
}

/// A record waiting to be written again after a leader failover.
struct PendingResend {
    var stream: Int32
    var partition: Int32
    var record: StreamRecord
    /// Whether the failed leader's copy of it survived on the new leader (a retry then
    /// writes it twice unless the producer is idempotent).
    var alreadyWritten: Bool
    /// Whether the producer is idempotent (the broker drops a copy it already has).
    var idempotent: Bool
}

/// The partition of every key of `keys` in a stream of `partitions` partitions, by Kafka's
/// murmur2 of the key's UTF-8 bytes.
func keyPartitionTable(_ keys: MessageKeys, partitions: Int) -> [Int32] {
    (0..<keys.count).map { Int32(KafkaPartitioner.partition(forKey: keys.name($0), partitions: partitions)) }
}
