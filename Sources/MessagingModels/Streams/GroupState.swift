import SimulationKernel

/// One consumer group's state.
struct GroupState {
    let configuration: ConsumerGroupConfiguration
    let stream: Int
    /// Whether the group has formed (its first member joined) and has start offsets.
    var formed = false
    /// Members (consumer instance indices): every active member, in the order they joined,
    /// plus perhaps some that have left since the last assignment (their phase says so). Each
    /// assignment drops those and sorts the list by name (Kafka sorts member ids), so joins and
    /// leaves cost O(1) and a rebalance O(members · log members), however many members change.
    var members: [Int32] = []
    /// Active members (those of `members` whose phase is `active`).
    var memberCount = 0
    var rebalancing = false
    /// During a rebalance: its `rebalanceDelay` is over and it waits only for busy members to
    /// finish (and commit) their records before the partitions are handed over.
    var pauseOver = false
    /// Members in `members` that are processing a record now (a rebalance cannot hand their
    /// partitions over until this is 0).
    var busyMembers = 0
    /// Records appended and not committed, summed over the partitions [messages]; kept at every
    /// change so its maximum is exact.
    var lagTotal = 0
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
    /// Index of this partition in its owner's `assigned` list.
    var slot: Int32 = 0
}
