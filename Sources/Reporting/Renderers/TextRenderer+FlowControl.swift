import MessagingModels

/// Lines of the text report for rate limits and queue capacities.
extension TextRenderer {
    typealias F = Formatting

    /// "capacity 100 (rejectPublish) · rejected 12 · head dropped 0 · new dropped 3", or nothing.
    static func capacityLines(_ b: Report.BrokerFigures) -> [String] {
        guard let c = b.capacity else { return [] }
        return ["capacity \(F.count(c.maxLength)) (\(c.overflow)) · rejected \(F.count(c.rejected))"
            + " · head dropped \(F.count(c.headDropped)) · new dropped \(F.count(c.newDropped))"]
    }

    /// "rate limit 10/s, burst 5, shared · throttled 1,200 (waits 345 s summed over 1,200 calls,
    /// mean 288 ms per call) · tokens used 3,000, wasted 12.5",
    /// or for a leaky bucket "rate limit 10/s, leaky bucket, queue 20, shared · … · refused 7".
    static func rateLimitLine(_ l: Report.RateLimitFigures) -> String {
        "rate limit \(F.rate(l.rate)), \(shape(of: l)), \(l.perInstance ? "per instance" : "shared")"
            + " · throttled \(F.count(l.throttled))" + (l.throttled > 0 ? " (waits \(ReportLines.summed(l.throttledSeconds, over: l.throttled, "call")))" : "")
            + " · tokens used \(F.count(l.tokensUsed)), wasted \(F.significant(l.tokensWasted))"
            + (l.refused > 0 ? " · refused \(F.count(l.refused))" : "")
    }

    /// "burst 5", "leaky bucket" or "leaky bucket, queue 20".
    static func shape(of l: Report.RateLimitFigures) -> String {
        guard l.algorithm == RateLimit.Algorithm.leakyBucket.rawValue else { return "burst \(F.count(l.burst))" }
        return "leaky bucket" + (l.queue.map { ", queue \(F.count($0))" } ?? "")
    }

    /// The Producers section (empty when the report has none).
    static func producerLines(_ r: Report) -> [String] {
        guard let producers = r.producers, !producers.isEmpty else { return [] }
        var lines = ["", "Producers"]
        for (name, p) in producers.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(F.pad(name, 18)) rejected \(F.count(p.rejected)) · retried \(F.count(p.retried))")
            if let limit = p.rateLimit { lines.append("  \(F.pad("", 18)) " + rateLimitLine(limit)) }
            if let b = p.batching { lines.append("  \(F.pad("", 18)) " + ReportLines.batching(b)) }
            if let d = p.publishDelay, d.count > 0 {
                lines.append("  \(F.pad("", 18)) publish delay (intended → actual send) mean \(F.duration(d.mean ?? 0)) · p99 \(F.duration(d.p99 ?? 0)) · max \(F.duration(d.max ?? 0))")
            }
            if let unsent = p.unsent, unsent > 0 {
                lines.append("  \(F.pad("", 18)) unsent \(F.count(unsent)) (due before the producer stopped, never sent: its token bucket held it behind; not in the ledger)")
            }
        }
        return lines
    }
}
