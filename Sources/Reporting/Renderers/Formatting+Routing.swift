/// Lines of the text and Markdown reports for topics, exchanges, request-reply and sagas.
enum RoutingLines {
    typealias F = Formatting

    /// "topic · published 1,000 · copies 1,630 · unroutable 0", plus the subscriptions.
    static func broker(_ b: Report.BrokerFigures, _ routing: Report.RoutingFigures) -> [String] {
        var parts = ["\(b.type) · published \(F.count(b.enqueued))", "copies \(F.count(routing.copies))",
                     "unroutable \(F.count(routing.unroutable))"]
        if let returned = routing.returned, returned > 0 { parts.append("returned \(F.count(returned))") }
        if let alternate = routing.alternateRouted, alternate > 0 { parts.append("via alternate exchange \(F.count(alternate))") }
        var lines = [parts.joined(separator: " · ")]
        if let subscriptions = routing.subscriptions, !subscriptions.isEmpty {
            lines.append("subscriptions: " + subscriptions.sorted { $0.key < $1.key }.map { "\($0.key) \(F.count($0.value))" }.joined(separator: ", "))
        }
        return lines
    }

    /// The request-reply and saga summaries (empty when the run had neither).
    static func summaries(_ r: Report) -> [String] {
        var lines: [String] = []
        if let rr = r.requestReply {
            lines.append("Request-reply: requests \(F.count(rr.requests)) · replies \(F.count(rr.replies)) · timeouts \(F.count(rr.timeouts))"
                + " (late replies \(F.count(rr.lateReplies))) · outstanding \(F.count(rr.outstanding))"
                + (rr.duplicateReplies > 0 ? " · duplicate replies \(F.count(rr.duplicateReplies))" : ""))
            let t = rr.roundTrip
            lines.append("  round trip: mean \(F.duration(t.mean)) · p50 \(F.duration(t.p50)) · p99 \(F.duration(t.p99)) · max \(F.duration(t.max))")
        }
        if let s = r.sagas {
            lines.append("Sagas: started \(F.count(s.started)) · completed \(F.count(s.completed)) · compensated \(F.count(s.compensated)) · stuck \(F.count(s.stuck))")
            let t = s.completionTime
            lines.append("  completion time: mean \(F.duration(t.mean)) · p99 \(F.duration(t.p99)) · max \(F.duration(t.max))")
        }
        return lines
    }
}
