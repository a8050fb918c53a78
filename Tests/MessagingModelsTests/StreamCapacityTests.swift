import Testing
import MessagingModels
import SimulationKernel

/// Ingress capacity in messages/s and bytes/s (`IngressCapacity`): on a queue's broker profile
/// and on each partition of a stream. Exact small models with constant times.
@Suite struct StreamCapacityTests {
    typealias M = StreamModels
    typealias R = RoutingEngineTests

    static func capacity(_ messages: Double?, bytes: Double? = nil) -> IngressCapacity? {
        IngressCapacity(messagesPerSecond: messages, bytesPerSecond: bytes)
    }

    /// One stream (`partitions`, capacity per partition), five records sent at 0.1 … 0.5 s of
    /// `sizeBytes` each, read by one member that takes 10 ms per record and commits each.
    static func model(_ capacity: IngressCapacity?, partitions: Int = 1, sizeBytes: Int? = nil, replicationDelay: Double = 0,
                      drainTimeout: Double = 3600) -> SystemModel {
        var model = M.model(partitions: partitions, partitioner: .roundRobin, replicas: replicationDelay > 0 ? 2 : 1,
                            replicationDelay: replicationDelay, count: 5, drainTimeout: drainTimeout,
                            groups: [M.group("g", commit: .afterProcessing, rebalanceDelay: 0)], consumers: [M.member("c", group: 0)])
        model.streams[0].capacity = capacity
        model.producers[0].messageSizeBytes = sizeBytes
        return model
    }

    static func times(_ trace: [TraceEntry], _ kind: String) -> [Double] {
        trace.filter { $0.kind == kind }.map(\.time.seconds)
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 }
    }

    @Test func aMessageTakesTheLongerOfItsMessageAndByteTimes() {
        let both = Self.capacity(100, bytes: 1_000)
        #expect(both?.serviceTime(sizeBytes: 5) == SimDuration(seconds: 0.01))      // 1/100 > 5/1000
        #expect(both?.serviceTime(sizeBytes: 200) == SimDuration(seconds: 0.2))     // 200/1000 > 1/100
        #expect(both?.serviceTime(sizeBytes: nil) == SimDuration(seconds: 0.01))    // unknown size: no byte cost
        #expect(Self.capacity(nil, bytes: 1_000)?.serviceTime(sizeBytes: nil) == .zero)
        #expect(Self.capacity(nil, bytes: nil) == nil)
        // A call storing a batch of 10: 10 slots, or 1 when the ingress counts calls; its
        // bytes are the batch's.
        #expect(both?.serviceTime(sizeBytes: 5, messages: 10) == SimDuration(seconds: 0.1))
        #expect(both?.serviceTime(sizeBytes: 5, messages: 10, slots: 1) == SimDuration(seconds: 0.05))
    }

    @Test func recordsPastAPartitionsCapacityWaitTheirTurn() throws {
        // 5 records/s (0.2 s each) for sends at 0.1 … 0.5 s: appended at 0.3, 0.5, 0.7, 0.9 and
        // 1.1 s; four waited 0.1, 0.2, 0.3 and 0.4 s; end to end is append − send + 10 ms.
        let (result, trace) = M.run(Self.model(Self.capacity(5)))
        #expect(Self.same(Self.times(trace, "append"), [0.3, 0.5, 0.7, 0.9, 1.1]))
        #expect(Self.same(Self.times(trace, "ingress"), [0.1, 0.2, 0.3, 0.4, 0.5]))
        let stream = result.metrics.streams[0]
        #expect(stream.ingress.waited == 4 && abs(stream.ingress.waitSeconds - 1.0) < 1e-9)
        #expect(stream.partitionBusySeconds.count == 1 && abs(stream.partitionBusySeconds[0] - 1.0) < 1e-9)
        #expect(abs(try #require(stream.ingress.publishLatency.maximum) - 0.6) < 1e-9)
        #expect(abs(try #require(stream.latency.endToEnd.maximum) - 0.61) < 1e-9)
        #expect(result.end == M.at(1.11))
        #expect(stream.isBalanced && stream.pendingIngress == 0)
        R.expectBalanced(result)
    }

    @Test func bytesPerSecondChargesEachRecordItsProducersSize() {
        // 100 msg/s and 1,000 bytes/s: 20-byte records take 20 ms (no wait at 10/s); 200-byte
        // records take 0.2 s, as at 5 msg/s above.
        let (small, smallTrace) = M.run(Self.model(Self.capacity(100, bytes: 1_000), sizeBytes: 20))
        #expect(Self.same(Self.times(smallTrace, "append"), [0.12, 0.22, 0.32, 0.42, 0.52]))
        #expect(small.metrics.streams[0].ingress.waited == 0)
        let (large, largeTrace) = M.run(Self.model(Self.capacity(100, bytes: 1_000), sizeBytes: 200))
        #expect(Self.same(Self.times(largeTrace, "append"), [0.3, 0.5, 0.7, 0.9, 1.1]))
        #expect(large.metrics.streams[0].ingress.waited == 4)
        // Without a size the byte limit does not apply.
        let (unsized, unsizedTrace) = M.run(Self.model(Self.capacity(100, bytes: 1_000)))
        #expect(Self.same(Self.times(unsizedTrace, "append"), [0.11, 0.21, 0.31, 0.41, 0.51]))
        R.expectBalanced(unsized)
    }

    @Test func partitionsAreIndependentServers() {
        // Round-robin over 2 partitions at 5 records/s each: partition 0 gets the records sent
        // at 0.1, 0.3, 0.5 s (appended 0.3, 0.5, 0.7), partition 1 those at 0.2, 0.4 (0.4, 0.6).
        let (result, trace) = M.run(Self.model(Self.capacity(5), partitions: 2))
        #expect(Self.same(Self.times(trace, "append"), [0.3, 0.4, 0.5, 0.6, 0.7]))
        #expect(result.metrics.streams[0].appended == [3, 2])
        let busy = result.metrics.streams[0].partitionBusySeconds
        #expect(abs(busy[0] - 0.6) < 1e-9 && abs(busy[1] - 0.4) < 1e-9)
    }

    @Test func replicationCountsFromTheAppend() {
        // Appended at 0.3 s, replicated 50 ms later: the member starts it at 0.35 s.
        let (_, trace) = M.run(Self.model(Self.capacity(5), replicationDelay: 0.05))
        #expect(Self.same(Array(Self.times(trace, "start").prefix(2)), [0.35, 0.55]))
    }

    @Test func recordsStillWaitingAtTheEndAreRemainingInTheStreamsLedger() {
        // 1 record/s: appended at 1.1, 2.1, … 5.1 s; the run stops at 0.5 s + 1 s of drain,
        // with 4 records still waiting for the ingress.
        var model = Self.model(Self.capacity(1), drainTimeout: 1)
        model.duration = SimDuration(seconds: 0.5)
        let (result, _) = M.run(model)
        let stream = result.metrics.streams[0]
        #expect(stream.published == 5 && stream.enqueued == 1 && stream.pendingIngress == 4)
        #expect(stream.isBalanced)
        R.expectBalanced(result)
    }

    @Test func aQueuesBrokerChargesBytesToo() {
        // 200-byte messages into a 1,000 bytes/s queue: stored every 0.2 s, as 5 msg/s would.
        var queue = QueueConfiguration(name: "q")
        queue.profile = BrokerProfile(bytesPerSecond: 1_000)
        var producer = DeadLetterCycleTests.five()
        producer.messageSizeBytes = 200
        let model = SystemModel(name: "bytes", seed: 1, queues: [queue], producers: [producer],
                                consumers: [BrokerProfileTests.worker])
        var simulation = Simulation(model: model)
        var starts: [Double] = []
        simulation.trace = { if $0.kind == "deliver" { starts.append($0.time.seconds) } }
        let result = simulation.run()
        #expect(Self.same(starts, [0.3, 0.5, 0.7, 0.9, 1.1]))
        #expect(result.metrics.queues[0].ingress.waited == 4)
        R.expectBalanced(result)
    }
}
