import Foundation

/// The report as one self-contained HTML page: tables and inline SVG charts styled by an
/// inline style sheet, readable in light and dark mode and printed; no script, and nothing
/// fetched (no font, image or style sheet from anywhere).
///
/// Sections: summary and description, warnings, messages, ledger, latency percentiles (a table
/// and a chart on a log axis), throughput, brokers with the depth of every queue over time and
/// the lag of every stream group, the Theory section, consumers with utilization, instances
/// and circuit-breaker states over time, and the text report in full. Every string from the
/// scenario is escaped; numbers use fixed, locale-free formats, so the same report gives the
/// same bytes.
public struct HTMLRenderer: ReportRenderer {
    public init() {}
    public var fileExtension: String { "html" }

    public func render(_ reports: [Report]) throws -> String {
        let title = reports.count == 1 ? reports[0].scenario : "mqlab: \(reports.count) scenarios"
        var html = Self.documentHead(title: "\(title) · mqlab report", style: "")
        html += reports.map(renderOne).joined(separator: "<hr>\n")
        return html + "</body>\n</html>\n"
    }

    /// The page's own style rules (the charts' follow them in the same sheet).

    /// The start of a self-contained page, up to and including `<body>`: its title (escaped
    /// here) and the page and chart style sheets followed by `style`. Shared by the report,
    /// sweep and compare pages.
    static func documentHead(title: String, style: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<meta name=\"color-scheme\" content=\"light dark\">\n"
            + "<title>\(SVGChart.escape(title))</title>\n<style>\n\(pageStyle)\(SVGChart.style)\(style)</style>\n</head>\n<body>\n"
    }
    static let pageStyle = """
    :root{color-scheme:light dark;--fg:#1f2328;--bg:#ffffff;--muted:#59636e;--line:#d1d9e0;--warn:#9a6700;--bad:#cf222e}
    @media (prefers-color-scheme:dark){:root{--fg:#f0f6fc;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--warn:#d29922;--bad:#f85149}}
    @media print{:root{--fg:#000;--bg:#fff;--muted:#333;--line:#bbb}section,svg.chart,table{break-inside:avoid}details>*{display:block}}
    body{background:var(--bg);color:var(--fg);font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;line-height:1.45;max-width:960px;margin:2rem auto;padding:0 1rem}
    h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
    .summary{color:var(--muted)}.warning{color:var(--warn)}.bad{color:var(--bad);font-weight:600}
    table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums}
    th,td{border-bottom:1px solid var(--line);padding:.2rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}
    th{font-weight:600}figure{margin:1rem 0}pre{white-space:pre-wrap;font-size:.85rem}
    ul.theory{list-style:none;padding-left:0}ul.theory li{margin:.3rem 0}

    """

    typealias F = Formatting

    func renderOne(_ r: Report) -> String {
        var out = "<main>\n<h1>\(e(r.scenario))</h1>\n"
        if !r.description.isEmpty { out += "<p>\(e(r.description))</p>\n" }
        if let overrides = r.overrides {
            out += "<p>Changed by <code>--set</code>: " + overrides.map { "<code>\(e($0))</code>" }.joined(separator: ", ") + "</p>\n"
        }
        out += "<p class=\"summary\">seed \(r.seed) · simulated \(F.duration(r.simulatedSeconds))"
            + (r.warmupSeconds > 0 ? " (warm-up \(F.duration(r.warmupSeconds)))" : "")
            + " · \(F.count(r.events)) events · stop: \(e(r.stopReason))</p>\n"
        if !r.warnings.isEmpty {
            out += section("Warnings", "<ul>\n" + ReportLines.warnings(r).map { "<li class=\"warning\">\(e($0))</li>\n" }.joined() + "</ul>\n")
        }
        if let expectations = r.expectations, !expectations.isEmpty {
            out += section("Expectations", Self.expectationsTable(expectations))
        }
        out += section("Messages", messages(r))
        out += section("Ledger", ledger(r))
        out += section("Latency", latency(r))
        out += section("Throughput", "<p>published \(F.rate(r.throughput.publishedPerSecond)) · acked \(F.rate(r.throughput.ackedPerSecond)) (measured window)</p>\n"
                       + (Self.throughputChart(r).map(figure) ?? ""))
        out += section("Brokers", brokers(r))
        let theory = TheoryLines.entries(r)
        if !theory.isEmpty {
            var body = "<p>Closed-form steady state; measured in brackets, and its difference from theory.</p>\n<ul class=\"theory\">\n"
            for entry in theory {
                body += "<li><strong>\(e(entry.queue))</strong><br>" + entry.lines.map(e).joined(separator: "<br>") + "</li>\n"
            }
            out += section("Theory", body + "</ul>\n")
        }
        if !r.consumers.isEmpty { out += section("Consumers", consumers(r)) }
        let text = TextRenderer().renderOne(r)
        out += "<details>\n<summary>The report as text</summary>\n<pre>\(e(text))</pre>\n</details>\n"
        return out + "</main>\n"
    }

    private func e(_ text: String) -> String { SVGChart.escape(text) }

    /// The scenario's requirements with what the run measured; a failed one in the alert colour.
    static func expectationsTable(_ results: [ExpectationResult]) -> String {
        let e = SVGChart.escape
        let met = results.filter(\.passed).count
        var html = "<p>\(met) of \(results.count) met</p>\n<table>\n<tr><th>requirement</th><th>measured</th><th>result</th><th>because</th></tr>\n"
        for result in results {
            let measured = result.measured.map { ExpectationLines.value($0, kind: result.kind) } ?? "none (\(result.note ?? "no value in this run"))"
            html += "<tr><td><code>\(e(result.metric)) \(e(result.op)) \(e(result.expectedText))</code></td><td>\(e(measured))</td>"
                + "<td\(result.passed ? "" : " class=\"bad\"")>\(result.passed ? "met" : "not met")</td><td style=\"text-align:left\">\(e(result.because ?? ""))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func section(_ title: String, _ body: String) -> String {
        "<section>\n<h2>\(e(title))</h2>\n\(body)</section>\n"
    }

    private func figure(_ svg: String) -> String { "<figure>\(svg)</figure>\n" }

    /// A table: `header` cells, then `rows`; cells are escaped.
    private func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "<table>\n<thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        return out + "</tbody>\n</table>\n"
    }

    private func messages(_ r: Report) -> String {
        let m = r.messages
        var rows = [["published", F.count(m.published)], ["delivered", F.count(m.delivered)], ["acked", F.count(m.acked)]]
        for (label, value) in [("redeliveries", m.redeliveries), ("dead-lettered", m.deadLettered), ("expired", m.expired),
                               ("dropped", m.dropped), ("lost", m.lost), ("unroutable", m.unroutable), ("returned", m.returned),
                               ("duplicate deliveries", m.duplicateDeliveries), ("duplicate processing", m.duplicateProcessing),
                               ("duplicates skipped", m.duplicatesSkipped), ("ordering violations", m.orderingViolations)] where value > 0 {
            rows.append([label, F.count(value)])
        }
        rows.append(["remaining", F.count(m.remaining)])
        for (reason, n) in m.deadLetteredByReason.sorted(by: { $0.key < $1.key }) { rows.append(["dead-lettered (\(reason))", F.count(n)]) }
        for (reason, n) in m.droppedByReason.sorted(by: { $0.key < $1.key }) { rows.append(["dropped (\(reason))", F.count(n)]) }
        for (reason, n) in m.lostByReason.sorted(by: { $0.key < $1.key }) { rows.append(["lost (\(reason))", F.count(n)]) }
        var out = table(["messages", "count"], rows)
        if let attempts = ReportLines.attempts(m) { out += "<p>\(e(attempts))</p>\n" }
        return out
    }

    private func ledger(_ r: Report) -> String {
        var out = r.ledger.balanced ? "<p>Balanced: every message is accounted for.</p>\n"
                                    : "<p class=\"bad\">NOT BALANCED</p>\n"
        out += "<p class=\"summary\">entered = acked + dead-lettered + expired + dropped + lost + remaining</p>\n"
        out += table(["destination", "kind", "entered", "acked", "dead-lettered", "expired", "dropped", "lost", "remaining", "balanced"],
                     r.ledger.destinations.sorted { $0.key < $1.key }.map { name, d in
            [name, d.kind, F.count(d.entered), F.count(d.acked), F.count(d.deadLettered), F.count(d.expired),
             F.count(d.dropped), F.count(d.lost), F.count(d.remaining), d.balanced ? "yes" : "NO"]
        })
        return out
    }

    /// The latency families shown, in order: (label, statistics).
    static func latencyFamilies(_ r: Report) -> [(String, LatencyStatistics)] {
        var families = [("end-to-end", r.latency.endToEnd), ("queue wait", r.latency.queueWait), ("processing", r.latency.processing)]
        if (r.latency.retryDelay.max ?? 0) > 0 { families.append(("retry delay", r.latency.retryDelay)) }
        if let intended = r.latency.fromIntendedSend { families.append(("from intended send", intended)) }
        for (level, s) in (r.latency.byPriority ?? [:]).sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) {
            families.append(("e2e prio \(level)", s))
        }
        return families
    }

    private func latency(_ r: Report) -> String {
        var out = ""
        if let note = ReportLines.lanesNote(r) { out += "<p>\(e(note)).</p>\n" }
        let header = ["latency", "count", "mean", "p50", "p95", "p99", "p99.9", "max"]
        let families = Self.latencyFamilies(r)
        out += table(header, families.map { [$0.0] + ReportLines.latencyCells($0.1) })
        let lanes = ReportLines.laneRows(r)
        if !lanes.isEmpty {
            out += table(["queue", "stage"] + header.dropFirst(), lanes.map { [$0.queue, $0.stage] + ReportLines.latencyCells($0.statistics) })
        }
        if let chart = Self.latencyChart(r) { out += figure(chart) }
        if let chart = Self.latencyOverTimeChart(r) { out += figure(chart) }
        return out
    }

    /// Percentile bars per latency family on a log axis; nil when nothing was measured.
    static func latencyChart(_ r: Report) -> String? {
        let families = latencyFamilies(r).filter { $0.1.count > 0 && ($0.1.max ?? 0) > 0 }
        guard !families.isEmpty else { return nil }
        let percentiles: [(String, KeyPath<LatencyStatistics, Double?>)] = [("p50", \.p50), ("p95", \.p95), ("p99", \.p99), ("p99.9", \.p999), ("max", \.max)]
        return SVGBarChart(
            id: "latency", title: "Latency percentiles (log scale)", valueLabel: "latency [log scale]",
            categories: families.map(\.0),
            series: percentiles.map { name, path in .init(name: name, values: families.map { $0.1[keyPath: path] }) },
            scale: .logarithmic(format: { Formatting.duration($0) })).render()
    }

    /// Publishes and acks per second in each interval of `timeSeries`; nil without it.
    static func throughputChart(_ r: Report) -> String? {
        guard let t = r.timeSeries, t.intervalSeconds > 0, !t.published.isEmpty else { return nil }
        func rates(_ counts: [Int]) -> [Double] { counts.map { Double($0) / t.intervalSeconds } }
        let end = max(r.simulatedSeconds, 0)
        return SVGTimeChart(
            id: "throughput", title: "Throughput over time (per \(Formatting.duration(t.intervalSeconds)) interval)",
            valueLabel: "messages per second",
            series: [.init(name: "published", points: SVGTimeChart.points(bucket: t.intervalSeconds, values: rates(t.published)), end: end),
                     .init(name: "acked", points: SVGTimeChart.points(bucket: t.intervalSeconds, values: rates(t.acked)), end: end)]).render()
    }

    /// End-to-end p50 and p99 of the messages finished in each interval (gaps where none did);
    /// nil without measured latency.
    static func latencyOverTimeChart(_ r: Report) -> String? {
        guard let t = r.timeSeries, t.intervalSeconds > 0 else { return nil }
        let highest = (t.endToEndP99.compactMap { $0 } + t.endToEndP50.compactMap { $0 }).max() ?? 0
        guard highest > 0 else { return nil }
        // Milliseconds below a second, seconds above.
        let (scale, unit) = highest < 1 ? (1000.0, "ms") : (1.0, "s")
        func points(_ values: [Double?]) -> [SeriesDownsampler.Point] {
            values.enumerated().map { .init(x: Double($0.offset) * t.intervalSeconds, y: $0.element.map { $0 * scale } ?? .nan) }
        }
        return SVGTimeChart(
            id: "latency-over-time", title: "End-to-end latency over time (messages finished in each \(Formatting.duration(t.intervalSeconds)))",
            valueLabel: "end-to-end latency [\(unit)]",
            series: [.init(name: "p50", points: points(t.endToEndP50), end: r.simulatedSeconds),
                     .init(name: "p99", points: points(t.endToEndP99), end: r.simulatedSeconds)]).render()
    }

    private func brokers(_ r: Report) -> String {
        var rows: [[String]] = []
        for (name, b) in r.brokers.sorted(by: { $0.key < $1.key }) {
            rows.append([name, b.type, F.count(b.enqueued), b.routing == nil ? F.significant(b.depth.mean) : "–",
                         b.routing == nil ? F.count(Int(b.depth.max)) : "–", b.routing == nil ? F.count(Int(b.depth.final)) : "–"])
        }
        var out = table(["broker", "type", "enqueued", "depth mean", "depth max", "depth final"], rows)
        var details: [String] = []
        for (name, b) in r.brokers.sorted(by: { $0.key < $1.key }) {
            var lines: [String] = []
            if let routing = b.routing { lines += RoutingLines.broker(b, routing) }
            if let extras = ReportLines.brokerExtras(b, brokerCount: r.brokers.count) { lines.append(extras) }
            lines += TextRenderer.streamLines(b).map { $0.trimmingCharacters(in: .whitespaces) }
            lines += TextRenderer.capacityLines(b) + TextRenderer.orderingLines(b)
            if !lines.isEmpty { details.append("<li><strong>\(e(name))</strong>: " + lines.map(e).joined(separator: "<br>") + "</li>\n") }
        }
        if !details.isEmpty { out += "<ul>\n" + details.joined() + "</ul>\n" }
        out += Self.depthCharts(r).map(figure).joined()
        if let lag = Self.lagChart(r) { out += figure(lag) }
        return out
    }

    /// Depth over time of every queue (DLQs included), at most six queues per chart.
    static func depthCharts(_ r: Report) -> [String] {
        let queues = r.brokers.sorted { $0.key < $1.key }.filter { !$0.value.depthSeries.max.isEmpty }
        guard !queues.isEmpty else { return [] }
        let chunks = stride(from: 0, to: queues.count, by: 6).map { Array(queues[$0..<min($0 + 6, queues.count)]) }
        return chunks.enumerated().map { index, chunk in
            SVGTimeChart(
                id: index == 0 ? "depth" : "depth-\(index + 1)",
                title: "Queue depth over time (largest in each \(Formatting.duration(chunk[0].value.depthSeries.bucketSeconds)))"
                    + (chunks.count > 1 ? " · \(index + 1) of \(chunks.count)" : ""),
                valueLabel: "messages waiting",
                series: chunk.map { name, b in
                    .init(name: name, points: SVGTimeChart.points(bucket: b.depthSeries.bucketSeconds, values: b.depthSeries.max),
                          end: max(r.simulatedSeconds, Double(b.depthSeries.max.count) * b.depthSeries.bucketSeconds))
                }).render()
        }
    }

    /// Total lag of every stream consumer group over time ("stream / group"); nil without streams.
    static func lagChart(_ r: Report) -> String? {
        var series: [SVGTimeChart.Series] = []
        for (stream, b) in r.brokers.sorted(by: { $0.key < $1.key }) {
            for (group, g) in (b.groups ?? [:]).sorted(by: { $0.key < $1.key }) where !g.lagOverTime.messages.isEmpty {
                series.append(.init(name: "\(stream) / \(group)",
                                    points: SVGTimeChart.points(bucket: g.lagOverTime.intervalSeconds, values: g.lagOverTime.messages.map(Double.init)),
                                    end: nil))
            }
        }
        guard !series.isEmpty else { return nil }
        return SVGTimeChart(id: "lag", title: "Consumer-group lag over time", valueLabel: "lag [messages]",
                            series: series, steps: false).render()
    }

    private func consumers(_ r: Report) -> String {
        var rows: [[String]] = []
        var notes: [String] = []
        for (name, c) in r.consumers.sorted(by: { $0.key < $1.key }) {
            rows.append([name, "\(c.instances)", F.count(c.processed), F.count(c.failed), F.count(c.timedOut), F.count(c.crashes), F.percent(c.utilization)])
            var lines: [String] = []
            if let limit = c.rateLimit { lines.append(TextRenderer.rateLimitLine(limit)) }
            lines += TextRenderer.orderingLines(c)
            lines += TextRenderer.resilienceLines(c).map { $0.trimmingCharacters(in: .whitespaces) }
            if !lines.isEmpty { notes.append("<li><strong>\(e(name))</strong>: " + lines.map(e).joined(separator: "<br>") + "</li>\n") }
        }
        var out = table(["consumer", "instances", "processed", "failed", "timed out", "crashes", "utilization"], rows)
        if !notes.isEmpty { out += "<ul>\n" + notes.joined() + "</ul>\n" }
        if let chart = Self.utilizationChart(r) { out += figure(chart) }
        if let chart = Self.instancesChart(r) { out += figure(chart) }
        if let chart = Self.breakerChart(r) { out += figure(chart) }
        let producers = TextRenderer.producerLines(r).filter { !$0.isEmpty }
        if !producers.isEmpty { out += "<pre>\(e(producers.joined(separator: "\n")))</pre>\n" }
        return out
    }

    /// Utilization of each consumer as bars (0 … 100%).
    static func utilizationChart(_ r: Report) -> String? {
        guard !r.consumers.isEmpty else { return nil }
        let consumers = r.consumers.sorted { $0.key < $1.key }
        return SVGBarChart(
            id: "utilization", title: "Consumer utilization (busy time / instance time)", valueLabel: "utilization [%]",
            categories: consumers.map(\.key), series: [.init(name: "utilization", values: consumers.map { $0.value.utilization })],
            scale: .linear(format: { String(format: "%.0f%%", $0 * 100) }), linearTop: 1).render()
    }

    /// Running instances of every autoscaled consumer over time; nil without autoscaling.
    static func instancesChart(_ r: Report) -> String? {
        let series: [SVGTimeChart.Series] = r.consumers.sorted { $0.key < $1.key }.compactMap { name, c in
            guard let a = c.autoscaling, !a.instances.isEmpty else { return nil }
            return .init(name: name, points: a.instances.map { .init(x: $0.at, y: Double($0.count)) }, end: r.simulatedSeconds)
        }
        guard !series.isEmpty else { return nil }
        return SVGTimeChart(id: "instances", title: "Running instances over time (autoscaling)", valueLabel: "instances",
                            series: series).render()
    }

    /// Circuit-breaker state of every consumer with a breaker over time; nil without breakers.
    static func breakerChart(_ r: Report) -> String? {
        let levels = ["closed": 0.0, "halfOpen": 1, "open": 2]
        let series: [SVGTimeChart.Series] = r.consumers.sorted { $0.key < $1.key }.compactMap { name, c in
            guard let b = c.circuitBreaker else { return nil }
            let points = [SeriesDownsampler.Point(x: 0, y: 0)]
                + b.transitions.map { SeriesDownsampler.Point(x: $0.at, y: levels[$0.state] ?? 0) }
            return .init(name: name, points: points, end: b.transitions.count < b.transitionCount ? nil : r.simulatedSeconds)
        }
        guard !series.isEmpty else { return nil }
        return SVGTimeChart(id: "breaker", title: "Circuit-breaker state over time", valueLabel: "state",
                            series: series, categories: ["closed", "half-open", "open"]).render()
    }
}
