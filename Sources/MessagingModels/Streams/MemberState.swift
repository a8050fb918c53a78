import SimulationKernel

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
    /// Indices into `assigned` whose partition may have a record to fetch (a superset: set on
    /// every append and assignment, cleared when a fetch finds nothing there).
    var ready = ReadySet()
    /// Position of the instance's name among its group's instances sorted by name (the
    /// assignors' member order), computed once.
    var rank: Int32 = 0
    /// Whether the instance is in its group's `members` list (which may still hold it after
    /// it left, until the next assignment compacts the list).
    var listed = false
    /// Record being processed: partition, offset and the record itself.
    var currentPartition = 0
    var currentOffset: Int64 = 0
    var current = StreamRecord(publishedAt: .zero, id: 0, producer: ProducerInstanceID(0))
    /// The publish delay of `current` (zero unless a producer can fall behind its schedule).
    var currentPublishDelay = SimDuration.zero
    /// Whether a `wake` event is pending for it.
    var wakeScheduled = false
    /// Counts fetches (stale `pollTimeout` events carry an older value).
    var fetches: Int32 = 0
    /// Bumped on every join; stale auto-commit timers carry an older value.
    var epoch: Int32 = 0
}
