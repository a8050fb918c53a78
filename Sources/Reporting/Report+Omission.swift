import MessagingModels

extension Report {
    /// How much higher the p99 from the intended send must be than the end-to-end p99 for the
    /// report to call the difference material: more than this share (10%) …
    static let omissionRelativeThreshold = 0.10
    /// … and more than this many seconds (1 ms), so microsecond noise is never a finding.
    static let omissionAbsoluteThreshold = 0.001

    /// Adds `latency.fromIntendedSend` (run, queues and streams) and each producer's `publishDelay` and `unsent`
    /// when some producer could fall behind its schedule (nothing otherwise, so reports of
    /// other runs keep their keys).
    mutating func addOmission(_ metrics: RunMetrics) {
        guard let delays = metrics.publishDelays else { return }
        latency.fromIntendedSend = LatencyStatistics(metrics.latency.fromIntendedSend)
        for queue in metrics.queues {
            brokers[queue.name]?.latency.fromIntendedSend = LatencyStatistics(queue.latency.fromIntendedSend)
        }
        for stream in metrics.streams {
            brokers[stream.name]?.latency.fromIntendedSend = LatencyStatistics(stream.latency.fromIntendedSend)
        }
        // Producer figures exist whenever a producer has a rate limit (flow control).
        for (index, (producer, histogram)) in zip(metrics.flowControl?.producers ?? [], delays).enumerated() {
            producers?[producer.name]?.publishDelay = LatencyStatistics(histogram)
            producers?[producer.name]?.unsent = metrics.unsentPublishes?[index] ?? 0
        }
    }

    /// Whether the p99 from the intended send is materially above the end-to-end p99 in
    /// `latency`: more than 10% and more than 1 ms above it.
    static func differsMaterially(_ latency: Latency) -> (intended: Double, actual: Double)? {
        guard let intended = latency.fromIntendedSend?.p99, let actual = latency.endToEnd.p99,
              intended > actual * (1 + omissionRelativeThreshold), intended - actual > omissionAbsoluteThreshold
        else { return nil }
        return (intended, actual)
    }

    /// `coordinatedOmission`: the p99 from the intended send is more than 10% and more than
    /// 1 ms above the end-to-end p99 — over the run, or else in the first queue by name where it
    /// is — so a producer's own backlog is a material part of what its messages waited; names
    /// the producers that fell behind.
    func omissionWarning() -> ReportWarning? {
        var scope = ""
        var found = Report.differsMaterially(latency)
        if found == nil {
            for (name, broker) in brokers.sorted(by: { $0.key < $1.key }) {
                guard let material = Report.differsMaterially(broker.latency) else { continue }
                (scope, found) = (" in queue \(name)", material)
                break
            }
        }
        guard let (intended, actual) = found else { return nil }
        typealias F = Formatting
        let late = (producers ?? [:]).sorted { $0.key < $1.key }.compactMap { name, figures -> String? in
            guard let delay = figures.publishDelay, let p99 = delay.p99, p99 > 0, let max = delay.max else { return nil }
            return "\(name) (publish delay p99 \(F.duration(p99)), max \(F.duration(max)))"
        }
        let who = late.isEmpty ? "A producer" : (late.count == 1 ? "Producer " : "Producers ") + late.joined(separator: ", ")
        let its = late.count > 1 ? "their" : "its"
        return ReportWarning(
            code: ReportWarning.coordinatedOmission,
            message: "latency from the intended send differs materially from end-to-end latency\(scope) (p99 more than 10% and 1 ms apart): "
                + "p99 \(F.duration(intended)) from the intended send against \(F.duration(actual)) from the actual send. "
                + "\(who) fell behind \(its) schedule: \(its) token bucket held messages back before they were sent, a wait "
                + "end-to-end latency does not count; latency.fromIntendedSend does")
    }
}
