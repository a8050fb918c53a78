import Testing
import MessagingModels
import SimulationKernel

/// Lag maxima are exact (kept at every change, not read from the 1 s samples), and records a
/// stream retains count toward the limit on messages in the system.
@Suite struct StreamExtremesTests {
    typealias M = StreamModels

    /// Records 1 … 40 are published every 10 ms up to 0.4 s; the group forms when its member
    /// joins at 0.5 s, with lag 40, and drains it by 0.9 s (10 ms per record, committed after
    /// each), so the run ends at 0.9 s and its only lag sample, at 0 s, saw 0 (before the fix
    /// the group reported lag max 0). Every record waits exactly 0.5 s to be committed
    /// (published at k × 10 ms, committed at 0.5 s + k × 10 ms).
    @Test("a lag peak between two samples is the group's lag max")
    func peakBetweenSamples() {
        let model = M.model(partitions: 1, rate: 100, count: 40,
                            groups: [M.group("g", commit: .afterProcessing)],
                            consumers: [M.member("c", group: 0, service: .constant(0.01), joinAt: 0.5)])
        let (result, _) = M.run(model)
        #expect(result.end == M.at(0.9))
        let group = result.metrics.streams[0].groups[0]
        #expect(group.lagTotalMax == 40)
        #expect(group.lagMax == [40])
        #expect(group.lagSecondsMax == [0.5])
        #expect(group.lagSeries == [0])
        #expect(group.entered == 40 && group.committed == 40 && group.remaining == 0 && group.isBalanced)
        #expect(result.metrics.streams[0].depth.maximum == 40)
    }

    /// Two partitions, round-robin, 20 records each by 0.4 s; the member joins at 0.5 s: the
    /// total lag peaks at 40 though neither partition's lag exceeds 20.
    @Test("the group's lag max is the largest sum over partitions at one instant")
    func totalIsTheSumAtOneInstant() {
        let model = M.model(partitions: 2, partitioner: .roundRobin, rate: 100, count: 40,
                            groups: [M.group("g", commit: .afterProcessing)],
                            consumers: [M.member("c", group: 0, service: .constant(0.01), joinAt: 0.5)])
        let (result, _) = M.run(model)
        let group = result.metrics.streams[0].groups[0]
        #expect(group.lagMax == [20, 20])
        #expect(group.lagTotalMax == 40)
        #expect(group.isBalanced)
    }

    /// Retention 1 s, a record every 0.1 s and nobody reading (the member leaves at 0.05 s):
    /// record k + 11 arrives while record k is 1.1 s old, then retention deletes record k.
    /// Just before each deletion the lag is 12 and the oldest record 1.1 s old; the samples at
    /// whole seconds (before that second's record, after retention ran) see 10.
    @Test("retention deletes after the peak: the peak before the deletion is the max")
    func peakBeforeRetention() {
        final class Box: @unchecked Sendable { var lags: [Int64] = [] }
        let box = Box()
        let model = M.model(partitions: 1, retention: 1, rate: 10, count: 30, drainTimeout: 0,
                            groups: [M.group("g")],
                            consumers: [M.member("c", group: 0, leaveAt: 0.05)])
        let (result, _) = M.run(model, lag: { box.lags.append($0.lag) })
        let group = result.metrics.streams[0].groups[0]
        #expect(box.lags.max() == 10)
        #expect(group.lagMax == [12])
        #expect(group.lagTotalMax == 12)
        #expect(group.lagSecondsMax == [1.1])
        #expect(group.entered == 30 && group.lost + group.remaining == 30 && group.isBalanced)
    }

    /// The sampled series is the total lag, which is now kept incrementally: it must equal the
    /// sum of the partitions' lags at every sample.
    @Test("the lag series equals the sum of the partitions' lags at each sample")
    func seriesMatchesPartitions() {
        final class Box: @unchecked Sendable { var totals: [Int64: Int64] = [:] }
        let box = Box()
        let model = M.model(partitions: 3, keys: .generated(count: 20, zipfExponent: nil), rate: 40, count: 800,
                            groups: [M.group("g", commit: .auto(interval: SimDuration(seconds: 2)))],
                            consumers: [M.member("c", group: 0, instances: 2, service: .exponential(mean: 0.05)),
                                        M.member("d", group: 0, service: .exponential(mean: 0.05), joinAt: 5)])
        let (result, _) = M.run(model, lag: { box.totals[$0.time.nanoseconds, default: 0] += $0.lag })
        let group = result.metrics.streams[0].groups[0]
        let sampled = box.totals.keys.sorted().map { Int(box.totals[$0]!) }
        #expect(group.lagSeries == sampled)
        #expect(group.lagSeries.count > 15)
        #expect(group.lagTotalMax >= group.lagSeries.max()!)
        #expect(group.isBalanced)
    }

    /// A group that forms only at 100 s pins every record from the start (it reads from the
    /// earliest): with a limit of 50 messages the run stops as the 51st record is stored
    /// (published at 5.1 s), before the next event.
    @Test("records retained in a stream count toward the message limit")
    func retainedRecordsCount() {
        var model = M.model(partitions: 2, partitioner: .roundRobin, rate: 10, count: 1_000,
                            groups: [M.group("g")],
                            consumers: [M.member("c", group: 0, joinAt: 100)])
        model.maxMessagesInSystem = 50
        let (result, _) = M.run(model)
        #expect(result.stopReason == .messageLimit)
        #expect(result.end == M.at(5.1))
        #expect(result.retainedStreamRecords == 51)
        let stream = result.metrics.streams[0]
        #expect(stream.published == 51 && stream.enqueued == 51 && stream.isBalanced)
        #expect(stream.groups[0].entered == 0 && stream.groups[0].isBalanced)
    }

    /// With a group keeping up, only the uncommitted records are stored: the same workload
    /// runs to completion under the same limit.
    @Test("records every group has committed do not count")
    func committedRecordsDoNotCount() {
        var model = M.model(partitions: 2, partitioner: .roundRobin, rate: 10, count: 1_000,
                            groups: [M.group("g", commit: .afterProcessing)],
                            consumers: [M.member("c", group: 0)])
        model.maxMessagesInSystem = 50
        let (result, _) = M.run(model)
        #expect(result.stopReason == .completed)
        #expect(result.retainedStreamRecords == 0)
        #expect(result.metrics.streams[0].groups[0].committed == 1_000)
    }
}
