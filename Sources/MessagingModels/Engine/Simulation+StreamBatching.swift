import SimulationKernel

/// Producers' send batches on streams (`ProducerBatching`), as Kafka's record accumulator
/// keeps them: a producer instance holds one open batch per partition; a record joins the batch
/// of its partition, which leaves when it is full (`ProducerBatching.limit(sizeBytes:)`:
/// `maxMessages`, or `maxBytes` of the producer's `message.sizeBytes`) or when its first record
/// has waited `linger` (a `.batchDue` event, stale once the batch has left full). A batch that
/// leaves is one append: one hold of the partition's (and its broker's) ingress for the whole
/// batch (`Simulation+StreamCapacity.swift`), its records appended together, in the order they
/// were sent. A record's publish time stays when the producer created it, so the time it waited
/// in its batch counts in its end-to-end latency (and `producers.<p>.batching`); records still
/// in a batch when the run is cut off are `remaining` in the stream's ledger.
///
/// - Note: Source: Apache Kafka `KafkaProducer` javadoc and producer configs `batch.size`,
///   `linger.ms` (https://kafka.apache.org/documentation/#producerconfigs: "the producer will
///   wait for up to the given delay to allow other records to be sent so that the sends can be
///   batched together"; a batch per partition).
extension Simulation {
    /// Producer instance `i` puts `record`, just created for partition `p` of stream `s`, in
    /// that partition's batch; a full batch (or any batch without a linger) leaves now.
    mutating func addToStreamBatch(_ record: StreamRecord, stream s: Int, partition p: Int, from i: Int, key: String?) {
        guard let batching = streamRuntime.producers[i].batching else { return }
        let slot: Int32
        if let open = streamRuntime.producers[i].openBatches[Int32(p)] {
            slot = open
        } else {
            slot = streamRuntime.batches.open(producer: i, stream: s, partition: p)
            streamRuntime.producers[i].openBatches[Int32(p)] = slot
            if batching.linger > .zero, let number = streamRuntime.batches[slot]?.number {
                events.schedule(.stream(.batchDue(slot: slot, batch: number)), at: now + batching.linger)
            }
        }
        streamRuntime.batches[slot]?.records.append((record, omission.currentDelay))
        streamRuntime.batchedRecords += 1
        if trace != nil { traceRecord("batch", record.id, "\(producers[i].name)→\(streamRuntime.streams[s].configuration.name)[\(p)]", key: key) }
        let count = streamRuntime.batches[slot]?.records.count ?? 0
        if batching.linger == .zero || count >= (streamRuntime.producers[i].batchLimit ?? Int.max) {
            sendStreamBatch(slot: slot)
        }
    }

    /// The linger of batch number `batch` in `slot` is over: it leaves, unless it left full
    /// before.
    mutating func streamBatchDue(slot: Int32, batch: Int32) {
        guard streamRuntime.batches[slot]?.number == batch else { return }
        sendStreamBatch(slot: slot)
    }

    /// The batch in `slot` leaves now, as one append.
    mutating func sendStreamBatch(slot: Int32) {
        guard let batch = streamRuntime.batches.close(slot), !batch.records.isEmpty else { return }
        let (i, s, p) = (Int(batch.producer), Int(batch.stream), Int(batch.partition))
        streamRuntime.producers[i].openBatches[batch.partition] = nil
        streamRuntime.batchedRecords -= batch.records.count
        producers[i].batching.batches += 1
        producers[i].batching.messages += batch.records.count
        for entry in batch.records { producers[i].batching.waitSeconds += (now - entry.record.publishedAt).seconds }
        if trace != nil {
            for entry in batch.records { traceRecord("send", entry.record.id, producers[i].name) }
        }
        if streamRuntime.streams[s].configuration.hasIngress {
            return admit(batch: batch.records, stream: s, partition: p)
        }
        for entry in batch.records {
            var record = entry.record
            record.appendedAt = now   // replication counts from the append, not the publish
            omission.currentDelay = entry.delay
            append(record, stream: s, partition: p)
        }
        omission.currentDelay = .zero
    }
}
