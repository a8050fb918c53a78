import MessagingModels
import SimulationKernel

extension Report {
    /// A stream partition's figures: `brokers.<stream>.partitions[i]`.
    public struct PartitionFigures: Codable, Sendable, Equatable {
        /// Records appended to the partition (and not truncated by a failover).
        public var enqueued: Int
        /// Per group: records appended but not committed (end offset − committed offset),
        /// final and maximum [messages].
        public var lag: [String: CountExtremes]
        /// Per group: age of the oldest uncommitted record, final and maximum [s].
        public var lagSeconds: [String: SecondsExtremes]
        /// With a capacity: the share of the run the partition's ingress was busy (0 … 1).
        public var utilization: Double? = nil
    }

    /// Final and maximum of a count.
    public struct CountExtremes: Codable, Sendable, Equatable {
        public var final: Int
        public var max: Int
    }

    /// Final and maximum of a time [s].
    public struct SecondsExtremes: Codable, Sendable, Equatable {
        public var final: Double
        public var max: Double
    }

    /// A consumer group's figures: `brokers.<stream>.groups.<group>`.
    public struct GroupFigures: Codable, Sendable, Equatable {
        /// Rebalances completed (the first assignment is not one).
        public var rebalances: Int
        /// Members at the end of the run.
        public var members: Int
        /// Records appended at or after the group's start offset.
        public var entered: Int
        /// Records whose offsets the group committed.
        public var committed: Int
        /// Records deleted by retention before the group committed them.
        public var lost: Int
        /// Records not committed when the run ended (the final lag).
        public var remaining: Int
        /// Processing completions of records the group had already processed: after a rebalance
        /// moved uncommitted records to another member, or a second copy written by a
        /// non-idempotent producer's retry.
        public var duplicateProcessing: Int
        /// Fetches of records the group had already fetched.
        public var duplicateDeliveries: Int
        /// Measured records the group processed (first time each) per second: their count /
        /// (last such processing − warm-up) [records/s]; 0 without any. Unlike the acks
        /// (offset commits, every 5 s with Kafka's auto-commit), it shows at once whether the
        /// group keeps up with the publishes. Absent from reports built by older versions.
        public var processedPerSecond: Double? = nil
        /// Total lag over all partitions: final, and maximum at any instant of the run (kept at
        /// every append, commit and deletion, not read from the samples) [messages].
        public var lag: CountExtremes
        /// Oldest uncommitted record over all partitions: final and maximum [s].
        public var lagSeconds: SecondsExtremes
        /// Total lag over time, sampled every `intervalSeconds` from 0.
        public var lagOverTime: LagSeries
        /// The partitions each member owns at the end, one entry per member in name order (the
        /// assignors' order).
        public var assignment: [AssignmentFigures]
    }

    /// One member's partitions at the end of the run: `groups.<group>.assignment[i]`.
    public struct AssignmentFigures: Codable, Sendable, Equatable {
        /// Instance name (`name` or `name#i`).
        public var member: String
        /// Partitions it owns, ascending (empty while a rebalance is under way, or with more
        /// members than partitions).
        public var partitions: [Int]
    }

    /// A bounded, evenly spaced series: at most 512 values; the interval doubles when full.
    public struct LagSeries: Codable, Sendable, Equatable {
        /// Spacing of the samples [s].
        public var intervalSeconds: Double
        /// Total lag at 0, interval, 2 × interval, … [messages].
        public var messages: [Int]
    }

    /// Adds the streams' figures, ledger entries and message counts.
    static func addStreams(_ streams: [StreamMetrics], end: SimTime, warmup: SimTime = .zero, counts: inout MessageCounts,
                           destinations: inout [String: LedgerEntry], brokers: inout [String: BrokerFigures]) {
        for stream in streams {
            var partitions = stream.appended.map { PartitionFigures(enqueued: $0, lag: [:], lagSeconds: [:]) }
            var groups: [String: GroupFigures] = [:]
            var retentionLost = 0
            for group in stream.groups {
                for p in partitions.indices {
                    partitions[p].lag[group.name] = CountExtremes(final: group.lagFinal[p], max: group.lagMax[p])
                    partitions[p].lagSeconds[group.name] = SecondsExtremes(final: group.lagSecondsFinal[p], max: group.lagSecondsMax[p])
                }
                let totalFinal = group.lagFinal.reduce(0, +)
                groups[group.name] = GroupFigures(
                    rebalances: group.rebalances, members: group.finalMembers, entered: group.entered,
                    committed: group.committed, lost: group.lost, remaining: group.remaining,
                    duplicateProcessing: group.duplicateProcessing, duplicateDeliveries: group.duplicateDeliveries,
                    lag: CountExtremes(final: totalFinal, max: max(totalFinal, group.lagTotalMax)),
                    lagSeconds: SecondsExtremes(final: group.lagSecondsFinal.max() ?? 0, max: group.lagSecondsMax.max() ?? 0),
                    lagOverTime: LagSeries(intervalSeconds: group.lagSeriesInterval, messages: group.lagSeries),
                    assignment: group.assignment.map { AssignmentFigures(member: $0.member, partitions: $0.partitions) })
                groups[group.name]?.processedPerSecond = group.lastProcessedAt.map { $0 > warmup ? Double(group.processedMeasured) / ($0 - warmup).seconds : 0 } ?? 0
                destinations["\(stream.name)/\(group.name)"] = LedgerEntry(
                    kind: "group", entered: group.entered, acked: group.committed, deadLettered: 0, expired: 0,
                    dropped: 0, lost: group.lost, remaining: group.remaining, balanced: group.isBalanced)
                retentionLost += group.lost
                counts.lost += group.lost
                counts.remaining += group.remaining
                counts.duplicateProcessing += group.duplicateProcessing
                counts.duplicateDeliveries += group.duplicateDeliveries
            }
            destinations[stream.name] = LedgerEntry(
                kind: "stream", entered: stream.published + stream.duplicateAppends, acked: stream.enqueued,
                deadLettered: 0, expired: 0, dropped: 0, lost: stream.lostOnFailover, remaining: stream.pending,
                balanced: stream.isBalanced)
            counts.lost += stream.lostOnFailover
            counts.remaining += stream.pending
            if retentionLost > 0 { counts.lostByReason["retention", default: 0] += retentionLost }
            if stream.lostOnFailover > 0 { counts.lostByReason["leaderFailover", default: 0] += stream.lostOnFailover }
            let duplicateProcessing = stream.groups.reduce(0) { $0 + $1.duplicateProcessing }
            let duplicateDeliveries = stream.groups.reduce(0) { $0 + $1.duplicateDeliveries }
            var figures = BrokerFigures(
                type: "stream", enqueued: stream.enqueued, redeliveries: duplicateDeliveries,
                duplicateDeliveries: duplicateDeliveries, duplicateProcessing: duplicateProcessing,
                depth: Depth(mean: stream.depth.mean(until: end), max: stream.depth.maximum, final: stream.depth.value),
                latency: Latency(stream.latency))
            figures.partitions = partitions
            figures.groups = groups
            figures.duplicateAppends = stream.duplicateAppends
            addCapacity(of: stream, end: end, to: &figures)
            brokers[stream.name] = figures
        }
    }

    /// A stream with a capacity: `profile` (each partition's capacity and each broker's, the
    /// mean utilization, the publishes that waited, send → append), each partition's
    /// utilization and each broker's.
    static func addCapacity(of stream: StreamMetrics, end: SimTime, to figures: inout BrokerFigures) {
        guard stream.capacity != nil || stream.brokers != nil else { return }
        let ingress = stream.ingress
        let share = { (busy: Double) in end.seconds > 0 ? min(1, busy / end.seconds) : 0 }
        let led = { (b: Int) in stream.brokers?.partitionsLed(by: b, of: stream.partitionCount) ?? 0 }
        // The mean utilization of the partitions' ingress, or without one of the brokers that
        // lead a partition (one that leads none is idle by construction, not spare capacity).
        let leaders = stream.brokerBusySeconds.indices.filter { led($0) > 0 }
        let utilization = stream.capacity != nil
            ? share(ingress.busySeconds / Double(max(1, stream.partitionCount)))
            : share(leaders.map { stream.brokerBusySeconds[$0] }.reduce(0, +) / Double(max(1, leaders.count)))
        figures.profile = ProfileFigures(
            publishLatency: LatencyStatistics(ingress.publishLatency), messagesPerSecond: stream.capacity?.messagesPerSecond,
            utilization: utilization, bytesPerSecond: stream.capacity?.bytesPerSecond,
            waited: ingress.waited, waitMeanSeconds: ingress.waited > 0 ? ingress.waitSeconds / Double(ingress.waited) : 0,
            deliverLatencyMeanSeconds: nil, ackLatencyMeanSeconds: nil, overQuota: ingress.overQuota)
        if let brokers = stream.brokers {
            figures.profile?.brokerMessagesPerSecond = brokers.capacity.messagesPerSecond
            figures.profile?.brokerBytesPerSecond = brokers.capacity.bytesPerSecond
            figures.profile?.brokers = stream.brokerBusySeconds.enumerated().map { b, busy in
                BrokerNodeFigures(partitions: led(b), utilization: share(busy))
            }
        }
        for (p, busy) in stream.partitionBusySeconds.enumerated() where figures.partitions?.indices.contains(p) == true {
            figures.partitions?[p].utilization = share(busy)
        }
        figures.pendingIngress = stream.pendingIngress
        figures.pendingIngressMax = ingress.pendingMax
    }
}
