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
