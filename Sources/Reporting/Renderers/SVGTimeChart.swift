import Foundation

/// A chart of quantities over simulated time: one line per series, drawn as steps (a depth
/// or an instance count holds its value until the next point) or straight segments, on a
/// linear value axis from 0, with title, axis labels with units, ticks, grid and legend.
///
/// A series longer than four points per pixel column is reduced by `SeriesDownsampler`
/// (first, min, max and last per column), so every peak keeps its height.
struct SVGTimeChart {
    struct Series {
        var name: String
        /// Points, `x` = time [s] non-decreasing; a NaN `y` is a gap (no value there).
        var points: [SeriesDownsampler.Point]
        /// Where the last value ends [s] (the run's end), for step series.
        var end: Double?
        /// Steps or straight segments for this series alone (nil: the chart's `steps`), for a
        /// chart that overlays held values (a depth) and samples (a lag).
        var steps: Bool? = nil
    }

    /// Identifies the chart in the page (`data-chart`), e.g. `depth`.
    var id: String
    var title: String
    /// The value axis label with its unit, e.g. "depth [messages]".
    var valueLabel: String
    var series: [Series]
    /// Draw as steps (value held until the next point) rather than straight segments.
    var steps = true
    /// Named value ticks (e.g. breaker states at 0, 1, 2) instead of numbers.
    var categories: [String]? = nil
    var width = 720.0
    var height = 280.0

    static let left = 68.0, right = 20.0, bottom = 44.0

    /// The `<svg>` element.
    func render() -> String {
        typealias S = SVGChart
        let legend = S.legend(series.map(\.name), x: Self.left, y: 42, width: width - Self.left - Self.right)
        let top = 34.0 + Double(legend.rows) * 16 + 10
        let plotWidth = width - Self.left - Self.right, plotHeight = height - top - Self.bottom
        let xMax = max(series.compactMap { $0.end ?? $0.points.last?.x }.max() ?? 1, 1e-9)
        let yTicks: [Double]
        if let categories { yTicks = categories.indices.map(Double.init) } else {
            yTicks = S.niceTicks(upTo: series.flatMap { $0.points.map(\.y).filter { !$0.isNaN } }.max() ?? 0)
        }
        let yMax = max(yTicks.last ?? 1, 1e-9)
        let (timeScale, timeUnit) = Self.timeUnit(xMax)
        let xTicks = S.niceTicks(upTo: xMax / timeScale, count: 8).filter { $0 * timeScale <= xMax * 1.0000001 }
        func px(_ x: Double) -> Double { Self.left + x / xMax * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - y / yMax * plotHeight }

        var svg = S.opening(id: id, title: title, width: width, height: height, left: Self.left, legend: legend.svg)
        // Grid and value ticks.
        let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        for tick in yTicks {
            let y = py(tick)
            let text = categories.map { $0[Int(tick)] } ?? S.tickText(tick, step: yStep)
            svg += S.gridLine(y: y, text: text, left: Self.left, plotWidth: plotWidth)
        }
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1
        for tick in xTicks {
            let x = px(tick * timeScale)
            svg += S.xTick(x: x, text: S.tickText(tick, step: xStep), baseline: top + plotHeight)
        }
        svg += S.axes(left: Self.left, top: top, plotWidth: plotWidth, plotHeight: plotHeight)
        svg += S.xLabel("simulated time [\(timeUnit)]", left: Self.left, plotWidth: plotWidth, height: height)
        svg += S.yLabel(valueLabel, top: top, plotHeight: plotHeight)
        // The series.
        let columns = Int(plotWidth)
        for (index, line) in series.enumerated() where !line.points.isEmpty {
            let points = SeriesDownsampler.downsample(line.points, columns: columns)
            let steps = line.steps ?? self.steps
            // A NaN value is a gap: the line stops at its x and starts again at the next value.
            var d = ""
            var open = false
            for point in points {
                if point.y.isNaN {
                    if open && steps { d += "H\(S.number(px(point.x)))" }
                    open = false
                } else if !open {
                    d += "M\(S.number(px(point.x))) \(S.number(py(point.y)))"
                    open = true
                } else {
                    d += steps ? "H\(S.number(px(point.x)))V\(S.number(py(point.y)))" : "L\(S.number(px(point.x))) \(S.number(py(point.y)))"
                }
            }
            if open, steps, let end = line.end, end > (points.last?.x ?? 0) { d += "H\(S.number(px(end)))" }
            guard !d.isEmpty else { continue }
            svg += "<path class=\"series \(S.colour(index))\" d=\"\(d)\"><title>\(S.escape(line.name))</title></path>"
        }
        return svg + "</svg>"
    }

    /// The time unit for an axis reaching `seconds`: (seconds per unit, unit name).
    static func timeUnit(_ seconds: Double) -> (Double, String) {
        if seconds >= 7200 { return (3600, "h") }
        if seconds >= 300 { return (60, "min") }
        return (1, "s")
    }

    /// The points of a bucketed series: value `values[i]` from `i × bucket` seconds.
    static func points(bucket: Double, values: [Double]) -> [SeriesDownsampler.Point] {
        values.enumerated().map { SeriesDownsampler.Point(x: Double($0.offset) * bucket, y: $0.element) }
    }
}
