import SimulationKernel

/// When a group member commits the offsets of the records it has processed.
///
/// - Note: Source: Apache Kafka `ConsumerConfig` `enable.auto.commit` (default true),
///   `auto.commit.interval.ms` (default 5000); `KafkaConsumer.commitSync` javadoc.
public enum CommitPolicy: Sendable, Equatable {
    /// Every `interval` [s], and when the member leaves or a rebalance starts (Kafka commits
    /// before revoking partitions, `ConsumerCoordinator.onJoinPrepare`, and on `close()`).
    case auto(interval: SimDuration)
    /// Right after each record is processed (`commitSync` per record): at most the record in
    /// progress is processed twice.
    case afterProcessing
}
