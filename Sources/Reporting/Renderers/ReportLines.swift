/// Phrases the text and Markdown reports share, so both show the same figures worded the
/// same way.
enum ReportLines {
    typealias F = Formatting

    /// "3.77 h summed over 13,000 calls, mean 1.04 s per call": a sum of waits, which is not a
    /// span of time and can exceed the run's length, said so explicitly.
    static func summed(_ seconds: Double, over count: Int, _ noun: String) -> String {
        guard count > 0 else { return "0" }
        return "\(F.duration(seconds)) summed over \(F.count(count)) \(noun)s, mean \(F.duration(seconds / Double(count))) per \(noun)"
    }

    /// One line per warning: "$.warmup: the warm-up …" or just the message.
    static func warnings(_ r: Report) -> [String] {
        r.warnings.map { ($0.path.map { $0 + ": " } ?? "") + $0.message }
    }

    /// Brokers with measured latency (queues and streams), by name. When there are two or
    /// more, the top-level latency blends independent lanes.
    static func lanes(_ r: Report) -> [(name: String, latency: Report.Latency)] {
        r.brokers.sorted { $0.key < $1.key }
            .filter { $0.value.latency.endToEnd.count > 0 || $0.value.latency.queueWait.count > 0 }
            .map { ($0.key, $0.value.latency) }
    }

    /// "(all lanes combined: 3 queues; see the per-queue latency below)", or nil for one lane.
    static func lanesNote(_ r: Report) -> String? {
        let count = lanes(r).count
        guard count > 1 else { return nil }
        return "all lanes combined (\(count) lanes); see the per-queue latency below"
    }

    /// The per-queue latency rows (end-to-end and queue wait of each lane, and the latency
    /// from the intended send where it was measured), when there are several lanes.
    static func laneRows(_ r: Report) -> [(queue: String, stage: String, statistics: LatencyStatistics)] {
        let lanes = lanes(r)
        guard lanes.count > 1 else { return [] }
        return lanes.flatMap { lane in
            [(lane.name, "end-to-end", lane.latency.endToEnd), (lane.name, "queue wait", lane.latency.queueWait)]
                + (lane.latency.fromIntendedSend.map { [(lane.name, "intended→ack", $0)] } ?? [])
        }
    }

    /// The latency cells after the label: count, mean, p50, p95, p99, p99.9, max.
    static func latencyCells(_ s: LatencyStatistics) -> [String] {
        [F.count(s.count), F.duration(s.mean), F.duration(s.p50), F.duration(s.p95), F.duration(s.p99), F.duration(s.p999), F.duration(s.max)]
    }

    /// "delay 5 s: 1,000 held back · redeliveries 3 · duplicate deliveries 2", or nil; the
    /// counts are shown per broker only when the report has several (with one, the Messages
    /// section says them).
    static func brokerExtras(_ b: Report.BrokerFigures, brokerCount: Int) -> String? {
        var parts: [String] = []
        if let delay = b.delay { parts.append("delay \(F.duration(delay.seconds)): \(F.count(delay.delayed)) held back") }
        if let profile = b.profile {
            // A queue's publishes never stored (a stream says its own, TextRenderer+Streams).
            parts.append(Self.profile(profile, pendingMax: b.pendingIngressMax, neverStored: b.type == "queue" ? b.pendingIngress : nil))
        }
        if let r = b.receives { parts.append("receive calls \(F.count(r.calls)) (\(F.count(r.empty)) empty)") }
        if let d = b.deduplication { parts.append(Self.deduplication(d)) }
        if let t = b.consumerTimeout {
            parts.append("consumer timeout \(F.duration(t.seconds)): \(F.count(t.channelsClosed)) channels closed, \(F.count(t.requeued)) requeued")
        }
        if brokerCount > 1 {
            parts += [("redeliveries", b.redeliveries), ("duplicate deliveries", b.duplicateDeliveries),
                      ("duplicate processing", b.duplicateProcessing)].filter { $0.1 > 0 }.map { "\($0.0) \(F.count($0.1))" }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// "deduplication 5 min: 12 re-sent, 10 suppressed" or "12 re-sent, no deduplication".
    static func deduplication(_ d: Report.DeduplicationFigures) -> String {
        guard let window = d.windowSeconds else { return "\(F.count(d.resent)) re-sent, no deduplication" }
        let scope = d.scope == "messageGroup" ? " per message group" : ""
        return "deduplication \(F.duration(window))\(scope): \(F.count(d.resent)) re-sent, \(F.count(d.deduplicated)) suppressed"
    }

    /// "publish to stored p50 2.0 ms, p99 9.1 ms · ingress 2,000/s, busy 87.5%, 1,234 waited
    /// (mean 3.1 ms), up to 240 at once · deliveries +2.00 ms, acks +2.00 ms (means)", the
    /// parts the profile has; `pendingMax` and `neverStored` are the broker's
    /// `pendingIngressMax` and (queues) `pendingIngress`, said when not 0.
    static func profile(_ p: Report.ProfileFigures, pendingMax: Int? = nil, neverStored: Int? = nil) -> String {
        var parts: [String] = []
        if let latency = p.publishLatency {
            parts.append("publish to stored p50 \(F.duration(latency.p50)), p99 \(F.duration(latency.p99))")
        }
        if let utilization = p.utilization {
            let rates = [p.messagesPerSecond.map(F.rate), p.bytesPerSecond.map(F.bytesRate)].compactMap { $0 }
            parts.append("ingress \(rates.isEmpty ? "" : rates.joined(separator: " and ") + ", ")busy \(F.percent(utilization)), \(F.count(p.waited)) waited (mean \(F.duration(p.waitMeanSeconds)))"
                + (pendingMax.flatMap { $0 > 1 ? ", up to \(F.count($0)) at once" : nil } ?? "")
                + (neverStored.flatMap { $0 > 0 ? ", \(F.count($0)) never stored" : nil } ?? "")
                + (p.throttled.map { ", \(F.count($0)) over the service's per-second quota (throttled, retried)" } ?? ""))
        }
        if let brokers = p.brokers {
            // A stream's brokers sharing the partitions' load: "3 brokers of 674,677/s and 67.5 MB/s each, busy 91%, 90%, 91%".
            let rates = [p.brokerMessagesPerSecond.map(F.rate), p.brokerBytesPerSecond.map(F.bytesRate)].compactMap { $0 }
            let busy = brokers.prefix(8).map { F.percent($0.utilization) }.joined(separator: ", ") + (brokers.count > 8 ? ", …" : "")
            parts.append("\(F.count(brokers.count)) broker\(brokers.count == 1 ? "" : "s") of \(rates.joined(separator: " and ")) each, busy \(busy)")
        }
        let hops = [("deliveries", p.deliverLatencyMeanSeconds), ("acks", p.ackLatencyMeanSeconds)].compactMap { label, mean in
            mean.map { "\(label) +\(F.duration($0))" }
        }
        if !hops.isEmpty { parts.append(hops.joined(separator: ", ") + " (means)") }
        return parts.joined(separator: " · ")
    }

    /// "send batches 1,200 · mean size 9.8 · mean wait in the batch 4.1 ms".
    static func batching(_ b: Report.BatchingFigures) -> String {
        "send batches \(F.count(b.batches)) · mean size \(F.significant(b.meanSize)) · mean wait in the batch \(F.duration(b.meanWait))"
    }

    /// "attempts per message: 1×980 · 2×20 · error rate 2.0%", or nil when every message took
    /// one attempt.
    static func attempts(_ m: Report.MessageCounts) -> String? {
        guard m.attemptsPerMessage.keys.contains(where: { $0 != "1" }) else { return nil }
        let order = m.attemptsPerMessage.keys.sorted { (Int($0.filter(\.isNumber)) ?? 0) < (Int($1.filter(\.isNumber)) ?? 0) }
        return "attempts per message: " + order.map { "\($0)×\(F.count(m.attemptsPerMessage[$0] ?? 0))" }.joined(separator: " · ")
            + " · error rate \(F.percent(m.errorRate))"
    }

    /// "closed 0 → open 12.5 s → … (40 changes)": a breaker's first state changes.
    static func transitions(_ b: Report.CircuitBreakerFigures) -> String? {
        guard !b.transitions.isEmpty else { return nil }
        let shown = b.transitions.prefix(6).map { "\($0.state) \(F.duration($0.at))" }
        let more = b.transitionCount > shown.count ? " … (\(F.count(b.transitionCount)) changes)" : ""
        return shown.joined(separator: " → ") + more
    }

    /// "ordering violations 3 · resequenced (window 2 s): buffered 40, max 5 at once, …", or nil.
    static func resequencing(_ s: Report.ResequencingFigures) -> String {
        "resequenced (window \(F.duration(s.windowSeconds))): buffered \(F.count(s.buffered)), max \(F.count(s.maxBuffered)) at once"
            + ", released by timeout \(F.count(s.releasedByTimeout))"
            + (s.releasedAtEnd > 0 ? ", at the end \(F.count(s.releasedAtEnd))" : "")
            + " · added latency mean \(F.duration(s.addedLatency.mean)), p99 \(F.duration(s.addedLatency.p99)), max \(F.duration(s.addedLatency.max))"
    }
}
