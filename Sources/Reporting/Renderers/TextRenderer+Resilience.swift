/// Lines of the text report for consumer pauses, downstreams, circuit breakers and autoscaling.
extension TextRenderer {
    /// Indented lines under a consumer's line; empty when it has none of these controls.
    static func resilienceLines(_ c: Report.ConsumerFigures) -> [String] {
        var lines: [String] = []
        if let paused = c.pausedSeconds { lines.append("paused \(F.duration(paused))") }
        if let d = c.downstream {
            lines.append("downstream calls \(F.count(d.calls)) · failures \(F.count(d.failures))"
                + (d.outageSeconds > 0 ? " · out \(F.duration(d.outageSeconds))" : ""))
        }
        if let b = c.circuitBreaker {
            lines.append("circuit breaker opened \(F.count(b.opened)) · half-open \(F.count(b.halfOpened)) · closed \(F.count(b.closed))"
                + " · open \(F.duration(b.openSeconds)) · held back \(F.count(b.heldBack))"
                + (b.heldBack > 0 ? " (waits \(ReportLines.summed(b.heldBackSeconds, over: b.heldBack, "attempt")))" : ""))
            if let transitions = ReportLines.transitions(b) { lines.append("  " + transitions) }
        }
        if let a = c.autoscaling {
            lines.append("autoscaling \(a.min)–\(a.max) · final \(a.final) · peak \(a.peak) · mean \(F.significant(a.meanInstances))"
                + " · scale-outs \(F.count(a.scaleOuts)) · scale-ins \(F.count(a.scaleIns))")
        }
        return lines.map { "  \(F.pad("", 18)) " + $0 }
    }
}
