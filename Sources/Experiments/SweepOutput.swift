import Foundation
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

    public init(scenario: String, axes: [SweepAxis], metrics: [String], seeds: [UInt64], format: ExperimentFormat) {
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
    func estimates(_ items: [ReportFields]) -> [[Estimate?]] {
        let replications = seeds.count
        return points.indices.map { point in
            let runs = items[(point * replications)..<((point + 1) * replications)]
            return metrics.map { metric in
                let values = runs.compactMap { $0[metric] }
                return values.isEmpty ? nil : Estimate(values)
            }
        }
    }

    /// The output for `items` (fields of every run, point-major).
    public func render(_ items: [ReportFields]) throws -> String {
        precondition(items.count == points.count * seeds.count)
        let table = estimates(items)
        switch format {
        case .json: return try json(table)
        case .csv: return csv(table)
        case .text: return text(table)
        case .markdown: return markdown(table)
        }
    }

    struct PointJSON: Encodable {
        var set: [String: String]
        var metrics: [String: ReplicationOutput.FieldJSON]
    }

    struct DocumentJSON: Encodable {
        var scenario: String
        var replications: Int
        var seeds: [UInt64]
        var parameters: [String]
        var metrics: [String]
        var points: [PointJSON]
    }

    func json(_ table: [[Estimate?]]) throws -> String {
        let points = zip(self.points, table).map { values, row in
            var metricsJSON: [String: ReplicationOutput.FieldJSON] = [:]
            for (metric, estimate) in zip(metrics, row) {
                guard let e = estimate else { continue }
                metricsJSON[metric] = .init(mean: e.mean, halfWidth: e.halfWidth, min: e.min, max: e.max,
                                            count: e.count == seeds.count ? nil : e.count)
            }
            return PointJSON(set: Dictionary(uniqueKeysWithValues: zip(axes.map(\.path), values)), metrics: metricsJSON)
        }
        return try ReplicationOutput.encode(DocumentJSON(scenario: scenario, replications: seeds.count, seeds: seeds,
                                                         parameters: axes.map(\.path), metrics: metrics, points: points))
    }

    /// One row per point: the parameters, then each metric's mean (and `halfWidth` column with
    /// replications).
    func csv(_ table: [[Estimate?]]) -> String {
        func quoted(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        var header = axes.map { quoted($0.path) }
        for metric in metrics {
            header.append(metric)
            if seeds.count > 1 { header.append(metric + " halfWidth") }
        }
        var out = header.joined(separator: ",") + "\n"
        for (values, row) in zip(points, table) {
            var cells = values.map(quoted)
            for estimate in row {
                cells.append(estimate.map { "\($0.mean)" } ?? "")
                if seeds.count > 1 { cells.append(estimate?.halfWidth.map { "\($0)" } ?? "") }
            }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Short column titles: the last two parts of a path (`endToEnd.p99`, `workers.instances`).
    static func title(_ path: String) -> String {
        let parts = path.split(separator: ".")
        return parts.suffix(2).joined(separator: ".")
    }

    func cells(_ table: [[Estimate?]]) -> [[String]] {
        zip(points, table).map { values, row in
            values + zip(metrics, row).map { metric, estimate in estimate.map { IntervalText.text($0, path: metric) } ?? "–" }
        }
    }

    var header: String {
        let runs = seeds.count == 1 ? "1 run per point (seed \(seeds[0]))"
            : "\(seeds.count) replications per point (mean ± 95% half-width, Student t)"
        return "sweep of \(scenario): \(points.count) point\(points.count == 1 ? "" : "s"), \(runs)"
    }

    func text(_ table: [[Estimate?]]) -> String {
        let titles = axes.map { Self.title($0.path) } + metrics.map(Self.title)
        let rows = cells(table)
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
        return lines.joined(separator: "\n") + "\n"
    }

    func markdown(_ table: [[Estimate?]]) -> String {
        var lines = ["# Sweep of \(scenario)", "", header.prefix(1).uppercased() + header.dropFirst() + ".", ""]
        lines.append("| " + (axes.map { "`\($0.path)`" } + metrics.map { "`\($0)`" }).joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: axes.count + metrics.count))
        for row in cells(table) { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n") + "\n"
    }
}
