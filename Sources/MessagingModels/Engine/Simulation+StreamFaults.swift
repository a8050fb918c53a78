import SimulationKernel

/// Partition-leader failover on a replicated stream.
///
/// Model: followers copy each record `replicationDelay` after it is appended, and consumers
/// read only replicated records (Kafka's high watermark). When a leader fails, an in-sync
/// follower takes over at once and the crashed broker comes back as a follower. Records
/// appended within the last `replicationDelay` exist only on the old leader and are
/// truncated:
/// - from `acks: 0` and `acks: 1` producers they are lost (`lostByReason.leaderFailover`):
///   the leader had already acknowledged them (or nobody waits for an acknowledgement);
/// - from `acks: "all"` producers they were not acknowledged, so the producer sends them
///   again after `retry.backoff.ms` (100 ms): nothing is lost, but they land after records
///   published since (reordering).
/// Acknowledgements take as long as a copy: records appended between 2 × and 1 ×
/// `replicationDelay` before the failure were replicated, but an `acks: "all"` producer had
/// not heard back yet and sends them again too; without `idempotent` the new leader writes
/// them a second time (`duplicateAppends`, processed twice by every group), with it the
/// broker recognises the sequence number and drops the copy.
///
/// - Note: Source: Apache Kafka documentation "Replication" (ISR, high watermark, leader
///   election), `ProducerConfig` `acks`, `enable.idempotence` and `retry.backoff.ms` (100 ms)
///   docs; KIP-98 (idempotent producer sequence numbers).
extension Simulation {
    /// Producer retry delay after a failover [s] (Kafka `retry.backoff.ms` default 100).
    static let failoverRetryBackoff = SimDuration(seconds: 0.1)

    /// Fault `f` happens now.
    mutating func applyStreamFault(_ f: Int) {
        switch model.streamFaults[f].target {
        case .partitionLeader(let stream, let partition):
            crashLeader(stream: stream.index, partition: partition)
        case .groupMember(let consumer, let instance):
            guard let m = instances.firstIndex(where: { $0.consumer == consumer }),
                  instance >= 0, instance < model.consumers[consumer].instances else { return }
            crash(member: m + instance)
        }
    }

    /// The leader of partition `p` of stream `s` fails now.
    mutating func crashLeader(stream s: Int, partition p: Int) {
        guard s < streamRuntime.streams.count, p < streamRuntime.streams[s].logs.count else { return }
        let configuration = streamRuntime.streams[s].configuration
        guard configuration.replicas > 1 else { return }
        let delay = configuration.replicationDelay
        let log = streamRuntime.streams[s].logs[p]
        // First offset the follower does not have, and first offset whose ack is still in flight.
        var cut = log.endOffset
        while cut > log.firstOffset, let record = log.record(at: cut - 1), record.appendedAt + delay > now { cut -= 1 }
        var acking = cut
        while acking > log.firstOffset, let record = log.record(at: acking - 1),
              record.appendedAt + delay + delay > now { acking -= 1 }
        if trace != nil { traceRecord("leaderCrash", 0, "\(configuration.name)[\(p)]") }
        for offset in acking..<log.endOffset {
            guard let record = log.record(at: offset) else { continue }
            let producer = streamRuntime.producers[record.producer.index]
            let truncated = offset >= cut
            switch producer.acks {
            case .none, .leader:
                if truncated { streamRuntime.streams[s].metrics.lostOnFailover += 1 }
            case .all:
                scheduleResend(PendingResend(stream: Int32(s), partition: Int32(p), record: record,
                                             alreadyWritten: !truncated, idempotent: producer.idempotent))
            }
        }
        let removed = Int(log.endOffset - cut)
        guard removed > 0 else { return }
        for g in streamRuntime.streams[s].groups where streamRuntime.groups[g].formed {
            updateLag(group: g, partition: p)   // the lag just before the truncation is a local maximum
            addLag(-removed, group: g)
        }
        streamRuntime.storedRecords -= streamRuntime.streams[s].logs[p].truncate(from: cut)
        streamRuntime.streams[s].metrics.appended[p] -= removed
        var formed = 0
        for g in streamRuntime.streams[s].groups where streamRuntime.groups[g].formed {
            formed += 1
            // Consumers never read past the high watermark, so only bookkeeping moves back.
            streamRuntime.groups[g].partitions[p].position = min(streamRuntime.groups[g].partitions[p].position, cut)
            streamRuntime.groups[g].partitions[p].done = min(streamRuntime.groups[g].partitions[p].done, cut)
            streamRuntime.groups[g].partitions[p].fetchedEnd = min(streamRuntime.groups[g].partitions[p].fetchedEnd, cut)
            streamRuntime.groups[g].partitions[p].processedEnd = min(streamRuntime.groups[g].partitions[p].processedEnd, cut)
        }
        if formed > 0 { streamRuntime.streams[s].metrics.depth.add(-Double(formed * removed), at: now) }
    }

    mutating func scheduleResend(_ pending: PendingResend) {
        let slot = streamRuntime.resends.store(pending)
        events.schedule(.stream(.resend(slot: slot)), at: now + Simulation.failoverRetryBackoff)
    }

    /// A producer's retry reaches the new leader.
    mutating func resend(slot: Int) {
        let pending = streamRuntime.resends.take(Int32(slot))
        var record = pending.record
        if pending.alreadyWritten {
            if pending.idempotent { return }   // the broker drops the copy it already has
            streamRuntime.streams[Int(pending.stream)].metrics.duplicateAppends += 1
            record.isRetryCopy = true
        }
        append(record, stream: Int(pending.stream), partition: Int(pending.partition))
    }

    /// Records sent again and not written yet, per stream.
    func pendingResends(stream s: Int) -> Int {
        streamRuntime.resends.values.reduce(0) { $0 + (Int($1.stream) == s ? 1 : 0) }
    }
}
