import Foundation

/// The report's time series as long-format CSV, `time,metric,entity,value`, one row per
/// point, for pandas and spreadsheets (`mqlab run --series csv`, `series.csv` under `--out`).
///
/// Metrics: `publishedPerSecond` and `ackedPerSecond` (entity `all`; publishes or acks in the
/// interval starting at `time`, divided by its length), `endToEndP50` and `endToEndP99`
/// (entity `all`; end-to-end latency [s] of the measured messages finished in the interval,
/// within 6.25%; no row for an interval without one), `depthMax` (entity: the queue; the
/// largest depth in the interval starting at `time`), `lag` (entity `stream/group`; total lag
/// at `time`), `instances` (entity: the consumer; running instances from `time` on) and
/// `breakerState` (entity: the consumer; 0 closed, 1 half-open, 2 open from `time` on).
/// `time` is in seconds from the start of the run. With several reports the entity is
/// prefixed with the scenario name (`task-queue/jobs`).
public struct SeriesCSVRenderer: ReportRenderer {
    public init() {}
    public var fileExtension: String { "csv" }

    public func render(_ reports: [Report]) throws -> String {
        var out = "time,metric,entity,value\n"
        for report in reports {
            let prefix = reports.count > 1 ? report.scenario + "/" : ""
            for row in Self.rows(report) {
                out += "\(Self.number(row.time)),\(row.metric),\(Self.field(prefix + row.entity)),\(Self.number(row.value))\n"
            }
        }
        return out
    }

    /// The points of every series of `r`, in a fixed order.
    static func rows(_ r: Report) -> [(time: Double, metric: String, entity: String, value: Double)] {
        var rows: [(Double, String, String, Double)] = []
        if let t = r.timeSeries, t.intervalSeconds > 0 {
            for (i, n) in t.published.enumerated() { rows.append((Double(i) * t.intervalSeconds, "publishedPerSecond", "all", Double(n) / t.intervalSeconds)) }
            for (i, n) in t.acked.enumerated() { rows.append((Double(i) * t.intervalSeconds, "ackedPerSecond", "all", Double(n) / t.intervalSeconds)) }
            for (i, v) in t.endToEndP50.enumerated() { if let v { rows.append((Double(i) * t.intervalSeconds, "endToEndP50", "all", v)) } }
            for (i, v) in t.endToEndP99.enumerated() { if let v { rows.append((Double(i) * t.intervalSeconds, "endToEndP99", "all", v)) } }
        }
        for (name, b) in r.brokers.sorted(by: { $0.key < $1.key }) {
            for (i, v) in b.depthSeries.max.enumerated() { rows.append((Double(i) * b.depthSeries.bucketSeconds, "depthMax", name, v)) }
        }
        for (stream, b) in r.brokers.sorted(by: { $0.key < $1.key }) {
            for (group, g) in (b.groups ?? [:]).sorted(by: { $0.key < $1.key }) {
                for (i, v) in g.lagOverTime.messages.enumerated() {
                    rows.append((Double(i) * g.lagOverTime.intervalSeconds, "lag", "\(stream)/\(group)", Double(v)))
                }
            }
        }
        for (name, c) in r.consumers.sorted(by: { $0.key < $1.key }) {
            for point in c.autoscaling?.instances ?? [] { rows.append((point.at, "instances", name, Double(point.count))) }
        }
        let levels = ["closed": 0.0, "halfOpen": 1, "open": 2]
        for (name, c) in r.consumers.sorted(by: { $0.key < $1.key }) {
            for change in c.circuitBreaker?.transitions ?? [] { rows.append((change.at, "breakerState", name, levels[change.state] ?? 0)) }
        }
        return rows
    }

    /// Up to 9 significant digits, locale-free ("8", "0.3", "1.5e-05").
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let text = String(format: "%.9g", x)
        return text == "-0" ? "0" : text
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
