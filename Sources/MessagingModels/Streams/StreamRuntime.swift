import SimulationKernel

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
    var resends = SlotPool<PendingResend>()
    /// Records stored in all the streams' logs (retained for a group that may still read them,
    /// or until retention deletes them): they count toward `SystemModel.maxMessagesInSystem`.
    var storedRecords = 0
    /// Records waiting for a partition's ingress, over all streams.
    var pendingIngress = 0
    /// Producers' send batches filling for a partition (Simulation+StreamBatching.swift).
    var batches = StreamBatches()
    /// Records in the open batches, over all streams (they count toward
    /// `SystemModel.maxMessagesInSystem`).
    var batchedRecords = 0
    /// True when the model has at least one stream.
    var active = false
    /// Called at every lag sample, per formed group and partition (tests).
    var lagObserver: ((LagSample) -> Void)?
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
