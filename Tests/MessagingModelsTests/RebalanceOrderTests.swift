import Testing
import MessagingModels
import SimulationKernel

/// Revoke before assign: a rebalance hands a partition over only after its owner has finished
/// (and committed) the record it was processing, or has been removed for exceeding
/// `maxPollInterval`.
@Suite struct RebalanceOrderTests {
    typealias M = StreamModels

    /// Walks a trace and returns the starts at which another member of the group (one not
    /// removed by a poll timeout or a crash since it started) was still processing a record of
    /// the same partition; also how many starts were checked.
    static func overlaps(_ trace: [TraceEntry]) -> (overlaps: [TraceEntry], starts: Int) {
        let partitionOf = M.partitions(trace)
        var processing: [String: Int] = [:]   // member → partition of its record in progress
        var overlaps: [TraceEntry] = []
        var starts = 0
        for entry in trace {
            switch entry.kind {
            case "start":
                let p = partitionOf[entry.messageID]!
                starts += 1
                if processing.contains(where: { $0.key != entry.entity && $0.value == p }) { overlaps.append(entry) }
                processing[entry.entity] = p
            case "processed", "crash", "pollTimeout":
                processing[entry.entity] = nil
            default:
                break
            }
        }
        return (overlaps, starts)
    }

    /// b owns the single partition and starts record 1 (published at 1 s) at 1 s for 10 s; a
    /// joins at 1.5 s, which sorts first, so the range assignor will move the partition to a.
    /// The 3 s pause ends at 4.5 s, but b is still processing: the assignment waits until b
    /// finishes and commits at 11 s; a then reads from offset 1 (record 2, published at 2 s).
    /// Before the fix a took the partition at 4.5 s and processed record 1 alongside b.
    /// Both commit modes commit record 1 as b finishes it (auto-commit: b's next poll).
    @Test("a joining member gets the partition only after its owner finished and committed its record",
          arguments: [(CommitPolicy.afterProcessing, "21.0"), (.auto(interval: SimDuration(seconds: 5)), "21.5")])
    func joinWaitsForTheOwner(_ commit: CommitPolicy, _ lastCommit: String) {
        let model = M.model(partitions: 1, rate: 1, count: 2,
                            groups: [M.group("g", commit: commit, rebalanceDelay: 3)],
                            consumers: [M.member("b", group: 0, service: .constant(10)),
                                        M.member("a", group: 0, service: .constant(10), joinAt: 1.5)])
        let (result, trace) = M.run(model)
        let steps = trace.filter { ["start", "processed", "commit", "assign", "awaitRevoke"].contains($0.kind) }
            .map { "\($0.time.seconds) \($0.kind) m\($0.messageID) \($0.entity)" }
        #expect(steps == [
            "0.0 assign m0 g",
            "1.0 start m1 b",
            "4.5 awaitRevoke m0 g",
            "11.0 processed m1 b",
            "11.0 commit m1 g",
            "11.0 assign m0 g",
            "11.0 start m2 a",
            "21.0 processed m2 a",
            "\(lastCommit) commit m2 g",   // auto-commit: a's timer runs every 5 s from its join at 1.5 s
        ])
        let group = result.metrics.streams[0].groups[0]
        #expect(group.rebalances == 1)
        #expect(group.duplicateProcessing == 0 && group.duplicateDeliveries == 0)
        #expect(group.entered == 2 && group.committed == 2 && group.remaining == 0 && group.isBalanced)
        #expect(result.metrics.consumers.map(\.processed) == [1, 1])
        #expect(Self.overlaps(trace).overlaps.isEmpty)
    }

    /// b takes 400 s over record 1 with a 300 s maxPollInterval: the rebalance started by a's
    /// join at 1.5 s waits for b until b is removed at 301 s (1 s + 300 s), then a gets the
    /// partition and processes records 1 and 2 (301–311 s, 311–321 s), and the run ends, every
    /// record committed, while b (no longer a member) is still on record 1.
    @Test("a member busy past maxPollInterval is removed and the waiting rebalance goes on without it")
    func evictionEndsTheWait() {
        let model = M.model(partitions: 1, rate: 1, count: 2,
                            groups: [M.group("g", commit: .afterProcessing, rebalanceDelay: 3, maxPollInterval: 300)],
                            consumers: [M.member("b", group: 0, service: .constant(400)),
                                        M.member("a", group: 0, service: .constant(10), joinAt: 1.5)])
        let (result, trace) = M.run(model)
        let steps = trace.filter { ["start", "processed", "assign", "pollTimeout", "join"].contains($0.kind) }
            .map { "\($0.time.seconds) \($0.kind) m\($0.messageID) \($0.entity)" }
        #expect(steps == [
            "0.0 join m0 b",
            "0.0 assign m0 g",
            "1.0 start m1 b",
            "1.5 join m0 a",
            "301.0 pollTimeout m1 b",
            "301.0 assign m0 g",
            "301.0 start m1 a",
            "311.0 processed m1 a",
            "311.0 start m2 a",
            "321.0 processed m2 a",
        ])
        let group = result.metrics.streams[0].groups[0]
        #expect(result.end == M.at(321))
        #expect(group.rebalances == 1)
        #expect(group.duplicateDeliveries == 1)   // record 1, fetched by b, then by a
        #expect(group.committed == 2 && group.isBalanced)
        #expect(Self.overlaps(trace).overlaps.isEmpty)
    }

    /// Joins, leaves, crashes and slow records on four partitions: at no start does another
    /// member hold a record of the same partition.
    @Test("no two members ever process one partition at the same time",
          arguments: [CommitPolicy.afterProcessing, .auto(interval: SimDuration(seconds: 1))])
    func neverConcurrent(_ commit: CommitPolicy) {
        let model = M.model(partitions: 4, keys: .generated(count: 30, zipfExponent: nil), rate: 8, count: 600,
                            groups: [M.group("g", commit: commit, rebalanceDelay: 0.5, maxPollInterval: 6)],
                            consumers: [M.member("a", group: 0, instances: 2, service: .exponential(mean: 0.6)),
                                        M.member("b", group: 0, service: .exponential(mean: 2), joinAt: 7, leaveAt: 40),
                                        M.member("c", group: 0, service: .exponential(mean: 0.3), joinAt: 20)],
                            faults: [StreamFault(at: M.at(30), target: .groupMember(consumer: 0, instance: 1))])
        let (result, trace) = M.run(model)
        let check = Self.overlaps(trace)
        #expect(check.overlaps.isEmpty)
        #expect(check.starts > 600)
        let group = result.metrics.streams[0].groups[0]
        #expect(group.rebalances >= 3)
        #expect(group.committed == 600 && group.isBalanced)
        #expect(trace.contains { $0.kind == "awaitRevoke" })
    }
}
