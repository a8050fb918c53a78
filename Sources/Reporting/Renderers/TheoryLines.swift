import Foundation

/// The "Theory" section of the text and Markdown reports, one entry per queue in name order:
/// the closed-form prediction beside the measured figure ("29.8 ms [30.2 ms, +1.3%]": theory,
/// then measured and its difference from theory), or why no model applies; then Little's law
/// on the measured figures. Both renderers print these same strings.
enum TheoryLines {
    typealias F = Formatting

    /// Queues with theory figures, and their lines.
    static func entries(_ r: Report) -> [(queue: String, lines: [String])] {
        r.brokers.sorted { $0.key < $1.key }.compactMap { name, b in
            guard let theory = b.theory else { return nil }
            var lines = prediction(theory, measured: b)
            if let little = b.littlesLaw { lines.append(littlesLaw(little, ingress: b.pendingIngressMax)) }
            return (name, lines)
        }
    }

    static func prediction(_ t: Report.TheoryFigures, measured b: Report.BrokerFigures) -> [String] {
        guard let model = t.model else { return ["no closed form: " + (t.reason ?? "")] }
        let utilization = t.utilization.map(F.percent) ?? "–"
        guard t.stable == true else {
            return ["\(model) · utilization \(utilization) · no steady state: the measured waits describe a backlog that grows with the run's length"]
        }
        // With a waiting room, λ/(cμ) is the offered load; the servers are busy only with the
        // share that is not turned away.
        var head = "\(model) · utilization \(utilization)"
        if let blocked = t.blockingProbability, let offered = t.utilization {
            head = "\(model) · offered load \(utilization), servers busy \(F.percent(offered * (1 - blocked)))"
        }
        if let p = t.probabilityOfWaiting { head += " · P(wait) \(F.significant(p))" }
        if let blocked = t.blockingProbability {
            let dropped = b.enqueued > 0 ? Double(b.capacity?.newDropped ?? 0) / Double(b.enqueued) : 0
            head += " · turned away \(F.percent(blocked)) [\(F.percent(dropped))]"
        }
        var lines = [head]
        if let wait = t.queueWait { lines.append("queue wait " + times(wait, measured: b.latency.queueWait)) }
        if let endToEnd = t.endToEnd { lines.append("end-to-end " + times(endToEnd, measured: b.latency.endToEnd)) }
        return lines
    }

    /// "mean 29.8 ms [30.2 ms, +1.3%] · p50 8.82 ms [9.01 ms] · …", the figures theory gives.
    static func times(_ t: Report.TheoryTimes, measured m: LatencyStatistics) -> String {
        var parts: [String] = []
        if let mean = t.mean {
            parts.append("mean \(F.duration(mean)) [\(F.duration(m.mean))\(difference(m.mean, from: mean))]")
        }
        for (label, theory, measured) in [("p50", t.p50, m.p50), ("p95", t.p95, m.p95), ("p99", t.p99, m.p99)] {
            if let theory { parts.append("\(label) \(F.duration(theory)) [\(F.duration(measured))]") }
        }
        return parts.joined(separator: " · ")
    }

    /// ", +1.3%": the measured figure's difference from theory, or nothing when undefined.
    static func difference(_ measured: Double?, from theory: Double) -> String {
        guard let measured, theory != 0 else { return "" }
        return ", " + F.signedPercent((measured - theory) / theory)
    }

    /// "Little's law: L 2.41 waiting, λW 80.0/s × 30.2 ms = 2.41 (-0.0%)". When λW exceeds L
    /// by more than 10% (or L is 0 and λW is at least 0.05), the messages waited outside the
    /// depth: in the broker's ingress first when more than one publish at a time waited for
    /// it (`ingress`: the queue's `pendingIngressMax`; each send counts itself).
    static func littlesLaw(_ l: Report.LittlesLawFigures, ingress: Int? = nil) -> String {
        var line = "Little's law: L \(F.significant(l.meanDepth)) waiting, λW \(F.rate(l.arrivalRate)) × \(F.duration(l.meanWait)) = \(F.significant(l.lambdaW))"
        if let d = l.relativeDifference { line += " (\(F.signedPercent(d)))" }
        // W counts from the publish, the depth only what waits in the queue itself.
        if l.relativeDifference.map({ $0 > 0.1 }) ?? (l.lambdaW >= 0.05) {
            var places = ["a producer's leaky bucket", "prefetch buffers", "retry backoffs", "delays"]
            if let ingress, ingress > 1 { places.insert("the broker's ingress, up to \(F.count(ingress)) publishes at once (pendingIngressMax)", at: 0) }
            line += ": the messages also waited outside the queue's depth (\(places.joined(separator: ", ")))"
        }
        return line
    }
}
