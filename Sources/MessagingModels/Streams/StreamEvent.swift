import SimulationKernel

/// Events of the stream model; carried by `Simulation.Event.stream`. Small payloads (member
/// and group numbers, epochs) keep the event list's elements as small as the queue model's.
enum StreamEvent {
    /// Member (consumer instance) finished processing the record of its fetch number `fetch`.
    case recordProcessed(member: ConsumerInstanceID, fetch: Int32)
    /// Member has been processing one record for `maxPollInterval` (valid if `fetch` still
    /// matches the member's fetch counter).
    case pollTimeout(member: ConsumerInstanceID, fetch: Int32)
    /// Member's auto-commit timer (valid if `epoch` matches its membership epoch).
    case autoCommit(member: ConsumerInstanceID, epoch: Int32)
    /// Member joins its group.
    case memberJoins(ConsumerInstanceID)
    /// Member leaves its group (clean shutdown).
    case memberLeaves(ConsumerInstanceID)
    /// The group's rebalance ends: partitions are assigned (valid if `generation` matches).
    case rebalanceCompleted(group: GroupID, generation: Int32)
    /// The lag of the stream is sampled.
    case lagSample(StreamID)
    /// A fault of `SystemModel.streamFaults` happens.
    case fault(StreamFaultID)
    /// A record a producer sent again after a failover reaches the new leader.
    case resend(slot: Int32)
    /// An idle member's next record becomes visible (replicated up to the high watermark).
    case wake(member: ConsumerInstanceID)
    /// The ingress of partition `partition` of stream `stream` has stored the first record
    /// waiting for it (`Simulation+StreamCapacity.swift`).
    case ingressDone(stream: StreamID, partition: PartitionID)
    /// The linger of the send batch in `slot` of `StreamRuntime.batches` is over (valid if
    /// the batch there still has number `batch`; Simulation+StreamBatching.swift).
    case batchDue(slot: Int32, batch: Int32)
}
