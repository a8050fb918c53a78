import Expectations
import Foundation
import Reporting
import ScenarioFormat

/// What `mqlab sweep` prints: for every point of the cross product, the chosen metrics (mean
/// and 95% half-width over the replications). Every input the output depends on is here, so
/// a merge of shards renders the same bytes.
///
/// JSON shape (keys sorted):
/// ```json
/// {"scenario": "task-queue", "replications": 3, "seeds": [42, …],
///  "parameters": ["consumers.workers.instances"], "metrics": ["throughput.ackedPerSecond", …],
///  "points": [{"set": {"consumers.workers.instances": "3"},
///              "metrics": {"throughput.ackedPerSecond": {"mean": 79.9, "halfWidth": 0.2, "min": 79.7, "max": 80.1}}}, …]}
/// ```
/// A metric a point's reports do not have is absent from that point (`null` in CSV cells:
/// empty); `halfWidth` is absent with one replication.
public struct SweepOutput: Sendable, Equatable, Codable {
    public var scenario: String
    public var axes: [SweepAxis]
    public var metrics: [String]
    public var seeds: [UInt64]
    public var format: ExperimentFormat
    /// The scenario's `expect` items as written (`latency.endToEnd.p99 < 500ms`), judged at
    /// each point on the means of its replications; empty when the scenario has none.
    public var expect: [String]
    /// The names of the scenario's brokers, producers and consumers, so a column title keeps a
    /// name that contains dots whole (`eu.orders.instances`, not `orders.instances`); nil (as
    /// in partial results written before it existed) splits titles at every dot.
    public var names: [String]?

    public init(scenario: String, axes: [SweepAxis], metrics: [String], seeds: [UInt64], format: ExperimentFormat,
                expect: [String] = [], names: [String]? = nil) {
        self.expect = expect
        self.names = names
        self.scenario = scenario
        self.axes = axes
        self.metrics = metrics
        self.seeds = seeds
        self.format = format
    }

    /// The default metrics of `scenario`: acked throughput, end-to-end p50 and p99, each
    /// queue's maximum depth and each consumer's utilization.
    public static func defaultMetrics(_ scenario: Scenario) -> [String] {
        ["throughput.ackedPerSecond", "latency.endToEnd.p50", "latency.endToEnd.p99"]
            + scenario.model.queues.map { "brokers.\($0.name).depth.max" }
            + scenario.model.consumers.map { "consumers.\($0.name).utilization" }
    }

    public var points: [[String]] { SweepAxis.points(axes) }

    /// Estimates of each metric at each point, from the items' fields in item order
    /// (point-major, `seeds.count` replications per point).
    func estimates(_ items: [NumericFields]) -> [[Estimate?]] {
        let replications = seeds.count
        return points.indices.map { point in
            let runs = items[(point * replications)..<((point + 1) * replications)]
            return metrics.map { metric in
                let path = ReportPath(metric)
                let values = runs.compactMap { $0[path] }
                return values.isEmpty ? nil : Estimate(values)
            }
        }
    }

    /// At each point, how many `expect` items its means miss (nil without `expect`).
    func misses(_ items: [NumericFields]) -> [Int]? {
        guard !expect.isEmpty,
              let list = try? JSONSerialization.data(withJSONObject: expect),
              let expectations = try? Scenario.readExpectations(list, file: "expect") else { return nil }
        let requirements = CapacityRequirements(expectations)
        let replications = seeds.count
        return points.indices.map { point in
            let summary = ReplicationSummary(Array(items[(point * replications)..<((point + 1) * replications)]))
            return expectations.filter { !requirements.holds($0, in: summary) }.count
        }
    }

    /// A point's `expect` verdict for people: "met", or "2 of 3 not met".
    func verdict(_ missed: Int) -> String {
        missed == 0 ? "met" : "\(missed) of \(expect.count) not met"
    }

    /// The output for `items` (fields of every run, point-major).
    public func render(_ items: [NumericFields]) throws -> String {
        precondition(items.count == points.count * seeds.count)
        let table = estimates(items)
        let missed = misses(items)
        switch format {
        case .json: return try json(table, missed: missed)
        case .csv: return csv(table, missed: missed)
        case .text: return text(table, missed: missed)
        case .markdown: return markdown(table, missed: missed)
        case .html: return html(table, missed: missed)
        }
    }

    struct PointJSON: Encodable {
        var set: [String: String]
        var metrics: [String: ReplicationOutput.FieldJSON]
        /// Whether the means meet every `expect` item (absent without `expect`).
        var expectMet: Bool?
    }

    struct DocumentJSON: Encodable {
        var scenario: String
        var replications: Int
        var seeds: [UInt64]
        var parameters: [String]
        var metrics: [String]
        var expect: [String]?
        var points: [PointJSON]
    }

    func json(_ table: [[Estimate?]], missed: [Int]?) throws -> String {
        let points = zip(self.points, table).enumerated().map { index, pair in
            let (values, row) = pair
            var metricsJSON: [String: ReplicationOutput.FieldJSON] = [:]
            for (metric, estimate) in zip(metrics, row) {
                guard let e = estimate else { continue }
                metricsJSON[metric] = .init(mean: e.mean, halfWidth: e.halfWidth, min: e.min, max: e.max,
                                            count: e.count == seeds.count ? nil : e.count)
            }
            return PointJSON(set: Dictionary(uniqueKeysWithValues: zip(axes.map(\.path), values)), metrics: metricsJSON,
                             expectMet: missed.map { $0[index] == 0 })
        }
        return try ReplicationOutput.encode(DocumentJSON(scenario: scenario, replications: seeds.count, seeds: seeds,
                                                         parameters: axes.map(\.path), metrics: metrics,
                                                         expect: expect.isEmpty ? nil : expect, points: points))
    }

    /// One row per point: the parameters, then each metric's mean (and `halfWidth` column with
    /// replications).
    func csv(_ table: [[Estimate?]], missed: [Int]?) -> String {
        func quoted(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        var header = axes.map { quoted($0.path) }
        for metric in metrics {
            header.append(metric)
            if seeds.count > 1 { header.append(metric + " halfWidth") }
        }
        if missed != nil { header.append("expectMet") }
        var out = header.joined(separator: ",") + "\n"
        for (index, (values, row)) in zip(points, table).enumerated() {
            var cells = values.map(quoted)
            for estimate in row {
                cells.append(estimate.map { "\($0.mean)" } ?? "")
                if seeds.count > 1 { cells.append(estimate?.halfWidth.map { "\($0)" } ?? "") }
            }
            if let missed { cells.append(missed[index] == 0 ? "true" : "false") }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Short column titles: the last two parts of a path (`endToEnd.p99`, `workers.instances`),
    /// where the name of a broker, producer or consumer after the first part is one part, dots
    /// and all (`eu.workers.instances` for `consumers.eu.workers.instances`).
    func title(_ path: String) -> String {
        Self.title(path, names: names ?? [])
    }

    static func title(_ path: String, names: [String]) -> String {
        var parts: [Substring] = []
        var rest = Substring(path)
        while !rest.isEmpty {
            let name = parts.count == 1 ? ReportPath.longestName(names, startingAt: rest).map { Substring($0) } : nil
            let part = name ?? rest.prefix { $0 != "." }
            parts.append(part)
            rest = rest.dropFirst(part.count)
            if rest.first == "." { rest = rest.dropFirst() }
        }
        return parts.suffix(2).joined(separator: ".")
    }

    func cells(_ table: [[Estimate?]], missed: [Int]?) -> [[String]] {
        zip(points, table).enumerated().map { index, pair in
            pair.0 + zip(metrics, pair.1).map { metric, estimate in estimate.map { IntervalText.text($0, path: metric) } ?? "–" }
                + (missed.map { [verdict($0[index])] } ?? [])
        }
    }

    var header: String {
        let runs = seeds.count == 1 ? "1 run per point (seed \(seeds[0]))"
            : "\(seeds.count) replications per point (mean ± 95% half-width, Student t)"
        return "sweep of \(scenario): \(points.count) point\(points.count == 1 ? "" : "s"), \(runs)"
    }

    func text(_ table: [[Estimate?]], missed: [Int]?) -> String {
        let titles = axes.map { title($0.path) } + metrics.map { title($0) } + (missed == nil ? [] : ["expect"])
        let rows = cells(table, missed: missed)
        let widths = titles.indices.map { column in max(titles[column].count, rows.map { $0[column].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = [header, ""]
        lines.append(line(titles))
        lines += rows.map(line)
        lines.append("")
        lines.append("columns: " + (axes.map(\.path) + metrics).joined(separator: ", "))
        if missed != nil { lines.append("expect (on the means): " + expect.joined(separator: " · ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A page with the table and one chart per metric against the first parameter that takes
    /// more than one value: one line per combination of the other varying parameters' values,
    /// error bars with replications (`SweepPage`). Parameters with one value are named in a
    /// note; a metric no point has gets no chart, and a note names it.
    func html(_ table: [[Estimate?]], missed: [Int]?) -> String {
        let varying = axes.indices.filter { axes[$0].values.count > 1 }
        let across = varying.first ?? 0
        let others = varying.filter { $0 != across }
        // The index of a point in `points` (last axis fastest) from each axis's value index.
        let strides = axes.indices.map { k in axes[(k + 1)...].reduce(1) { $0 * $1.values.count } }
        let combinations = SweepAxis.points(others.map { axes[$0] })
        let lineIndices: [[Int]] = others.isEmpty ? [[]] : others.reduce([[]]) { partial, k in
            partial.flatMap { prefix in axes[k].values.indices.map { prefix + [$0] } }
        }
        let charts = metrics.indices.compactMap { column -> SweepPage.Chart? in
            guard table.contains(where: { $0[column] != nil }) else { return nil }
            let series = zip(combinations, lineIndices).map { values, indices in
                SweepPage.Series(
                    name: others.isEmpty ? metrics[column] : zip(others, values).map { "\(title(axes[$0].path))=\($1)" }.joined(separator: ", "),
                    values: axes[across].values.indices.map { x in
                        let point = x * strides[across] + zip(others, indices).reduce(0) { $0 + $1.1 * strides[$1.0] }
                        return table[point][column].map { SweepPage.Estimate(mean: $0.mean, halfWidth: $0.halfWidth) }
                    })
            }
            return SweepPage.Chart(metric: metrics[column], kind: MetricKind(path: ReportPath(metrics[column])), series: series)
        }
        var notes: [String] = []
        if missed != nil { notes.append("Expect, judged on the means: " + expect.joined(separator: " · ") + ".") }
        let fixed = axes.indices.filter { axes[$0].values.count == 1 && ($0 != across || !varying.isEmpty) }
        if !fixed.isEmpty { notes.append("Set at every point: " + fixed.map { "\(axes[$0].path)=\(axes[$0].values[0])" }.joined(separator: ", ") + ".") }
        let absent = metrics.indices.filter { column in !table.contains { $0[column] != nil } }.map { metrics[$0] }
        if !absent.isEmpty { notes.append("No run's report has " + absent.joined(separator: ", ") + ": no chart.") }
        if !others.isEmpty {
            notes.append("Charts put \(axes[across].path) across and draw one line per value of " + others.map { axes[$0].path }.joined(separator: " × ") + ".")
        }
        return SweepPage(
            title: "Sweep of \(scenario)", summary: header, notes: notes, parameter: axes[across].path, parameterValues: axes[across].values,
            positions: Self.positions(axes[across].values), headers: axes.map(\.path) + metrics + (missed == nil ? [] : ["expect"]),
            rows: cells(table, missed: missed), charts: charts, replications: seeds.count).render()
    }

    /// Seconds in one of each duration unit a sweep value may carry.
    static let secondsPerUnit: [String: Double] = ["ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600, "d": 86400]

    /// `values` as numbers for a chart axis: in their unit when they share one (`10ms,40ms`
    /// in ms), in seconds when they are durations in several (`500ms,2s`); nil when any is
    /// not a number (`fanout,topic`) or numbers with and without a unit are mixed.
    static func positions(_ values: [String]) -> SweepPage.Positions? {
        let quantities = values.compactMap(SweepAxis.quantity)
        guard quantities.count == values.count, let unit = quantities.first?.unit else { return nil }
        if quantities.allSatisfy({ $0.unit == unit }) { return SweepPage.Positions(values: quantities.map(\.value), unit: unit) }
        let seconds = quantities.compactMap { q in secondsPerUnit[q.unit].map { q.value * $0 } }
        return seconds.count == values.count ? SweepPage.Positions(values: seconds, unit: "s") : nil
    }

    func markdown(_ table: [[Estimate?]], missed: [Int]?) -> String {
        var lines = ["# Sweep of \(scenario)", "", header.prefix(1).uppercased() + header.dropFirst() + ".", ""]
        if missed != nil { lines += ["Expect, judged on the means: " + expect.map { "`\($0)`" }.joined(separator: ", ") + ".", ""] }
        let expectTitle = missed == nil ? [] : ["expect"]
        lines.append("| " + (axes.map { "`\($0.path)`" } + metrics.map { "`\($0)`" } + expectTitle).joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: axes.count + metrics.count + expectTitle.count))
        for row in cells(table, missed: missed) { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n") + "\n"
    }
}
