import Expectations
import Foundation

/// A sweep as a self-contained HTML page (the report's style sheet, inline SVG, no script,
/// nothing fetched): the table of every point, then one chart per metric against the first
/// swept parameter — one line per value of the other parameters, and the 95% interval of the
/// replications as error bars. `mqlab sweep --format html` fills it (`SweepOutput`).
///
/// The parameter axis is numeric when every value is a number in one unit (`1..8`,
/// `10ms..50ms`), else the values are evenly spaced as written (`fanout,topic`). The value
/// axis carries the metric's unit: durations in µs, ms or s (on a log axis when they span two
/// decades or more), rates per second, fractions as percentages; intervals are clipped to the
/// range the mean can take (0 … 100% for a fraction, ≥ 0 for every other figure but a
/// relative difference).
public struct SweepPage {
    /// One metric's chart: a series per combination of the other parameters.
    public struct Chart {
        /// The report path of the metric (`latency.endToEnd.p99`).
        public var metric: String
        public var kind: MetricKind
        public var series: [Series]

        public init(metric: String, kind: MetricKind, series: [Series]) {
            self.metric = metric
            self.kind = kind
            self.series = series
        }
    }

    /// One line: its name (the other parameters' values, "" with one parameter) and, per value
    /// of the first parameter, the estimate or nil where no run had the metric.
    public struct Series {
        public var name: String
        public var values: [Estimate?]

        public init(name: String, values: [Estimate?]) {
            self.name = name
            self.values = values
        }
    }

    /// A mean and the 95% half-width of the replications (nil with one replication) [the metric's unit].
    public struct Estimate: Equatable {
        public var mean: Double
        public var halfWidth: Double?

        public init(mean: Double, halfWidth: Double?) {
            self.mean = mean
            self.halfWidth = halfWidth
        }
    }

    /// The first swept parameter's values as numbers for the chart axis: each in `unit`
    /// (`""` for plain numbers, `"ms"`, `"s"`, …); nil when they are not all numbers.
    public struct Positions {
        public var values: [Double]
        public var unit: String

        public init(values: [Double], unit: String) {
            self.values = values
            self.unit = unit
        }
    }

    public var title: String
    /// One line under the title: points, replications, seeds.
    public var summary: String
    /// Sentences shown before the table (the `expect` items judged, the columns).
    public var notes: [String]
    /// The first swept parameter's path and its values as written.
    public var parameter: String
    public var parameterValues: [String]
    public var positions: Positions?
    public var headers: [String]
    public var rows: [[String]]
    public var charts: [Chart]
    /// Replications per point (the charts' titles say when intervals are drawn).
    public var replications: Int

    public init(title: String, summary: String, notes: [String], parameter: String, parameterValues: [String],
                positions: Positions?, headers: [String], rows: [[String]], charts: [Chart], replications: Int) {
        self.title = title
        self.summary = summary
        self.notes = notes
        self.parameter = parameter
        self.parameterValues = parameterValues
        self.positions = positions
        self.headers = headers
        self.rows = rows
        self.charts = charts
        self.replications = replications
    }

    public func render() -> String {
        let e = SVGChart.escape
        var html = HTMLRenderer.documentHead(title: "\(title) · mqlab sweep",
                                             style: SVGLineChart.style + "div.wide{overflow-x:auto}div.wide td{white-space:nowrap}\n") + "<main>\n"
        html += "<h1>\(e(title))</h1>\n<p class=\"summary\">\(e(summary))</p>\n"
        for note in notes { html += "<p>\(e(note))</p>\n" }
        html += "<section>\n<h2>Points</h2>\n<div class=\"wide\"><table>\n<tr>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        html += "</table></div>\n</section>\n"
        if !charts.isEmpty {
            html += "<section>\n<h2>Charts</h2>\n"
            for (index, chart) in charts.enumerated() { html += "<figure>\(lineChart(chart, index: index).render())</figure>\n" }
            html += "</section>\n"
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    /// The chart of `chart`, the `index`-th of the page.
    func lineChart(_ chart: Chart, index: Int) -> SVGLineChart {
        let axis: SVGLineChart.Axis
        let xs: [Double]
        if let positions, positions.values.count == parameterValues.count {
            axis = .numeric(format: { SVGLineChart.numberText($0) })
            xs = positions.values
        } else {
            axis = .categories(parameterValues)
            xs = parameterValues.indices.map(Double.init)
        }
        let (scale, unit, logarithmic) = Self.valueUnit(chart)
        let series = chart.series.map { line in
            SVGLineChart.Series(name: line.name, points: zip(xs, line.values).compactMap { x, estimate in
                guard let estimate, estimate.mean.isFinite else { return nil }
                let half = estimate.halfWidth.flatMap { $0.isFinite ? $0 : nil }
                // An interval is clipped to the range the mean can take: a fraction's to
                // 0 … 100%, any other figure's at 0 (every report figure but a relative
                // difference is ≥ 0: a depth or a count cannot go below it).
                func clip(_ v: Double) -> Double {
                    if chart.kind == .fraction { return min(1, max(0, v)) }
                    return chart.metric.hasSuffix("relativeDifference") ? v : max(0, v)
                }
                return .init(x: x, y: estimate.mean * scale, low: half.map { clip(estimate.mean - $0) * scale },
                             high: half.map { clip(estimate.mean + $0) * scale })
            })
        }
        let format: (Double) -> String = logarithmic ? { Formatting.duration($0) } : { SVGLineChart.numberText($0) }
        let intervals = replications > 1 ? " · mean and 95% interval of \(replications) runs" : ""
        let parameterUnit = positions.map { $0.unit.isEmpty ? "" : " [\($0.unit)]" } ?? ""
        return SVGLineChart(
            id: "sweep-\(index + 1)", title: "\(chart.metric) by \(parameter)\(intervals)",
            parameterLabel: parameter + parameterUnit, valueLabel: chart.metric + " [\(unit)]",
            axis: axis, series: series, logarithmic: logarithmic, valueFormat: format,
            valueSuffix: logarithmic || unit == "count" ? "" : unit == "%" ? "%" : unit == "per second" ? "/s" : " " + unit,
            width: 960, height: 320)
    }

    /// How a metric's values are drawn: (factor from report units, unit name, log axis).
    static func valueUnit(_ chart: Chart) -> (Double, String, Bool) {
        let means = chart.series.flatMap { $0.values.compactMap { $0?.mean } }.filter(\.isFinite)
        switch chart.kind {
        case .seconds:
            let positive = means.filter { $0 > 0 }
            if let low = positive.min(), let high = positive.max(), high / low >= 100 { return (1, "log scale", true) }
            let largest = means.map(abs).max() ?? 0
            if largest > 0 && largest < 1e-3 { return (1e6, "µs", false) }
            if largest < 1 { return (1e3, "ms", false) }
            return (1, "s", false)
        case .perSecond: return (1, "per second", false)
        case .fraction: return (100, "%", false)
        case .count: return (1, "count", false)
        }
    }
}
