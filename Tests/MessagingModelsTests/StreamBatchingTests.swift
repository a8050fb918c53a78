import MessagingModels
import SimulationKernel
import Testing

/// Producers' send batches on streams (one batch per partition, `ProducerBatching`) and the
/// capacity brokers share among the partitions they lead (`StreamBrokers`): exact small models
/// with constant times.
@Suite struct StreamBatchingTests {
    typealias M = StreamModels

    /// One stream, one producer sending `count` records at 1, 2, 3 … ms (1,000/s) in batches
    /// (`maxMessages`, `linger`), read by one member taking 10 ms per record and committing each.
    static func model(partitions: Int = 1, count: Int = 3, maxMessages: Int? = 10, maxBytes: Int? = nil, linger: Double,
                      sizeBytes: Int? = nil, rate: Double = 1_000) -> SystemModel {
        var model = M.model(partitions: partitions, partitioner: .roundRobin, rate: rate, count: count,
                            groups: [M.group("g", commit: .afterProcessing, rebalanceDelay: 0)],
                            consumers: [M.member("c", group: 0, service: .constant(0.01))])
        model.producers[0].batch = ProducerBatching(maxMessages: maxMessages, maxBytes: maxBytes, linger: SimDuration(seconds: linger))
        model.producers[0].messageSizeBytes = sizeBytes
        return model
    }

    /// Times [s] of the trace entries of `kind`, rounded to the nanosecond.
    static func times(_ trace: [TraceEntry], _ kind: String) -> [Double] {
        trace.filter { $0.kind == kind }.map { ($0.time.seconds * 1e9).rounded() / 1e9 }
    }

    /// (time [s], entity) of the appends.
    static func appends(_ trace: [TraceEntry]) -> [String] {
        trace.filter { $0.kind == "append" }.map { "\(($0.time.seconds * 1e9).rounded() / 1e9) \($0.entity)" }
    }

    @Test func recordsOfOnePartitionLingerAndAreAppendedTogether() throws {
        // Sent at 1, 2, 3 ms; the batch opened at 1 ms lingers 10 ms: one append at 11 ms.
        let (result, trace) = M.run(Self.model(linger: 0.01))
        #expect(Self.appends(trace) == ["0.011 events[0]@0", "0.011 events[0]@1", "0.011 events[0]@2"])
        let batching = try #require(result.metrics.batching?.first)
        #expect(batching.batches == 1 && batching.messages == 3)
        #expect(abs(batching.waitSeconds - 0.027) < 1e-9)   // 10 + 9 + 8 ms
        // The member starts at 11 ms and takes 10 ms each: end to end 20, 29 and 38 ms.
        let latency = result.metrics.streams[0].latency.endToEnd
        let (longest, shortest) = (try #require(latency.maximum), try #require(latency.minimum))
        #expect(abs(longest - 0.038) < 1e-9 && abs(shortest - 0.020) < 1e-9)
        #expect(result.metrics.streams[0].isBalanced)
        TestModels.expectBalanced(result)
    }

    @Test func aFullBatchLeavesAtOnce() {
        // Batches of 2 lingering 1 s: {1, 2 ms} leaves full at 2 ms; {3 ms} when its linger
        // ends at 1.003 s.
        let (result, trace) = M.run(Self.model(maxMessages: 2, linger: 1))
        #expect(Self.times(trace, "append") == [0.002, 0.002, 1.003])
        #expect(result.metrics.batching?.first?.batches == 2)
        TestModels.expectBalanced(result)
    }

    @Test func maxBytesFillsABatchByTheProducersMessageSize() {
        // 100-byte records, 250 bytes a batch: two records fill it (a third would not fit).
        let (_, trace) = M.run(Self.model(count: 5, maxMessages: nil, maxBytes: 250, linger: 1, sizeBytes: 100))
        #expect(Self.times(trace, "append") == [0.002, 0.002, 0.004, 0.004, 1.005])
        // A record larger than the batch travels alone, at once.
        let (_, alone) = M.run(Self.model(count: 2, maxMessages: nil, maxBytes: 50, linger: 1, sizeBytes: 100))
        #expect(Self.times(alone, "append") == [0.001, 0.002])
    }

    @Test func eachPartitionHasItsOwnBatch() {
        // Round-robin over 2 partitions, sent at 1, 2, 3, 4 ms, linger 10 ms: partition 0's
        // batch (1 and 3 ms) is appended at 11 ms, partition 1's (2 and 4 ms) at 12 ms.
        let (result, trace) = M.run(Self.model(partitions: 2, count: 4, linger: 0.01))
        #expect(Self.appends(trace) == ["0.011 events[0]@0", "0.011 events[0]@1", "0.012 events[1]@0", "0.012 events[1]@1"])
        #expect(result.metrics.batching?.first?.batches == 2)
        #expect(result.metrics.streams[0].appended == [2, 2])
    }

    @Test func aBatchIsOneHoldOfThePartitionsIngress() throws {
        // 100 records/s: the batch of 3 leaving at 11 ms holds the ingress 30 ms (stored at
        // 41 ms); counting produce requests ("calls") it takes one slot, 10 ms (stored at 21 ms).
        var perRecord = Self.model(linger: 0.01)
        perRecord.streams[0].capacity = IngressCapacity(messagesPerSecond: 100, bytesPerSecond: nil)
        let (records, recordTrace) = M.run(perRecord)
        #expect(Self.times(recordTrace, "append") == [0.041, 0.041, 0.041])
        #expect(records.metrics.streams[0].ingress.waited == 0)
        #expect(abs(records.metrics.streams[0].partitionBusySeconds[0] - 0.03) < 1e-9)
        var perCall = perRecord
        perCall.streams[0].ingressUnit = .calls
        let (calls, callTrace) = M.run(perCall)
        #expect(Self.times(callTrace, "append") == [0.021, 0.021, 0.021])
        #expect(abs(calls.metrics.streams[0].partitionBusySeconds[0] - 0.01) < 1e-9)
        TestModels.expectBalanced(calls)
    }

    @Test func recordsStillInABatchAtTheEndAreRemaining() {
        // Linger 10 s, publishing until 0.5 s and 1 s of drain: the five records are still in
        // their batch when the run stops at 1.5 s.
        var model = Self.model(count: 5, linger: 10, rate: 10)
        model.duration = SimDuration(seconds: 0.5)
        model.drainTimeout = SimDuration(seconds: 1)
        let (result, _) = M.run(model)
        let stream = result.metrics.streams[0]
        #expect(stream.published == 5 && stream.enqueued == 0 && stream.pendingInBatches == 5)
        #expect(stream.isBalanced && stream.pending == 5)
        TestModels.expectBalanced(result)
    }

    // MARK: Brokers sharing the partitions' load

    /// Five records sent at 0.1 … 0.5 s round-robin to 2 partitions, with `brokers` brokers of
    /// 5 records/s each.
    static func brokerModel(brokers: Int, partitionRate: Double? = nil) -> SystemModel {
        var model = M.model(partitions: 2, partitioner: .roundRobin, count: 5,
                            groups: [M.group("g", commit: .afterProcessing, rebalanceDelay: 0)], consumers: [M.member("c", group: 0)])
        model.streams[0].brokers = StreamBrokers(count: brokers, capacity: IngressCapacity(messagesPerSecond: 5, bytesPerSecond: nil)!)
        model.streams[0].capacity = partitionRate.flatMap { IngressCapacity(messagesPerSecond: $0, bytesPerSecond: nil) }
        return model
    }

    @Test func partitionsOfOneBrokerShareItsCapacity() {
        // One broker leads both partitions: one server of 0.2 s a record, appended at 0.3, 0.5,
        // 0.7, 0.9 and 1.1 s, as a single partition would be.
        let (shared, sharedTrace) = M.run(Self.brokerModel(brokers: 1))
        #expect(Self.times(sharedTrace, "append") == [0.3, 0.5, 0.7, 0.9, 1.1])
        #expect(shared.metrics.streams[0].brokerBusySeconds.count == 1 && abs(shared.metrics.streams[0].brokerBusySeconds[0] - 1.0) < 1e-9)
        #expect(shared.metrics.streams[0].ingress.waited == 4)
        TestModels.expectBalanced(shared)
        // Two brokers, one partition each: independent servers (partition 0 at 0.3, 0.5, 0.7 s;
        // partition 1 at 0.4, 0.6 s).
        let (apart, apartTrace) = M.run(Self.brokerModel(brokers: 2))
        #expect(Self.times(apartTrace, "append") == [0.3, 0.4, 0.5, 0.6, 0.7])
        let busy = apart.metrics.streams[0].brokerBusySeconds
        #expect(abs(busy[0] - 0.6) < 1e-9 && abs(busy[1] - 0.4) < 1e-9)
    }

    @Test func anAppendWaitsForItsPartitionAndItsBroker() {
        // Partitions of 2 records/s (0.5 s) under one broker of 5/s (0.2 s): a record starts
        // when both are free and is stored when the longer hold ends. 0.1 → 0.6 (partition 0
        // until 0.6, broker until 0.3); 0.2 → 0.3 start, 0.8 (partition 1); 0.3 → partition 0
        // free at 0.6, 1.1; 0.4 → partition 1 free at 0.8, 1.3; 0.5 → partition 0 at 1.1, 1.6.
        let (result, trace) = M.run(Self.brokerModel(brokers: 1, partitionRate: 2))
        #expect(Self.times(trace, "append") == [0.6, 0.8, 1.1, 1.3, 1.6])
        TestModels.expectBalanced(result)
    }
}
