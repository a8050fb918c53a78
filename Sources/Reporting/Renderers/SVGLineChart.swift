import Foundation

/// A chart of a quantity against a parameter: one line per series through markers at the
/// parameter's values, with a 95% interval drawn as an error bar at each point (or, for a
/// series too long to mark point by point, as two thin lines through the interval's ends).
/// The parameter axis is numeric (linear between the smallest and largest value, with nice
/// ticks) or categorical (values evenly spaced, labelled as written); the value axis is linear
/// from 0 (or from the lowest value when it is negative), or logarithmic in decades. Title,
/// axis labels with units, ticks, grid and legend as the other charts (`SVGChart`).
///
/// A series longer than four points per pixel column is reduced by `SeriesDownsampler`
/// (first, min, max and last per column), so no peak is lost.
struct SVGLineChart {
    struct Point: Equatable {
        /// Position on the parameter axis: the value (numeric axis) or the index (categorical).
        var x: Double
        var y: Double
        /// The 95% interval's ends, when the point has one.
        var low: Double? = nil
        var high: Double? = nil
    }

    struct Series {
        var name: String
        /// Points in parameter order; a parameter value without a figure has no point.
        var points: [Point]
    }

    enum Axis {
        /// A numeric parameter; ticks labelled by `format`. With integer values (instances,
        /// partitions), only integer ticks.
        case numeric(format: (Double) -> String)
        /// Values as written, at x = 0, 1, 2, ….
        case categories([String])
    }

    /// Identifies the chart in the page (`data-chart`).
    var id: String
    var title: String
    /// The parameter axis label with its unit, e.g. "consumers.workers.instances".
    var parameterLabel: String
    /// The value axis label with its unit, e.g. "latency.endToEnd.p99 [ms]".
    var valueLabel: String
    var axis: Axis
    var series: [Series]
    /// Powers of ten on the value axis (non-positive values draw nothing).
    var logarithmic = false
    /// Tick labels of the value axis.
    var valueFormat: (Double) -> String
    /// Appended to a point's value in its tooltip (the unit, e.g. " ms"; "" when `valueFormat`
    /// writes it).
    var valueSuffix = ""
    var width = 720.0
    var height = 300.0

    static let left = 76.0, right = 24.0, bottom = 44.0
    /// Up to this many points a series draws a marker and an error bar at each.
    static let markedPoints = 60

    /// The `<svg>` element.
    func render() -> String {
        typealias S = SVGChart
        let legend = S.legend(series.map(\.name), x: Self.left, y: 42, width: width - Self.left - Self.right)
        let top = 34.0 + Double(legend.rows) * 16 + 10
        let plotWidth = width - Self.left - Self.right, plotHeight = height - top - Self.bottom
        let points = series.flatMap(\.points)

        // The parameter axis: x → pixel, and its ticks.
        let xTicks: [(value: Double, text: String)]
        let xLow: Double, xHigh: Double
        switch axis {
        case .categories(let names):
            // Half a step of margin on each side, so the first and last values are not on the frame.
            xLow = -0.5
            xHigh = Double(max(1, names.count)) - 0.5
            let every = max(1, Int((Double(names.count) * 60 / plotWidth).rounded(.up)))
            xTicks = names.indices.filter { $0 % every == 0 }.map { (Double($0), names[$0]) }
        case .numeric(let format):
            let xs = points.map(\.x).filter(\.isFinite)
            var ticks = S.niceTicks(from: xs.min() ?? 0, to: xs.max() ?? 1, count: 8)
            // Steps of 1, 2 or 5 × 10^k: below 1 they divide 1, so the integers stay, ends included.
            if !xs.isEmpty, xs.allSatisfy({ $0 == $0.rounded() }) { ticks = ticks.filter { $0 == $0.rounded() } }
            xLow = ticks.first ?? 0
            xHigh = max(ticks.last ?? 1, xLow + 1e-12)
            xTicks = ticks.map { ($0, format($0)) }
        }
        func px(_ x: Double) -> Double { Self.left + (x - xLow) / (xHigh - xLow) * plotWidth }

        // The value axis.
        let values = points.flatMap { [$0.y] + [$0.low, $0.high].compactMap { $0 } }.filter(\.isFinite)
        let yTicks: [(value: Double, text: String)]
        let py: (Double) -> Double?
        if logarithmic {
            let positive = values.filter { $0 > 0 }
            let low = floor(log10(positive.min() ?? 1e-3)), high = max(low + 1, ceil(log10(positive.max() ?? 1)))
            yTicks = stride(from: low, through: high, by: 1).map { (pow(10, $0), valueFormat(pow(10, $0))) }
            py = { $0 > 0 && $0.isFinite ? top + plotHeight - (log10($0) - low) / (high - low) * plotHeight : nil }
        } else {
            let ticks = S.niceTicks(from: min(0, values.min() ?? 0), to: max(0, values.max() ?? 0))
            let low = ticks.first ?? 0, high = max(ticks.last ?? 1, low + 1e-12)
            yTicks = ticks.map { ($0, valueFormat($0)) }
            py = { $0.isFinite ? top + plotHeight - ($0 - low) / (high - low) * plotHeight : nil }
        }

        var svg = S.opening(id: id, title: title, width: width, height: height, left: Self.left, legend: legend.svg)
        for tick in yTicks {
            guard let y = py(tick.value) else { continue }
            svg += S.gridLine(y: y, text: tick.text, left: Self.left, plotWidth: plotWidth)
        }
        for tick in xTicks {
            let x = px(tick.value)
            svg += S.xTick(x: x, text: tick.text, baseline: top + plotHeight)
        }
        svg += S.axes(left: Self.left, top: top, plotWidth: plotWidth, plotHeight: plotHeight)
        svg += S.xLabel(parameterLabel, left: Self.left, plotWidth: plotWidth, height: height)
        svg += S.yLabel(valueLabel, top: top, plotHeight: plotHeight)

        let columns = Int(plotWidth)
        for (index, line) in series.enumerated() {
            let colour = S.colour(index)
            let drawn = line.points.filter { py($0.y) != nil }
            guard !drawn.isEmpty else { continue }
            let marked = drawn.count <= Self.markedPoints
            // The line through the means (downsampled when long), then the intervals.
            svg += "<path class=\"series \(colour)\" d=\"\(path(drawn.map { ($0.x, $0.y) }, columns: columns, px: px, py: py))\"><title>\(S.escape(line.name))</title></path>"
            if marked {
                for point in drawn {
                    guard let y = py(point.y) else { continue }
                    let x = px(point.x)
                    if let low = point.low.flatMap(py), let high = point.high.flatMap(py) {
                        svg += "<path class=\"interval \(colour)\" d=\"M\(S.number(x - 4)) \(S.number(high))H\(S.number(x + 4))M\(S.number(x)) \(S.number(high))V\(S.number(low))M\(S.number(x - 4)) \(S.number(low))H\(S.number(x + 4))\"/>"
                    }
                    let interval = point.low.flatMap { low in point.high.map { high in " ± " + valueFormat((high - low) / 2) } } ?? ""
                    svg += "<circle class=\"point \(colour)\" cx=\"\(S.number(x))\" cy=\"\(S.number(y))\" r=\"3\"><title>\(S.escape(line.name)): \(S.escape(valueFormat(point.y) + interval + valueSuffix))</title></circle>"
                }
            } else {
                for end in [\Point.low, \Point.high] {
                    let ends = drawn.compactMap { point in point[keyPath: end].map { (point.x, $0) } }
                    guard ends.count > 1 else { continue }
                    svg += "<path class=\"interval band \(colour)\" d=\"\(path(ends, columns: columns, px: px, py: py))\"/>"
                }
            }
        }
        return svg + "</svg>"
    }

    /// Straight segments through `points` (downsampled to `columns`), skipping values the axis
    /// cannot show.
    private func path(_ points: [(x: Double, y: Double)], columns: Int, px: (Double) -> Double, py: (Double) -> Double?) -> String {
        typealias S = SVGChart
        let reduced = SeriesDownsampler.downsample(points.map { SeriesDownsampler.Point(x: $0.x, y: $0.y) }, columns: columns)
        var d = ""
        for point in reduced {
            guard let y = py(point.y) else { continue }
            d += (d.isEmpty ? "M" : "L") + "\(S.number(px(point.x))) \(S.number(y))"
        }
        return d
    }

    /// The style rules of what only this chart draws (markers and intervals), for the page's
    /// style sheet after `SVGChart.style`.
    static var style: String {
        var rules = "svg.chart path.interval{fill:none;stroke-width:1.2}svg.chart path.band{stroke-dasharray:3 3;stroke-width:1}\n"
        for index in SVGChart.palette.indices {
            rules += "svg.chart circle.c\(index){fill:var(--c\(index));stroke:none}"
        }
        return rules + "\n"
    }

    /// A tick or point label: integers with separators, else up to 4 significant digits,
    /// locale-free.
    static func numberText(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return Formatting.count(Int(x)) }
        var text = String(format: "%.4g", x)
        if text.contains("e") { return text }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
