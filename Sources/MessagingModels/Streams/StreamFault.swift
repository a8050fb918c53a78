import SimulationKernel

/// A scripted failure of a stream partition's leader.
///
/// ```json
/// "faults": [{"at": "90s", "crash": "events", "partition": 2}]
/// ```
/// At `at`, the leader of `partition` fails and an in-sync follower takes over (the stream
/// needs `replicas` ≥ 2). Records the old leader had not yet copied to that follower
/// (appended within the last `replicationDelay`) are truncated from the log: with `acks: 1`
/// (or 0) they are lost (reason `leaderFailover`); with `acks: "all"` they had not been
/// acknowledged, so the producer sends them again (and without idempotence a record whose
/// acknowledgement was still on its way is written twice). See `Simulation+StreamFaults.swift`.
///
/// - Note: Source: Apache Kafka documentation, "Replication" (ISR, leader election, high
///   watermark) and `ProducerConfig.ACKS_DOC`.
public struct StreamFault: Sendable {
    /// What fails.
    public enum Target: Sendable, Equatable {
        /// The leader of one partition of a stream (needs `replicas` ≥ 2 to fail over).
        case partitionLeader(stream: StreamID, partition: Int)
        /// One instance of a consumer entry with a group: its record in progress is abandoned,
        /// nothing is committed, and the group rebalances without it (for the general
        /// fault list of a later scenario version; not in the scenario format yet).
        case groupMember(consumer: Int, instance: Int)
    }

    /// When it fails [s since start].
    public var at: SimTime
    public var target: Target

    public init(at: SimTime, target: Target) {
        self.at = at
        self.target = target
    }

    /// A partition-leader crash.
    public init(at: SimTime, stream: StreamID, partition: Int) {
        self.init(at: at, target: .partitionLeader(stream: stream, partition: partition))
    }
}
