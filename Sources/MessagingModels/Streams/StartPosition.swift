import SimulationKernel

/// Where a group with no committed offsets starts reading.
///
/// - Note: Source: Apache Kafka `ConsumerConfig` `auto.offset.reset` (earliest | latest,
///   default latest) and `KafkaConsumer.offsetsForTimes` javadoc (the earliest offset whose
///   timestamp is ≥ the given time); Redis `XGROUP CREATE … 0 | $`
///   (https://redis.io/docs/latest/commands/xgroup-create/; observed the same on Redis 7.0.15).
public enum StartPosition: Sendable, Equatable {
    /// The oldest retained record.
    case earliest
    /// The end of each partition when the group forms: only records appended later.
    case latest
    /// The first record appended at or after this time since the start of the run; a time
    /// after the group forms behaves like `latest`.
    case time(SimTime)
}
