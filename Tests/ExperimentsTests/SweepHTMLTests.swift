import Expectations
import Foundation
import Testing
@testable import Experiments

/// `mqlab sweep --format html`: one chart per metric against the first parameter, one line per
/// value of the second, error bars from the replications; escaped, self-contained and the same
/// bytes every time. Built from fixed figures, so every point and bar is known.
@Suite struct SweepHTMLTests {
    /// Fields of every run, point-major: `value(point, replication, metric)`.
    static func items(points: Int, replications: Int, metrics: [String],
                      value: (Int, Int, Int) -> Double?) -> [NumericFields] {
        (0..<points).flatMap { point in
            (0..<replications).map { replication in
                NumericFields(values: metrics.indices.compactMap { m in value(point, replication, m).map { (ReportPath(metrics[m]), $0) } })
            }
        }
    }

    /// The `<svg>` elements of `html`.
    static func charts(_ html: String) -> [Substring] {
        html.matches(of: /<svg[^>]*>.*?<\/svg>/).map(\.output)
    }

    static let axes = [SweepAxis(path: "consumers.workers.instances", values: ["1", "2", "4"]),
                       SweepAxis(path: "producers.web.arrivals.poisson.rate", values: ["50", "100"])]
    static let metrics = ["throughput.ackedPerSecond", "latency.endToEnd.p99", "brokers.jobs.depth.max"]

    @Test func oneChartPerMetricOneLinePerSecondValueWithErrorBars() throws {
        let output = SweepOutput(scenario: "task <queue> & \"co\"", axes: Self.axes, metrics: Self.metrics, seeds: [1, 2, 3], format: .html)
        // Point p = 2 × instances index + rate index; 3 replications spread ±1 around 10 × (p + 1).
        let items = Self.items(points: 6, replications: 3, metrics: Self.metrics) { point, replication, _ in
            Double(10 * (point + 1) + replication - 1)
        }
        let html = try output.render(items)
        #expect(try output.render(items) == html)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href=") && !html.contains("url("))
        #expect(html.contains("<h1>Sweep of task &lt;queue&gt; &amp; &quot;co&quot;</h1>") && !html.contains("<queue>"))
        // The table: one row per point, the parameters then each metric with its interval.
        #expect(html.matches(of: /<tr><td>/).count == 6)
        #expect(html.contains("<tr><td>1</td><td>50</td><td>10.0 ± 2.5/s</td>"))

        let charts = Self.charts(html)
        #expect(charts.count == Self.metrics.count)
        for (index, chart) in charts.enumerated() {
            #expect(chart.contains("data-chart=\"sweep-\(index + 1)\""))
            #expect(chart.contains("\(Self.metrics[index]) by consumers.workers.instances · mean and 95% interval of 3 runs"))
            // One line per rate, through one point per instance count, each with an error bar.
            let lines = chart.matches(of: /<path class="series (c\d)" d="([^"]+)"><title>([^<]+)</).map { ($0.1, $0.3, $0.2.filter { $0 == "M" || $0 == "L" }.count) }
            #expect(lines.map(\.0) == ["c0", "c1"])
            #expect(lines.map(\.1) == ["poisson.rate=50", "poisson.rate=100"])
            #expect(lines.map(\.2) == [3, 3])
            #expect(chart.matches(of: /<circle class="point/).count == 6)
            #expect(chart.matches(of: /<path class="interval c\d"/).count == 6)
            #expect(chart.contains(">consumers.workers.instances</text>"))
        }
        // Units on the value axes: a rate, a duration (seconds: 10 … 60, under two decades), a count.
        #expect(charts[0].contains(">throughput.ackedPerSecond [per second]</text>"))
        #expect(charts[1].contains(">latency.endToEnd.p99 [s]</text>"))
        #expect(charts[2].contains(">brokers.jobs.depth.max [count]</text>"))
        // The parameter axis is numeric: 1, 2 and 4 at their values on a 1 … 4 axis (860 px plot).
        let cx = charts[0].matches(of: /<circle class="point c0" cx="([0-9.]+)"/).map { String($0.1) }
        #expect(cx == ["76.0", "362.7", "936.0"])
        // The error bar of the first point spans mean ± t(0.975, 2) × 1/√3 = 10 ± 2.484.
        let estimate = Estimate([9, 10, 11])
        #expect(abs(try #require(estimate.halfWidth) - 2.4841) < 1e-4)
    }

    /// One replication draws no intervals; a metric no run has gets no chart but a note;
    /// words as values are categories; one parameter draws one line named after the metric.
    @Test func categoriesSingleRunsAndMissingMetrics() throws {
        let axes = [SweepAxis(path: "brokers.events.exchangeType", values: ["fanout", "topic", "<direct>"])]
        let metrics = ["throughput.ackedPerSecond", "brokers.nosuch.depth.max"]
        let output = SweepOutput(scenario: "s", axes: axes, metrics: metrics, seeds: [42], format: .html)
        let items = Self.items(points: 3, replications: 1, metrics: metrics) { point, _, metric in
            metric == 0 ? Double(point + 1) : nil
        }
        let html = try output.render(items)
        let charts = Self.charts(html)
        #expect(charts.count == 1)
        #expect(html.contains("<p>No run&#39;s report has brokers.nosuch.depth.max: no chart.</p>"))
        let chart = try #require(charts.first)
        #expect(!chart.contains("<path class=\"interval") && !chart.contains("mean and 95% interval"))
        #expect(chart.matches(of: /<circle class="point c0"/).count == 3)
        #expect(chart.contains("<title>throughput.ackedPerSecond</title>"))
        for label in ["fanout", "topic", "&lt;direct&gt;"] { #expect(chart.contains(">\(label)</text>")) }
    }

    /// A parameter with one value is neither the axis nor a line: it is named once. Each
    /// point's figure lands on its own line and position (the figure is the point's index).
    @Test func parametersWithOneValueAreNamedNotDrawn() throws {
        let axes = [SweepAxis(path: "warmup", values: ["1s"]), SweepAxis(path: "consumers.workers.instances", values: ["1", "2", "3"]),
                    SweepAxis(path: "producers.web.arrivals.poisson.rate", values: ["50", "100"])]
        let output = SweepOutput(scenario: "s", axes: axes, metrics: ["brokers.jobs.depth.max"], seeds: [7], format: .html)
        let html = try output.render(Self.items(points: 6, replications: 1, metrics: ["brokers.jobs.depth.max"]) { point, _, _ in Double(point) })
        #expect(html.contains("<p>Set at every point: warmup=1s.</p>"))
        #expect(html.contains("by consumers.workers.instances</text>"))
        let points = html.matches(of: /<circle class="point (c\d)"[^>]*><title>([^<]+)</).map { "\($0.1) \($0.2)" }
        #expect(points == ["c0 poisson.rate=50: 0", "c0 poisson.rate=50: 2", "c0 poisson.rate=50: 4",
                           "c1 poisson.rate=100: 1", "c1 poisson.rate=100: 3", "c1 poisson.rate=100: 5"])
    }

    /// Values in one unit stay in it; durations in several become seconds; words or numbers
    /// mixed with durations are categories.
    @Test func parameterValuesBecomeAxisPositions() {
        let ms = SweepOutput.positions(["10ms", "20ms", "50ms"])
        #expect(ms?.values == [10, 20, 50] && ms?.unit == "ms")
        let mixed = SweepOutput.positions(["500ms", "2s", "1m"])
        #expect(mixed?.values == [0.5, 2, 60] && mixed?.unit == "s")
        #expect(SweepOutput.positions(["1", "2.5"])?.values == [1, 2.5])
        #expect(SweepOutput.positions(["fanout", "topic"]) == nil)
        #expect(SweepOutput.positions(["1", "2ms"]) == nil)
    }

    /// Only a sweep has a page of charts: the other outputs refuse html instead of printing
    /// something else.
    @Test func otherExperimentOutputsRefuseHTML() {
        let replications = ReplicationOutput(scenario: "s", seeds: [1, 2], format: .html)
        #expect(throws: ExperimentFormat.Unavailable.self) { try replications.render([NumericFields(values: []), NumericFields(values: [])]) }
    }
}
