import Foundation

/// One workload on several technologies as a self-contained HTML page (the same style sheet,
/// no script, nothing fetched): the comparison table, grouped bars of the end-to-end
/// percentiles on a log axis, bars of throughput and of the largest backlog, then how each
/// technology was mapped or why it could not run. Rows with warnings list them in a section
/// right after the table. `mqlab compare --format html` fills it.
public struct ComparisonPage {
    /// One technology's row: its table cells (nil when it could not run), its figures for the
    /// charts, and the mapping notes or the reason it could not run.
    public struct Row {
        public var technology: String
        public var cells: [String]?
        public var p50: Double?
        public var p99: Double?
        public var p999: Double?
        public var throughput: Double?
        public var maxBacklog: Double?
        public var notes: [String]
        /// Sentences the page lists under the table, in a "Warnings" section (an unstable
        /// queue, a row that cannot keep up); empty for none.
        public var warnings: [String]

        public init(technology: String, cells: [String]?, p50: Double?, p99: Double?, p999: Double?,
                    throughput: Double?, maxBacklog: Double?, notes: [String], warnings: [String] = []) {
            self.technology = technology
            self.cells = cells
            self.p50 = p50
            self.p99 = p99
            self.p999 = p999
            self.throughput = throughput
            self.maxBacklog = maxBacklog
            self.notes = notes
            self.warnings = warnings
        }
    }

    /// One workload queue or stream group over time, one line per technology that has it.
    public struct Overlay {
        /// The workload's name for it ("jobs", "orders / billing").
        public var name: String
        public var lines: [Line]

        public init(name: String, lines: [Line]) {
            self.name = name
            self.lines = lines
        }
    }

    /// One technology's backlog of an overlay's queue or group (no values: the technology has
    /// no counterpart; it stays in the legend, so each technology keeps its colour).
    public struct Line {
        public var technology: String
        /// A stream group's lag sampled every `intervalSeconds` (drawn point to point), rather
        /// than a queue's depth, the largest in each bucket (held until the next).
        public var isLag: Bool
        /// Spacing of `values` from time 0 [s].
        public var intervalSeconds: Double
        /// Backlog [messages], one value per interval.
        public var values: [Double]
        /// The run's end [s].
        public var end: Double

        public init(technology: String, isLag: Bool, intervalSeconds: Double, values: [Double], end: Double) {
            self.technology = technology
            self.isLag = isLag
            self.intervalSeconds = intervalSeconds
            self.values = values
            self.end = end
        }
    }

    public var title: String
    public var description: String
    public var summary: String
    /// Column headers after "technology".
    public var headers: [String]
    public var rows: [Row]
    /// Backlog over time of each workload queue and stream group, technologies overlaid.
    public var overlays: [Overlay]

    public init(title: String, description: String, summary: String, headers: [String], rows: [Row], overlays: [Overlay] = []) {
        self.title = title
        self.description = description
        self.summary = summary
        self.headers = headers
        self.rows = rows
        self.overlays = overlays
    }

    public func render() -> String {
        let e = SVGChart.escape
        var html = HTMLRenderer.documentHead(title: "\(title) · mqlab compare",
                                             style: "div.wide{overflow-x:auto}div.wide td{white-space:nowrap}\n") + "<main>\n"
        html += "<h1>\(e(title))</h1>\n"
        if !description.isEmpty { html += "<p>\(e(description))</p>\n" }
        html += "<p class=\"summary\">\(e(summary))</p>\n"
        html += "<section>\n<h2>Side by side</h2>\n<div class=\"wide\"><table>\n<tr><th>technology</th>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            html += "<tr><td>\(e(row.technology))</td>"
            if let cells = row.cells {
                html += cells.map { "<td>\(e($0))</td>" }.joined()
            } else {
                html += "<td colspan=\"\(headers.count)\" style=\"text-align:left\">not supported</td>"
            }
            html += "</tr>\n"
        }
        html += "</table></div>\n</section>\n"
        if rows.contains(where: { !$0.warnings.isEmpty }) {
            html += "<section>\n<h2>Warnings</h2>\n<ul>\n"
            for row in rows {
                for warning in row.warnings { html += "<li><strong>\(e(row.technology))</strong>: \(e(warning))</li>\n" }
            }
            html += "</ul>\n</section>\n"
        }
        let ran = rows.filter { $0.cells != nil }
        if !ran.isEmpty {
            let names = ran.map(\.technology)
            let latency = SVGBarChart(
                id: "compare-latency", title: "End-to-end latency (log scale)", valueLabel: "latency [log scale]",
                categories: names,
                series: [.init(name: "p50", values: ran.map(\.p50)), .init(name: "p99", values: ran.map(\.p99)),
                         .init(name: "p99.9", values: ran.map(\.p999))],
                scale: .logarithmic(format: { Formatting.duration($0) }), width: 960)
            let throughput = SVGBarChart(
                id: "compare-throughput", title: "Throughput (acked per second)", valueLabel: "acked [messages/s]",
                categories: names, series: [.init(name: "acked/s", values: ran.map(\.throughput))],
                scale: .linear(format: { Formatting.count(Int($0.rounded())) }), width: 960)
            let backlog = SVGBarChart(
                id: "compare-backlog", title: "Largest backlog (deepest queue, group lag or ingress backlog)", valueLabel: "backlog [messages]",
                categories: names, series: [.init(name: "max depth/lag", values: ran.map(\.maxBacklog))],
                scale: .linear(format: { Formatting.count(Int($0.rounded())) }), width: 960)
            html += "<section>\n<h2>Charts</h2>\n"
            for chart in [latency, throughput, backlog] { html += "<figure>\(chart.render())</figure>\n" }
            html += "</section>\n"
        }
        let overlaid = overlayCharts()
        if !overlaid.isEmpty {
            html += "<section>\n<h2>Backlog over time</h2>\n<p>Each workload queue and stream group, one line per technology on the same axes: "
                + "a queue's depth (the largest in each interval, held) or, where the technology made it a stream, its consumer group's lag (sampled).</p>\n"
            for chart in overlaid { html += "<figure>\(chart)</figure>\n" }
            html += "</section>\n"
        }
        html += "<section>\n<h2>How each technology ran it</h2>\n<ul>\n"
        for row in rows {
            html += "<li><strong>\(e(row.technology))</strong>: " + (row.cells == nil ? "not supported — " : "")
                + row.notes.map(e).joined(separator: "; ") + "</li>\n"
        }
        return html + "</ul>\n</section>\n</main>\n</body>\n</html>\n"
    }

    /// One time chart per overlay with data: the technologies' lines, a lag drawn point to
    /// point and a depth as steps.
    func overlayCharts() -> [String] {
        overlays.filter { $0.lines.contains { !$0.values.isEmpty } }.enumerated().map { index, overlay in
            SVGTimeChart(
                id: "compare-overlay-\(index + 1)", title: "\(overlay.name): backlog over time by technology",
                valueLabel: "depth or lag [messages]",
                series: overlay.lines.map { line in
                    .init(name: line.technology + (line.values.isEmpty ? " (none)" : line.isLag ? " (group lag)" : ""),
                          points: SVGTimeChart.points(bucket: line.intervalSeconds, values: line.values),
                          end: line.isLag ? nil : max(line.end, Double(line.values.count) * line.intervalSeconds),
                          steps: !line.isLag)
                }, width: 960).render()
        }
    }
}
