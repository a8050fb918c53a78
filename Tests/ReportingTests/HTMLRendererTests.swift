import Foundation
import Testing
@testable import Reporting
import SimulationKernel

/// The downsampler keeps every column's extremes; the HTML page is self-contained, escaped,
/// deterministic and carries the charts its report has data for.
@Suite struct HTMLRendererTests {
    typealias Point = SeriesDownsampler.Point

    /// A long series (noise with one-sample spikes up and down) reduced to 100 columns keeps,
    /// for every column, exactly the input's min and max there, in order, as a subsequence.
    @Test func downsamplingKeepsTheExtremesOfEveryColumn() {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var points = (0..<100_000).map { Point(x: Double($0) * 0.01, y: 10 + next()) }
        points[31_337].y = 500      // a spike one sample wide
        points[77_777].y = -40      // and a dip
        let columns = 100
        let reduced = SeriesDownsampler.downsample(points, columns: columns)
        #expect(reduced.count <= 4 * columns)
        #expect(reduced.count >= 2 * columns)
        #expect(reduced.first == points.first && reduced.last == points.last)
        #expect(reduced.contains(Point(x: 313.37, y: 500)))
        #expect(reduced.contains(Point(x: 777.77, y: -40)))
        // A subsequence: x never goes back, and every kept point is an input point.
        #expect(zip(reduced, reduced.dropFirst()).allSatisfy { $0.x <= $1.x })
        let span = points.last!.x - points.first!.x
        func column(_ p: Point) -> Int { min(columns - 1, Int((p.x - points[0].x) / span * Double(columns))) }
        var inputMin = [Double](repeating: .infinity, count: columns), inputMax = [Double](repeating: -.infinity, count: columns)
        for p in points { inputMin[column(p)] = min(inputMin[column(p)], p.y); inputMax[column(p)] = max(inputMax[column(p)], p.y) }
        var keptMin = [Double](repeating: .infinity, count: columns), keptMax = [Double](repeating: -.infinity, count: columns)
        for p in reduced { keptMin[column(p)] = min(keptMin[column(p)], p.y); keptMax[column(p)] = max(keptMax[column(p)], p.y) }
        #expect(keptMin == inputMin)
        #expect(keptMax == inputMax)
        // Keeping every 1,000th point instead would have lost both the spike and the dip.
        let everyNth = stride(from: 0, to: points.count, by: 1000).map { points[$0] }
        #expect(everyNth.map(\.y).max()! < 500 && everyNth.map(\.y).min()! > -40)
    }

    @Test func shortSeriesAndFlatTimeAreLeftAlone() {
        let short = (0..<40).map { Point(x: Double($0), y: Double($0 % 7)) }
        #expect(SeriesDownsampler.downsample(short, columns: 10) == short)
        let sameTime = (0..<100).map { Point(x: 5, y: Double($0)) }
        #expect(SeriesDownsampler.downsample(sameTime, columns: 10) == sameTime)
        #expect(SeriesDownsampler.downsample([], columns: 10) == [])
    }

    @Test func niceTicksCoverTheMaximumInRoundSteps() {
        #expect(SVGChart.niceTicks(upTo: 28) == [0, 10, 20, 30])
        #expect(SVGChart.niceTicks(upTo: 28, count: 8) == [0, 5, 10, 15, 20, 25, 30])
        #expect(SVGChart.niceTicks(upTo: 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(SVGChart.niceTicks(upTo: 0) == [0, 1])
        #expect(SVGChart.tickText(1500, step: 500) == "1,500")
        #expect(SVGChart.tickText(0.25, step: 0.05) == "0.25")
        #expect(SVGChart.number(-0.01) == "0.0")
    }

    /// A value on the log axis sits at its decade's share of the plot height: 1 ms, 10 ms and
    /// 100 ms bars on a 0.1 ms … 100 ms axis (a decade below the smallest) rise 1/3, 2/3 and
    /// all of the way.
    @Test func logarithmicBarsRiseByDecades() throws {
        let svg = SVGBarChart(id: "t", title: "t", valueLabel: "v", categories: ["a"],
                              series: [.init(name: "x", values: [0.001]), .init(name: "y", values: [0.01]), .init(name: "z", values: [0.1])],
                              scale: .logarithmic(format: { Formatting.duration($0) })).render()
        let heights = try svg.matches(of: /<rect class="bar c\d"[^>]* height="([0-9.]+)"/).map { try #require(Double(String($0.1))) }
        #expect(heights.count == 3)
        #expect(abs(heights[0] - heights[2] / 3) < 0.1)
        #expect(abs(heights[1] - heights[2] * 2 / 3) < 0.1)
        #expect(svg.contains(">100 µs<") && svg.contains(">1.00 ms<") && svg.contains(">10.0 ms<") && svg.contains(">100 ms<"))
    }

    @Test func scenarioStringsAreEscapedAndNothingIsFetched() throws {
        var report = try RendererConsistencyTests.report("task-queue")
        report.scenario = "<script>alert(\"x\")</script>"
        report.description = "a & b <img src=x onerror=alert(1)> 'quoted'"
        let html = try HTMLRenderer().render([report])
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("a &amp; b &lt;img src=x onerror=alert(1)&gt; &#39;quoted&#39;"))
        // Self-contained: the only URL is the SVG namespace name, which is never fetched.
        let urls = html.matches(of: /https?:\/\/[^"\s<]*/).map { String($0.0) }
        #expect(Set(urls) == ["http://www.w3.org/2000/svg"])
        for fetch in ["src=\"", "href=", "url(", "@import", "<link", "@font-face"] { #expect(!html.contains(fetch), "\(fetch)") }
        #expect(html.contains("prefers-color-scheme:dark") && html.contains("@media print"))
    }

    /// Every chart a bundled report has data for is present, draws data, and the bytes are the
    /// same on a second rendering.
    @Test(arguments: ["task-queue", "autoscaling", "circuit-breaker", "kafka-consumer-group", "dead-letter-exchange"])
    func chartsArePresentDrawnAndDeterministic(scenario: String) throws {
        let report = try RendererConsistencyTests.report(scenario)
        let html = try HTMLRenderer().render([report])
        #expect(html == (try HTMLRenderer().render([report])))
        var expected = ["latency", "utilization"]
        if report.brokers.values.contains(where: { !$0.depthSeries.max.isEmpty }) { expected.append("depth") }
        if report.brokers.values.contains(where: { !($0.groups ?? [:]).isEmpty }) { expected.append("lag") }
        if report.consumers.values.contains(where: { $0.autoscaling != nil }) { expected.append("instances") }
        if report.consumers.values.contains(where: { $0.circuitBreaker != nil }) { expected.append("breaker") }
        for id in expected {
            let start = try #require(html.range(of: "data-chart=\"\(id)\""), "\(scenario): no \(id) chart")
            let chart = html[start.lowerBound...].prefix { _ in true }
            let body = chart[..<(chart.range(of: "</svg>")?.lowerBound ?? chart.endIndex)]
            #expect(body.contains("<path class=\"series") || body.contains("<rect class=\"bar"), "\(scenario): \(id) chart draws no data")
        }
        // Each broker with a depth series is a line of the depth chart, DLQs included.
        for (name, broker) in report.brokers where !broker.depthSeries.max.isEmpty {
            #expect(html.contains("<title>\(SVGChart.escape(name))</title></path>"), "\(scenario): \(name) missing from depth chart")
        }
    }
}

extension HTMLRendererTests {
    /// Gaps (NaN) never hide a column's extremes, and a chart breaks its line at them.
    @Test func gapsKeepExtremesAndBreakTheLine() {
        var points: [SeriesDownsampler.Point] = []
        for k in 0..<1000 {
            let y: Double = k % 3 == 0 ? .nan : Double(k % 17)
            points.append(SeriesDownsampler.Point(x: Double(k), y: y))
        }
        points[500].y = 99
        let reduced = SeriesDownsampler.downsample(points, columns: 10)
        #expect(reduced.contains(SeriesDownsampler.Point(x: 500, y: 99)))
        let values: [Double] = reduced.map { $0.y }.filter { !$0.isNaN }
        #expect(values.min() == 0 && values.count > 20)
        let chart = SVGTimeChart(id: "g", title: "g", valueLabel: "v",
                                 series: [.init(name: "a", points: [.init(x: 0, y: 1), .init(x: 1, y: .nan), .init(x: 2, y: 3)], end: 3)]).render()
        let path = chart.firstMatch(of: /<path class="series c0" d="([^"]*)"/)?.1 ?? ""
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(!chart.contains("nan"))
    }

    /// Coarse per-interval percentiles: within 6.25% of the exact value, by interval.
    @Test func windowedPercentilesAreWithinTheirBucket() throws {
        var h = WindowedHistogram(bucket: SimDuration(seconds: 1), capacity: 8)
        for k in 1...1000 { h.record(SimDuration(nanoseconds: Int64(k) * 1_000_000), at: SimTime.zero + SimDuration(seconds: 0.5)) }
        h.record(SimDuration(seconds: 2), at: SimTime.zero + SimDuration(seconds: 2.5))
        h.extend(to: SimTime.zero + SimDuration(seconds: 3))
        #expect(h.count == 4)
        let p50 = try #require(h.percentile(0.5, in: 0)), p99 = try #require(h.percentile(0.99, in: 0))
        #expect(abs(p50 - 0.5) / 0.5 <= 0.0625 && abs(p99 - 0.99) / 0.99 <= 0.0625)
        #expect(h.percentile(0.5, in: 1) == nil)
        #expect(abs(try #require(h.percentile(0.5, in: 2)) - 2) / 2 <= 0.0625)
        // Past its capacity the intervals merge: 8 s → 4 intervals of 2 s … then wider.
        h.record(SimDuration(seconds: 1), at: SimTime.zero + SimDuration(seconds: 20))
        #expect(h.bucketSeconds == 4 && h.observations(in: 0) == 1001)
    }
}

extension HTMLRendererTests {
    /// The chart the README shows, `Reports/task-queue-depth.svg`, is the depth chart of the
    /// committed task-queue report as a standalone SVG (its style sheet inside). Regenerate
    /// it with `MQLAB_UPDATE_README_CHART=1 swift test --filter readmeChart` after `Reports/`.
    @Test func readmeChartIsTheTaskQueueDepthChart() throws {
        let root = RendererConsistencyTests.scenarios.deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Reports/task-queue/report.json"))
        let report = try JSONDecoder().decode(Report.self, from: data)
        let chart = SVGChart.standalone(try #require(HTMLRenderer.depthCharts(report).first)) + "\n"
        let file = root.appendingPathComponent("Reports/task-queue-depth.svg")
        if ProcessInfo.processInfo.environment["MQLAB_UPDATE_README_CHART"] == "1" {
            try Data(chart.utf8).write(to: file)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == chart, "Reports/task-queue-depth.svg is stale: regenerate it (see this test)")
        #expect(chart.hasPrefix("<?xml") && chart.contains("<style>") && chart.contains("prefers-color-scheme:dark"))
    }
}
