import Testing
import MessagingModels
import SimulationKernel

@Suite struct StreamBehaviourTests {
    typealias M = StreamModels

    @Test("keyed records land on murmur2's partition and keep their order there")
    func keysAndPerPartitionOrder() {
        let keys = MessageKeys.generated(count: 50, zipfExponent: nil)
        let model = M.model(partitions: 6, keys: keys, count: 2_000,
                            groups: [M.group("g")],
                            consumers: [M.member("c", group: 0, instances: 3, service: .exponential(mean: 0.2))])
        let (result, trace) = M.run(model)
        let partitionOf = M.partitions(trace)
        // The partitions used are exactly those of the keys.
        let keyPartitions = Set((0..<50).map { KafkaPartitioner.partition(forKey: "key-\($0)", partitions: 6) })
        #expect(Set(partitionOf.values) == keyPartitions)
        // Within a partition, first processing follows publish (id) order, so per-key order holds.
        var last = [UInt64](repeating: 0, count: 6)
        for entry in trace where entry.kind == "start" {
            let p = partitionOf[entry.messageID]!
            #expect(entry.messageID > last[p])
            last[p] = entry.messageID
        }
        #expect(result.metrics.streams[0].groups[0].committed == 2_000)
        #expect(result.metrics.streams[0].groups[0].duplicateProcessing == 0)
    }

    @Test("one fixed key sends every record to one partition")
    func fixedKey() {
        let model = M.model(partitions: 6, keys: .fixed("user-42"), count: 100)
        let (result, _) = M.run(model)
        var expected = [Int](repeating: 0, count: 6)
        expected[KafkaPartitioner.partition(forKey: "user-42", partitions: 6)] = 100
        #expect(result.metrics.streams[0].appended == expected)
    }

    @Test("round-robin deals records in turn; sticky switches every batch")
    func keylessPartitioners() {
        let (roundRobin, _) = M.run(M.model(partitions: 4, partitioner: .roundRobin, count: 10))
        #expect(roundRobin.metrics.streams[0].appended == [3, 3, 2, 2])
        let (sticky, trace) = M.run(M.model(partitions: 4, partitioner: .sticky, count: 64))
        #expect(sticky.metrics.streams[0].appended.reduce(0, +) == 64)
        // 16 records per batch (the default), each batch on another partition than the last.
        let partitionOf = M.partitions(trace)
        let sequence = trace.filter { $0.kind == "append" }.map { partitionOf[$0.messageID]! }
        for batch in 0..<4 {
            #expect(Set(sequence[(batch * 16)..<(batch * 16 + 16)]).count == 1)
            if batch > 0 { #expect(sequence[batch * 16] != sequence[batch * 16 - 1]) }
        }
    }

    @Test("a Zipf key law makes key-0 the hottest")
    func zipfSkew() {
        let (result, _) = M.run(M.model(partitions: 12, keys: .generated(count: 1_000, zipfExponent: 1.2), count: 20_000))
        let appended = result.metrics.streams[0].appended
        let hot = KafkaPartitioner.partition(forKey: "key-0", partitions: 12)
        #expect(appended[hot] == appended.max())
        #expect(Double(appended[hot]) > 0.2 * 20_000)
    }

    @Test("every group reads every record; records stay in the stream")
    func everyGroupReadsEverything() {
        let model = M.model(partitions: 3, keys: .generated(count: 10, zipfExponent: nil), count: 500,
                            groups: [M.group("a"), M.group("b", commit: .afterProcessing)],
                            consumers: [M.member("x", group: 0, instances: 2), M.member("y", group: 1)])
        let (result, trace) = M.run(model)
        for group in result.metrics.streams[0].groups {
            #expect(group.entered == 500 && group.committed == 500 && group.remaining == 0 && group.isBalanced)
        }
        #expect(result.metrics.consumers.map(\.processed) == [500, 500])
        #expect(trace.filter { $0.kind == "processed" }.count == 1_000)
        #expect(result.metrics.acked == 1_000)
        #expect(result.stopReason == .completed)
    }

    @Test("lag equals appended minus committed offsets at every sample")
    func lagIsEndMinusCommitted() {
        enum Step { case traced(TraceEntry), sampled(LagSample) }
        final class Box: @unchecked Sendable { var steps: [Step] = [] }
        let box = Box()
        let model = M.model(partitions: 2, partitioner: .roundRobin, rate: 20, count: 400,
                            groups: [M.group("g", commit: .auto(interval: SimDuration(seconds: 2)))],
                            consumers: [M.member("c", group: 0, service: .constant(0.06))])
        var simulation = Simulation(model: model)
        simulation.trace = { box.steps.append(.traced($0)) }
        simulation.lagObserver = { box.steps.append(.sampled($0)) }
        let result = simulation.run()
        // Walk the run in event order, counting appends and commits per partition.
        var partitionOf: [UInt64: Int] = [:]
        var appended = [Int64](repeating: 0, count: 2)
        var committed = [Int64](repeating: 0, count: 2)
        var samples = 0
        for step in box.steps {
            switch step {
            case .traced(let entry) where entry.kind == "append":
                let p = Int(entry.entity.split(separator: "[")[1].split(separator: "]")[0])!
                partitionOf[entry.messageID] = p
                appended[p] += 1
            case .traced(let entry) where entry.kind == "commit":
                committed[partitionOf[entry.messageID]!] += 1
            case .traced:
                break
            case .sampled(let sample):
                samples += 1
                #expect(sample.endOffset == appended[sample.partition])
                #expect(sample.committedOffset == committed[sample.partition])
                #expect(sample.lag == appended[sample.partition] - committed[sample.partition])
            }
        }
        #expect(samples > 40)
        let group = result.metrics.streams[0].groups[0]
        #expect(group.lagSeries.count >= 20)
        #expect(group.lagSeries.max()! > 0)
    }

    /// A crash 7.02 s in: the member had committed offsets below 49 at its 5 s auto-commit,
    /// finished records 50 … 69 since, and was processing record 70. The new owner starts at
    /// the committed offset: records 50 … 69 are processed twice, 50 … 70 fetched twice.
    @Test("a rebalance after a crash reprocesses exactly the uncommitted records")
    func crashReprocessesUncommitted() {
        let model = M.model(partitions: 1, rate: 10, count: 100,
                            groups: [M.group("g")],
                            consumers: [M.member("a", group: 0, service: .constant(0.05)),
                                        M.member("b", group: 0, service: .constant(0.05))],
                            faults: [StreamFault(at: M.at(7.02), target: .groupMember(consumer: 0, instance: 0))])
        let (result, trace) = M.run(model)
        let group = result.metrics.streams[0].groups[0]
        let commitsBeforeCrash = trace.filter { $0.kind == "commit" && $0.time < M.at(7.02) }.count
        #expect(commitsBeforeCrash == 49)
        #expect(group.duplicateProcessing == 20)
        #expect(group.duplicateDeliveries == 21)
        #expect(group.rebalances == 1)
        #expect(group.committed == 100 && group.isBalanced)
        #expect(result.metrics.consumers[0].processed == 69)
        #expect(result.metrics.consumers[1].processed == 51)
        // b starts when the rebalance ends, 3 s after the crash, at the committed offset.
        let firstOfB = trace.first { $0.kind == "start" && $0.entity == "b" }
        #expect(firstOfB?.time == M.at(10.02))
        #expect(firstOfB?.messageID == 50)
    }

    @Test("a join or a clean leave commits first: nothing is processed twice")
    func cleanJoinAndLeave() {
        let model = M.model(partitions: 4, partitioner: .roundRobin, rate: 20, count: 600,
                            groups: [M.group("g")],
                            consumers: [M.member("a", group: 0, instances: 2, service: .constant(0.02)),
                                        M.member("b", group: 0, service: .constant(0.02), joinAt: 10, leaveAt: 20)])
        let (result, _) = M.run(model)
        let group = result.metrics.streams[0].groups[0]
        #expect(group.rebalances == 2)
        #expect(group.duplicateProcessing == 0)
        #expect(group.committed == 600 && group.isBalanced)
        #expect(result.metrics.consumers[1].processed > 0)
    }

    @Test("a member slower than maxPollInterval is removed, rejoins, and its record is processed twice")
    func maxPollInterval() {
        let model = M.model(partitions: 2, partitioner: .roundRobin, rate: 1, count: 6,
                            groups: [M.group("g", rebalanceDelay: 0.5, maxPollInterval: 2)],
                            consumers: [M.member("fast", group: 0, service: .constant(0.01)),
                                        M.member("slow", group: 0, service: .constant(3))])
        let (result, trace) = M.run(model)
        let group = result.metrics.streams[0].groups[0]
        #expect(trace.contains { $0.kind == "pollTimeout" && $0.entity == "slow" })
        #expect(group.rebalances >= 2)
        #expect(group.duplicateProcessing >= 1)
        #expect(group.committed == 6 && group.isBalanced)
    }

    /// No member after 0.5 s: retention (10 s) deletes records 1 … 89 by the end at 100 s.
    @Test("retention deletes unread records: lost with reason retention")
    func retentionLoss() {
        let model = M.model(partitions: 1, retention: 10, rate: 1, count: 100, drainTimeout: 0,
                            groups: [M.group("g")],
                            consumers: [M.member("c", group: 0, service: .constant(0.01), leaveAt: 0.5)])
        let (result, _) = M.run(model)
        let group = result.metrics.streams[0].groups[0]
        #expect(group.entered == 100)
        #expect(group.lost == 89)
        #expect(group.remaining == 11)
        #expect(group.committed == 0)
        #expect(group.isBalanced)
    }

    /// Records at 1, 2, … 60 s; retention 10 s; group "late" (earliest) forms at 43.5 s (its
    /// member joins at 40.5 s, then the 3 s rebalance delay), when records 1 … 33 are already
    /// deleted: they are lost to it (not left out of its ledger), and record 34 is deleted
    /// before the group's 5 s auto-commit covers it. Group "at20" starts at 20 s, so it misses
    /// records 20 … 33 before it forms, and 34 after.
    @Test("a group that forms after retention deleted its history counts that history as lost")
    func lateGroupLosesTheDeletedHistory() {
        let model = M.model(partitions: 1, retention: 10, rate: 1, count: 60,
                            groups: [M.group("late"), M.group("at20", startAt: .time(SimTime.zero + SimDuration(seconds: 20)))],
                            consumers: [M.member("c", group: 0, joinAt: 40.5), M.member("d", group: 1, joinAt: 40.5)])
        let (result, _) = M.run(model)
        let late = result.metrics.streams[0].groups[0]
        #expect([late.entered, late.lost, late.committed, late.remaining] == [60, 34, 26, 0])
        #expect(late.isBalanced)
        let at20 = result.metrics.streams[0].groups[1]
        #expect([at20.entered, at20.lost, at20.committed, at20.remaining] == [41, 15, 26, 0])
        #expect(at20.isBalanced)
    }

    @Test("a lagging group loses what retention deletes, the ledger still balances")
    func laggingGroupRetention() {
        let model = M.model(partitions: 2, retention: 5, partitioner: .roundRobin, rate: 10, count: 300,
                            groups: [M.group("g", commit: .afterProcessing)],
                            consumers: [M.member("c", group: 0, service: .constant(0.2))])
        let (result, _) = M.run(model)
        let group = result.metrics.streams[0].groups[0]
        #expect(group.lost > 100)
        #expect(group.committed + group.lost + group.remaining == 300)
        #expect(group.isBalanced)
    }

    /// Leader crash at 5.02 s with a 0.5 s replication delay: records published at 4.6 … 5.0 s
    /// (5) were not copied; records at 4.1 … 4.5 s (5) were, but their acknowledgement had
    /// not reached the producer.
    @Test("leader failover: acks 1 loses the unreplicated tail, acks all resends it",
          arguments: [(Acks.leader, true, 95, 5, 0), (.all, true, 100, 0, 0), (.all, false, 105, 0, 5), (.none, false, 95, 5, 0)])
    func failover(_ acks: Acks, _ idempotent: Bool, _ kept: Int, _ lost: Int, _ duplicates: Int) {
        let model = M.model(partitions: 1, replicas: 2, replicationDelay: 0.5, acks: acks, idempotent: idempotent,
                            rate: 10, count: 100,
                            groups: [M.group("g", commit: .afterProcessing)],
                            consumers: [M.member("c", group: 0, service: .constant(0.01))],
                            faults: [StreamFault(at: M.at(5.02), stream: StreamID(0), partition: 0)])
        let (result, _) = M.run(model)
        let stream = result.metrics.streams[0]
        #expect(stream.enqueued == kept)
        #expect(stream.lostOnFailover == lost)
        #expect(stream.duplicateAppends == duplicates)
        #expect(stream.isBalanced)
        #expect(stream.groups[0].committed == kept && stream.groups[0].isBalanced)
        #expect(stream.groups[0].duplicateProcessing == duplicates)
        #expect(result.stopReason == .completed)
    }

    @Test("start positions: earliest reads history, latest only what comes after, a time from then on")
    func startPositions() {
        let groups = [M.group("e", startAt: .earliest), M.group("l", startAt: .latest), M.group("t", startAt: .time(M.at(3)))]
        let model = M.model(partitions: 2, partitioner: .roundRobin, rate: 10, count: 100,
                            groups: groups,
                            consumers: [M.member("a", group: 0, joinAt: 5), M.member("b", group: 1, joinAt: 5),
                                        M.member("c", group: 2, joinAt: 5)])
        let (result, _) = M.run(model)
        let entered = result.metrics.streams[0].groups.map(\.entered)
        // The joins at 5 s come before the publish at 5 s (scheduled first): "latest" starts
        // after record 49; the time 3 s starts at record 30 (published at 3.0 s).
        #expect(entered == [100, 51, 71])
        #expect(result.metrics.streams[0].groups.allSatisfy { $0.isBalanced && $0.remaining == 0 })
    }

    @Test("same model, same trace")
    func deterministic() {
        let model = M.model(partitions: 5, keys: .generated(count: 40, zipfExponent: 0.9), rate: 50, count: 2_000,
                            groups: [M.group("g"), M.group("h", assignor: .roundRobin)],
                            consumers: [M.member("a", group: 0, instances: 2, service: .exponential(mean: 0.02)),
                                        M.member("b", group: 0, service: .exponential(mean: 0.02), joinAt: 10),
                                        M.member("c", group: 1, instances: 3, service: .exponential(mean: 0.05))])
        let first = M.run(model).1.map(\.description)
        let second = M.run(model).1.map(\.description)
        #expect(first == second)
    }
}
