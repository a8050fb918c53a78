import MessagingModels
import SimulationKernel

/// The models a scenario's keys start from: every setting at `ScenarioDefaults`' value. The
/// reader builds on them and tests take them, so a default is stated once, in the table; the
/// models' initialisers take every setting.
extension ScenarioDefaults {
    /// A stream named `name` as a broker of type `stream` with no other key reads.
    public static func stream(_ name: String) -> StreamConfiguration {
        StreamConfiguration(name: name, partitions: partitions.value, retention: SimDuration(seconds: retention.value),
                            partitioner: partitioner.value, stickyBatch: stickyBatch.value, replicas: replicas.value,
                            minInSyncReplicas: minInSyncReplicas.value, replicationDelay: SimDuration(seconds: replicationDelay.value),
                            lagSampleInterval: SimDuration(seconds: lagSampleInterval.value))
    }

    /// A consumer group named `name` reading `stream` as its members' group keys read when
    /// they set none.
    public static func group(_ name: String, stream: StreamID) -> ConsumerGroupConfiguration {
        ConsumerGroupConfiguration(name: name, stream: stream, assignor: assignor.value, commit: groupCommit,
                                   rebalanceDelay: SimDuration(seconds: rebalanceDelay.value),
                                   maxPollInterval: SimDuration(seconds: maxPollInterval.value), startAt: groupStart)
    }

    /// `commit` and `autoCommitInterval` at their defaults.
    public static var groupCommit: CommitPolicy {
        commit.value == "afterProcessing" ? .afterProcessing : .auto(interval: SimDuration(seconds: autoCommitInterval.value))
    }

    /// `startAt` at its default.
    public static var groupStart: StartPosition {
        startAt.value == "earliest" ? .earliest : .latest
    }
}
