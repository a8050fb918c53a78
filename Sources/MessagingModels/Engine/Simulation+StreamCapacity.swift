import SimulationKernel

/// Stream partitions with an ingress: a capacity of each partition
/// (`StreamConfiguration.capacity`), of each broker shared by the partitions it leads
/// (`StreamConfiguration.brokers`), or both.
///
/// Model: an append — one record, or one producer batch of records for the partition — holds
/// its partition's ingress for `capacity.serviceTime` and its leader broker's for
/// `brokers.capacity.serviceTime` (the larger of `slots / messagesPerSecond` and
/// `bytes / bytesPerSecond`, the size being its producer's `message.sizeBytes`; `slots` is the
/// batch's record count, or 1 when the stream's `ingressUnit` counts produce requests). Appends
/// are served first come first served: one starts when both its partition and its broker are
/// free, and is stored when the longer of its two holds ends. Past the capacity the wait (and
/// every latency measured from the publish) grows without bound, as a saturated Kafka
/// partition's produce requests queue up. Replication, visibility to consumers and failover
/// truncation count from the append (`StreamRecord.appendedAt`); the record keeps its publish
/// time (latencies and retention).
///
/// Simplifications: with both limits an append waiting for its busy partition also holds back
/// later appends to the other partitions of its broker (they are served in the order they were
/// sent); records a producer sends again after a failover skip the ingress; consumers fetch
/// without a throughput limit.
extension Simulation {
    /// `record`, sent now to partition `p` of stream `s` (which has an ingress), waits for the
    /// ingress, then is appended; `key` goes into the trace.
    mutating func admit(_ record: StreamRecord, stream s: Int, partition p: Int, key: String?) {
        let size = messageSizeBytes(producer: producers[record.producer].producer)
        let stored = holdIngress(stream: s, partition: p, sizeBytes: size, records: 1)
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
        streamRuntime.streams[s].pendingIngress += 1
        streamRuntime.streams[s].metrics.ingress.pendingMax = max(streamRuntime.streams[s].metrics.ingress.pendingMax,
                                                                    streamRuntime.streams[s].pendingIngress)
        if trace != nil { traceRecord("ingress", record.id, "\(streamRuntime.streams[s].configuration.name)[\(p)]", key: key) }
        events.schedule(.stream(.ingressDone(stream: StreamID(s), partition: PartitionID(p))), at: stored)
    }

    /// The records of one producer batch, sent now to partition `p` of stream `s` (which has an
    /// ingress), wait for it as one append, then are appended together.
    mutating func admit(batch records: [(record: StreamRecord, delay: SimDuration)], stream s: Int, partition p: Int) {
        guard let first = records.first else { return }
        let size = messageSizeBytes(producer: producers[first.record.producer].producer)
        let stored = holdIngress(stream: s, partition: p, sizeBytes: size, records: records.count)
        guard stored > now || !streamRuntime.streams[s].ingressQueue[p].isEmpty else {
            for entry in records {
                var record = entry.record
                record.appendedAt = now
                omission.currentDelay = entry.delay
                append(record, stream: s, partition: p)
            }
            omission.currentDelay = .zero
            return
        }
        for entry in records {
            var waiting = entry.record
            waiting.appendedAt = stored
            streamRuntime.streams[s].ingressQueue[p].append((waiting, entry.delay))
            if trace != nil { traceRecord("ingress", entry.record.id, "\(streamRuntime.streams[s].configuration.name)[\(p)]") }
        }
        streamRuntime.pendingIngress += records.count
        streamRuntime.streams[s].pendingIngress += records.count
        streamRuntime.streams[s].metrics.ingress.pendingMax = max(streamRuntime.streams[s].metrics.ingress.pendingMax,
                                                                    streamRuntime.streams[s].pendingIngress)
        events.schedule(.stream(.ingressDone(stream: StreamID(s), partition: PartitionID(p))), at: stored)
    }

    /// One append of `records` records of `sizeBytes` bytes each (nil = unknown) arriving now
    /// at partition `p` of stream `s`: it starts when the partition's ingress and its leader's
    /// are free, holds each for its service time, and is stored at the returned time. Counts
    /// the busy times and the wait.
    mutating func holdIngress(stream s: Int, partition p: Int, sizeBytes: Int?, records: Int) -> SimTime {
        let configuration = streamRuntime.streams[s].configuration
        let slots = configuration.ingressUnit == .calls ? 1 : records
        var start = now
        if configuration.capacity != nil { start = max(start, streamRuntime.streams[s].ingressFreeAt[p]) }
        let leader = configuration.brokers?.leader(of: p) ?? 0
        if configuration.brokers != nil { start = max(start, streamRuntime.streams[s].brokerFreeAt[leader]) }
        var stored = start
        if let capacity = configuration.capacity {
            let end = start + capacity.serviceTime(sizeBytes: sizeBytes, messages: records, slots: slots)
            streamRuntime.streams[s].ingressFreeAt[p] = end
            // The service as the clock holds it: cut at its last instant, where `+` saturates.
            streamRuntime.streams[s].metrics.partitionBusySeconds[p] += (end - start).seconds
            streamRuntime.streams[s].metrics.ingress.busySeconds += (end - start).seconds
            stored = max(stored, end)
        }
        if let brokers = configuration.brokers {
            let end = start + brokers.capacity.serviceTime(sizeBytes: sizeBytes, messages: records, slots: slots)
            streamRuntime.streams[s].brokerFreeAt[leader] = end
            streamRuntime.streams[s].metrics.brokerBusySeconds[leader] += (end - start).seconds
            stored = max(stored, end)
        }
        // Its wait and send → append time count once it is appended (IngressMetrics.observe).
        streamRuntime.streams[s].metrics.ingress.observe(sentAt: now, startedAt: start, storedAt: stored, recordsLatency: true)
        return stored
    }

    /// The ingress of partition `p` of stream `s` has stored its oldest waiting append: its
    /// records (one, or a producer batch stored together) are appended now.
    mutating func ingressDone(stream s: Int, partition p: Int) {
        while let head = streamRuntime.streams[s].ingressQueue[p].first, head.record.appendedAt <= now {
            guard let waiting = streamRuntime.streams[s].ingressQueue[p].popFirst() else { return }
            streamRuntime.pendingIngress -= 1
            streamRuntime.streams[s].pendingIngress -= 1
            omission.currentDelay = waiting.delay
            append(waiting.record, stream: s, partition: p)
            omission.currentDelay = .zero
        }
    }
}
