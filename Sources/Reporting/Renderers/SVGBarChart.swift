import Foundation

/// A grouped bar chart: one group per category, one bar per series in each, on a linear axis
/// from 0 or a logarithmic one (decades, for latencies spanning microseconds to minutes), with
/// title, value-axis label with its unit, ticks, grid and legend. Missing or (on a log axis)
/// non-positive values draw no bar.
struct SVGBarChart {
    struct Series {
        var name: String
        /// One value per category, in category order.
        var values: [Double?]
    }

    enum Scale {
        /// Linear from 0; tick labels by `format`.
        case linear(format: (Double) -> String)
        /// Powers of ten; tick labels by `format`.
        case logarithmic(format: (Double) -> String)
    }

    var id: String
    var title: String
    var valueLabel: String
    var categories: [String]
    var series: [Series]
    var scale: Scale
    /// A fixed top of a linear axis (e.g. 1 for a share).
    var linearTop: Double? = nil
    var width = 720.0
    var height = 300.0

    static let left = 76.0, right = 20.0, bottom = 44.0

    func render() -> String {
        typealias S = SVGChart
        let legend = S.legend(series.map(\.name), x: Self.left, y: 42, width: width - Self.left - Self.right)
        let top = 34.0 + Double(legend.rows) * 16 + 10
        let plotWidth = width - Self.left - Self.right, plotHeight = height - top - Self.bottom
        let values = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)

        // The axis: value → y, and the ticks with their labels.
        let ticks: [(value: Double, text: String)]
        let position: (Double) -> Double?
        switch scale {
        case .linear(let format):
            let raw = S.niceTicks(upTo: linearTop ?? (values.max() ?? 0))
            let topValue = max(raw.last ?? 1, 1e-12)
            ticks = raw.map { ($0, format($0)) }
            position = { $0 >= 0 ? top + plotHeight - $0 / topValue * plotHeight : nil }
        case .logarithmic(let format):
            let positive = values.filter { $0 > 0 }
            // A decade below the smallest value, so a bar exactly at a power of ten still shows.
            let low = floor(log10(positive.min() ?? 1e-3) - 1e-9), high = max(low + 1, ceil(log10(positive.max() ?? 1)))
            ticks = stride(from: low, through: high, by: 1).map { (pow(10, $0), format(pow(10, $0))) }
            position = { $0 > 0 ? top + plotHeight - (log10($0) - low) / (high - low) * plotHeight : nil }
        }

        var svg = S.opening(id: id, title: title, width: width, height: height, left: Self.left, legend: legend.svg)
        for tick in ticks {
            guard let y = position(tick.value) else { continue }
            svg += S.gridLine(y: y, text: tick.text, left: Self.left, plotWidth: plotWidth)
        }
        svg += S.axes(left: Self.left, top: top, plotWidth: plotWidth, plotHeight: plotHeight)
        svg += S.yLabel(valueLabel, top: top, plotHeight: plotHeight)

        let groupWidth = plotWidth / Double(max(1, categories.count))
        let barWidth = min(40, groupWidth * 0.8 / Double(max(1, series.count)))
        let baseline = top + plotHeight
        for (c, category) in categories.enumerated() {
            let groupStart = Self.left + Double(c) * groupWidth + (groupWidth - barWidth * Double(series.count)) / 2
            for (s, line) in series.enumerated() {
                guard c < line.values.count, let value = line.values[c], value.isFinite, let y = position(value) else { continue }
                let x = groupStart + Double(s) * barWidth
                let clamped = min(max(y, top), baseline)
                svg += "<rect class=\"bar \(S.colour(s))\" x=\"\(S.number(x + 1))\" y=\"\(S.number(clamped))\" width=\"\(S.number(max(1, barWidth - 2)))\" height=\"\(S.number(max(0.5, baseline - clamped)))\"><title>\(S.escape(category)) · \(S.escape(line.name)): \(S.escape(Self.valueText(value, scale)))</title></rect>"
            }
            let label = category.count > 24 ? String(category.prefix(23)) + "…" : category
            svg += "<text class=\"tick\" x=\"\(S.number(Self.left + (Double(c) + 0.5) * groupWidth))\" y=\"\(S.number(baseline + 18))\" text-anchor=\"middle\">\(S.escape(label))</text>"
        }
        return svg + "</svg>"
    }

    private static func valueText(_ value: Double, _ scale: Scale) -> String {
        switch scale {
        case .linear(let format), .logarithmic(let format): return format(value)
        }
    }
}
