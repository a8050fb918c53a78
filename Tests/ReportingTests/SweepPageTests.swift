import Expectations
import Foundation
import Testing
@testable import Reporting

/// The chart of a metric against a swept parameter: points where the values are, error bars
/// with intervals, categories as written, a log axis for latencies spanning decades; the sweep
/// page is self-contained, escaped and the same bytes every time.
@Suite struct SweepPageTests {
    typealias Point = SVGLineChart.Point

    static func numbers(_ svg: String, _ pattern: Regex<(Substring, Substring)>) -> [Double] {
        svg.matches(of: pattern).compactMap { Double(String($0.1)) }
    }

    /// Values 1, 2, 3 on a 620 px plot whose axis runs 1 … 3 (nice ticks 0.5 apart): the
    /// markers sit at its left end, middle and right end; each interval is an error bar.
    @Test func pointsSitAtTheirValuesWithTheirIntervals() {
        let chart = SVGLineChart(
            id: "t", title: "p99 by instances", parameterLabel: "instances", valueLabel: "p99 [ms]",
            axis: .numeric(format: { SVGLineChart.numberText($0) }),
            series: [.init(name: "a", points: [Point(x: 1, y: 10, low: 8, high: 12), Point(x: 2, y: 20, low: 18, high: 22), Point(x: 3, y: 40, low: 30, high: 50)]),
                     .init(name: "b", points: [Point(x: 1, y: 5), Point(x: 3, y: 15)])],
            valueFormat: { SVGLineChart.numberText($0) })
        let svg = chart.render()
        let cx = Self.numbers(svg, /<circle class="point c\d" cx="([0-9.]+)"/)
        #expect(cx == [76, 386, 696, 76, 696])
        #expect(svg.matches(of: /<path class="interval c0"/).count == 3)
        #expect(svg.matches(of: /<path class="interval c1"/).count == 0)
        // Value axis 0 … 50 in steps of 10; the plot is 300 − 60 (title, legend) − 44 high.
        let ticks = svg.matches(of: /<text class="tick" x="70.0" y="[0-9.]+" text-anchor="end">([^<]+)</).map { String($0.1) }
        #expect(ticks == ["0", "10", "20", "30", "40", "50"])
        let top = 60.0, plot = 300 - 60 - 44.0
        let cy = Self.numbers(svg, /<circle class="point c0" cx="[0-9.]+" cy="([0-9.]+)"/)
        #expect(cy == [10, 20, 40].map { ((top + plot - $0 / 50 * plot) * 10).rounded() / 10 })
        // Two series: a legend entry each; one line path each, through 3 and 2 points.
        #expect(svg.contains(">a</text>") && svg.contains(">b</text>"))
        let paths = svg.matches(of: /<path class="series (c\d)" d="([^"]+)"/).map { ($0.1, $0.2.filter { $0 == "M" || $0 == "L" }.count) }
        #expect(paths.map(\.0) == ["c0", "c1"] && paths.map(\.1) == [3, 2])
        #expect(svg.contains(">instances</text>") && svg.contains(">p99 [ms]</text>"))
        // Integer values get integer ticks only (not 1.5, 2.5).
        let xTicks = svg.matches(of: /<text class="tick" x="[0-9.]+" y="274.0" text-anchor="middle">([^<]+)</).map { String($0.1) }
        #expect(xTicks == ["1", "2", "3"])
    }

    /// Non-numeric values are evenly spaced and labelled as written (escaped).
    @Test func categoriesAreSpacedEvenlyAndEscaped() {
        let svg = SVGLineChart(
            id: "t", title: "t", parameterLabel: "type", valueLabel: "v",
            axis: .categories(["fanout", "<topic>"]),
            series: [.init(name: "x", points: [Point(x: 0, y: 1), Point(x: 1, y: 2)])],
            valueFormat: { SVGLineChart.numberText($0) }).render()
        // Half a step of margin each side: the two values at 1/4 and 3/4 of 620 px.
        #expect(Self.numbers(svg, /<circle class="point c0" cx="([0-9.]+)"/) == [231, 541])
        #expect(svg.contains(">fanout</text>") && svg.contains(">&lt;topic&gt;</text>") && !svg.contains("<topic>"))
    }

    /// Latencies from 1 ms to 10 s go on a log axis: four decades, one tick each.
    @Test func latenciesSpanningDecadesGoOnALogAxis() {
        let chart = SweepPage.Chart(metric: "latency.endToEnd.p99", kind: .seconds,
                                    series: [.init(name: "p99", values: [.init(mean: 10, halfWidth: nil), .init(mean: 0.001, halfWidth: nil)])])
        let (_, unit, log) = SweepPage.valueUnit(chart)
        #expect(unit == "log scale" && log)
        let page = SweepPage(title: "t", summary: "s", notes: [], parameter: "consumers.w.instances", parameterValues: ["1", "8"],
                             positions: .init(values: [1, 8], unit: ""), headers: [], rows: [], charts: [chart], replications: 1)
        let svg = page.lineChart(chart, index: 0).render()
        let ticks = svg.matches(of: /<text class="tick" x="70.0" y="[0-9.]+" text-anchor="end">([^<]+)</).map { String($0.1) }
        #expect(ticks == ["1.00 ms", "10.0 ms", "100 ms", "1.00 s", "10.0 s"])
        // Below two decades: milliseconds on a linear axis; fractions in percent.
        let narrow = SweepPage.Chart(metric: "latency.endToEnd.p99", kind: .seconds,
                                     series: [.init(name: "p99", values: [.init(mean: 0.02, halfWidth: 0.001), .init(mean: 0.5, halfWidth: nil)])])
        #expect(SweepPage.valueUnit(narrow) == (1000, "ms", false))
        #expect(SweepPage.valueUnit(.init(metric: "consumers.w.utilization", kind: .fraction, series: [])) == (100, "%", false))
    }

    /// A utilization's interval never leaves 0 … 100% on the chart (the axis stops at 100%),
    /// though the table's ± may.
    @Test func fractionIntervalsAreClippedToTheirRange() {
        let chart = SweepPage.Chart(metric: "consumers.w.utilization", kind: .fraction,
                                    series: [.init(name: "u", values: [.init(mean: 0.9999, halfWidth: 0.01), .init(mean: 0.5, halfWidth: 0.1)])])
        let page = SweepPage(title: "t", summary: "s", notes: [], parameter: "consumers.w.instances", parameterValues: ["3", "4"],
                             positions: .init(values: [3, 4], unit: ""), headers: [], rows: [], charts: [chart], replications: 3)
        let line = page.lineChart(chart, index: 0)
        #expect(line.series[0].points.map(\.high) == [100, 60])
        #expect(line.series[0].points.map(\.low) == [98.99, 40])
        let ticks = line.render().matches(of: /<text class="tick" x="70.0" y="[0-9.]+" text-anchor="end">([^<]+)</).map { String($0.1) }
        #expect(ticks.last == "100")
    }

    /// A count's interval stops at 0 (a depth cannot be negative); a relative difference's
    /// does not.
    @Test func countIntervalsStopAtZero() {
        func lows(_ metric: String) -> [Double?] {
            let chart = SweepPage.Chart(metric: metric, kind: .count,
                                        series: [.init(name: "d", values: [.init(mean: 3, halfWidth: 5), .init(mean: 8, halfWidth: 2)])])
            let page = SweepPage(title: "t", summary: "s", notes: [], parameter: "consumers.w.instances", parameterValues: ["3", "4"],
                                 positions: .init(values: [3, 4], unit: ""), headers: [], rows: [], charts: [chart], replications: 3)
            return page.lineChart(chart, index: 0).series[0].points.map(\.low)
        }
        #expect(lows("brokers.q.depth.max") == [0, 6])
        #expect(lows("brokers.q.littlesLaw.relativeDifference") == [-2, 6])
    }

    /// A long series keeps a marker-free line (downsampled, every peak kept) and its interval
    /// as two thin lines instead of thousands of error bars.
    @Test func longSeriesAreDownsampledAndShowTheirIntervalAsABand() {
        var points = (0..<10_000).map { Point(x: Double($0), y: 10, low: 9, high: 11) }
        points[4321].y = 500
        let svg = SVGLineChart(id: "t", title: "t", parameterLabel: "x", valueLabel: "v",
                               axis: .numeric(format: { SVGLineChart.numberText($0) }),
                               series: [.init(name: "x", points: points)], valueFormat: { SVGLineChart.numberText($0) }).render()
        #expect(!svg.contains("<circle"))
        #expect(svg.matches(of: /<path class="interval band c0"/).count == 2)
        let line = try? #require(svg.firstMatch(of: /<path class="series c0" d="([^"]+)"/)).1
        let vertices = line?.filter { $0 == "L" }.count ?? 0
        #expect(vertices > 100 && vertices < 4 * 620)
        // The spike reaches the top tick (500): its y is the plot's top (no legend: 44 px down).
        #expect(line?.contains(" 44.0L") == true)
    }

    @Test func tickAndPointNumbersAreShortAndLocaleFree() {
        #expect(SVGLineChart.numberText(1500) == "1,500")
        #expect(SVGLineChart.numberText(0.6000000000000001) == "0.6")
        #expect(SVGLineChart.numberText(12.345678) == "12.35")
        #expect(SVGLineChart.numberText(0.00012) == "0.00012")
        #expect(SVGChart.niceTicks(from: 50, to: 200, count: 8) == [40, 60, 80, 100, 120, 140, 160, 180, 200])
        #expect(SVGChart.niceTicks(from: 7, to: 7) == [0, 2, 4, 6, 8])
        #expect(SVGChart.niceTicks(from: -3, to: 4) == [-4, -2, 0, 2, 4])
    }
}
