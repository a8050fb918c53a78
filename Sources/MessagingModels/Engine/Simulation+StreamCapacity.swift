import SimulationKernel

/// Stream partitions with an ingress capacity (`StreamConfiguration.capacity`).
///
/// Model: each partition's leader appends the records sent to it one at a time, first come
/// first served, each taking `IngressCapacity.serviceTime(sizeBytes:)` (the larger of
/// `1 / messagesPerSecond` and `sizeBytes / bytesPerSecond`, the size being its producer's
/// `message.sizeBytes`). A record sent while the partition is busy waits its turn, so past the
/// capacity the wait (and every latency measured from the publish) grows without bound, as a
/// saturated Kafka partition's produce requests queue up. Replication, visibility to
/// consumers and failover truncation count from the append (`StreamRecord.appendedAt`); the
/// record keeps its publish time (latencies and retention).
///
/// Simplifications: partitions are independent servers (no broker- or cluster-wide limit
/// shared by the partitions a leader hosts); records a producer sends again after a failover
/// skip the ingress; consumers fetch without a throughput limit.
extension Simulation {
    /// `record`, sent now to partition `p` of stream `s` (which has a capacity), waits for the
    /// partition's ingress, then is appended; `key` goes into the trace.
    mutating func admit(_ record: StreamRecord, stream s: Int, partition p: Int, key: String?) {
        guard let capacity = streamRuntime.streams[s].configuration.capacity else {
            return append(record, stream: s, partition: p, key: key)
        }
        let size = messageSizeBytes(producer: producers[record.producer].producer)
        let serviceTime = capacity.serviceTime(sizeBytes: size)
        var freeAt = streamRuntime.streams[s].ingressFreeAt[p]
        let stored = streamRuntime.streams[s].metrics.ingress.serve(at: now, freeAt: &freeAt, serviceTime: serviceTime)
        streamRuntime.streams[s].ingressFreeAt[p] = freeAt
        streamRuntime.streams[s].metrics.partitionBusySeconds[p] += serviceTime.seconds
        streamRuntime.streams[s].metrics.ingress.publishLatency.record(stored - now)
        // Appended at once only when nothing is waiting ahead of it (a zero service time
        // could otherwise overtake a record due at this same instant).
        guard stored > now || !streamRuntime.streams[s].ingressQueue[p].isEmpty else {
            return append(record, stream: s, partition: p, key: key)
        }
        var waiting = record
        waiting.appendedAt = stored
        // It keeps the publish delay its producer's token bucket gave it (Simulation+Omission.swift).
        streamRuntime.streams[s].ingressQueue[p].append((waiting, omission.currentDelay))
        streamRuntime.pendingIngress += 1
        if trace != nil { traceRecord("ingress", record.id, "\(streamRuntime.streams[s].configuration.name)[\(p)]", key: key) }
        events.schedule(.stream(.ingressDone(stream: StreamID(s), partition: PartitionID(p))), at: stored)
    }

    /// The ingress of partition `p` of stream `s` has stored its oldest waiting record: it is
    /// appended now.
    mutating func ingressDone(stream s: Int, partition p: Int) {
        guard let waiting = streamRuntime.streams[s].ingressQueue[p].popFirst() else { return }
        streamRuntime.pendingIngress -= 1
        omission.currentDelay = waiting.delay
        append(waiting.record, stream: s, partition: p)
        omission.currentDelay = .zero
    }
}
