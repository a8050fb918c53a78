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
    /// When the leader fails [s since start].
    public var at: SimTime
    /// The stream.
    public var stream: StreamID
    /// The partition whose leader fails.
    public var partition: Int

    public init(at: SimTime, stream: StreamID, partition: Int) {
        self.at = at
        self.stream = stream
        self.partition = partition
    }
}
