import Expectations
import Foundation

/// The output formats of experiments (`run --replications`, `sweep`, `capacity`, `merge`).
/// `html` (a page with charts) is a sweep's only; the others refuse it (`Unavailable`).
public enum ExperimentFormat: String, CaseIterable, Sendable, Codable {
    case text, json, markdown, csv, html

    /// An output asked for a format it has no form in (`html` outside a sweep).
    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public var format: ExperimentFormat
        public var description: String { "no \(format.rawValue) form here; expected one of: text, json, markdown, csv" }
    }
}

/// What `mqlab run --replications N` prints, from the replications' fields: every input the
/// output depends on is here, so a merge of shards renders the same bytes.
///
/// JSON shape (keys sorted):
/// ```json
/// {"confidence": 0.95, "replications": 10, "scenario": "task-queue", "seeds": [42, …],
///  "fields": {"latency.endToEnd.p99": {"mean": 0.27, "halfWidth": 0.004, "min": 0.26, "max": 0.28}, …}}
/// ```
/// `fields` has every numeric field of the JSON report (see `NumericFields`); a field some
/// replications lack adds `"count"` (how many had it), and `halfWidth` is absent when fewer
/// than two had it.
public struct ReplicationOutput: Sendable, Equatable, Codable {
    public var scenario: String
    public var seeds: [UInt64]
    public var format: ExperimentFormat

    public init(scenario: String, seeds: [UInt64], format: ExperimentFormat) {
        self.scenario = scenario
        self.seeds = seeds
        self.format = format
    }

    /// The output for `replications` (fields of each, in replication order; as many as seeds).
    public func render(_ replications: [NumericFields]) throws -> String {
        let summary = ReplicationSummary(replications)
        switch format {
        case .json: return try json(summary)
        case .csv: return csv(summary)
        case .text: return text(summary)
        case .markdown: return markdown(summary)
        case .html: throw ExperimentFormat.Unavailable(format: format)
        }
    }

    struct FieldJSON: Encodable {
        var mean: Double, halfWidth: Double?, min: Double, max: Double, count: Int?
    }

    struct DocumentJSON: Encodable {
        var confidence = 0.95
        var replications: Int
        var scenario: String
        var seeds: [UInt64]
        var fields: [String: FieldJSON]
    }

    func json(_ summary: ReplicationSummary) throws -> String {
        var fields: [String: FieldJSON] = [:]
        for (path, e) in summary.fields {
            fields[path.text] = FieldJSON(mean: e.mean, halfWidth: e.halfWidth, min: e.min, max: e.max,
                                     count: e.count == seeds.count ? nil : e.count)
        }
        let document = DocumentJSON(replications: seeds.count, scenario: scenario, seeds: seeds, fields: fields)
        return try Self.encode(document)
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// `path,mean,halfWidth,min,max,count`, one row per field (halfWidth empty when unknown).
    func csv(_ summary: ReplicationSummary) -> String {
        var out = "path,mean,halfWidth,min,max,count\n"
        for (path, e) in summary.fields {
            out += "\(path),\(e.mean),\(e.halfWidth.map { "\($0)" } ?? ""),\(e.min),\(e.max),\(e.count)\n"
        }
        return out
    }

    /// The figures the text and Markdown outputs show, in order, with their labels.
    static func keyFigures(_ summary: ReplicationSummary) -> [(label: String, path: String)] {
        var rows: [(String, String)] = [
            ("throughput (acked)", "throughput.ackedPerSecond"),
            ("end to end mean", "latency.endToEnd.mean"), ("end to end p50", "latency.endToEnd.p50"),
            ("end to end p99", "latency.endToEnd.p99"),
            ("queue wait mean", "latency.queueWait.mean"), ("queue wait p99", "latency.queueWait.p99"),
            ("published", "messages.published"), ("acked", "messages.acked"),
            ("dead-lettered", "messages.deadLettered"), ("lost", "messages.lost"), ("remaining", "messages.remaining"),
        ]
        for broker in names(in: summary, under: "brokers", having: "depth.mean") {
            rows.append(("\(broker) depth mean", "brokers.\(broker).depth.mean"))
            rows.append(("\(broker) depth max", "brokers.\(broker).depth.max"))
        }
        for consumer in names(in: summary, under: "consumers", having: "utilization") {
            rows.append(("\(consumer) utilization", "consumers.\(consumer).utilization"))
        }
        return rows.filter { summary[ReportPath($0.1)] != nil }
    }

    /// Names X with a field `prefix.X.suffix`, sorted; a name may contain dots (a queue
    /// `orders.eu` has `brokers.orders.eu.depth.mean`), since the report's paths are not
    /// quoted and no nested object of an entity ends in the suffixes asked for. A name with a
    /// bracket is an array element's (`partitions[0]`), not an entity's.
    static func names(in summary: ReplicationSummary, under prefix: String, having suffix: String) -> [String] {
        summary.fields.compactMap { field -> String? in
            guard let rest = field.path.remainder(after: ReportPath(prefix)), rest.hasSuffix("." + suffix) else { return nil }
            let name = rest.dropLast(suffix.count + 1)
            return name.isEmpty || name.contains("[") ? nil : String(name)
        }
    }

    /// For each broker with a closed form: the theory's value of a mean, the interval, and
    /// whether the interval covers it.
    static func theoryChecks(_ summary: ReplicationSummary) -> [(label: String, theory: Double, estimate: Estimate, path: String)] {
        var checks: [(String, Double, Estimate, String)] = []
        for broker in names(in: summary, under: "brokers", having: "theory.utilization") {
            for (figure, label) in [("queueWait.mean", "queue wait mean"), ("endToEnd.mean", "end to end mean")] {
                let path = "brokers.\(broker).latency.\(figure)"
                if let theory = summary[ReportPath("brokers.\(broker).theory.\(figure)")]?.mean, let estimate = summary[ReportPath(path)] {
                    checks.append(("\(broker) \(label)", theory, estimate, path))
                }
            }
        }
        return checks
    }

    var seedList: String {
        seeds.count <= 4 ? seeds.map(String.init).joined(separator: ", ")
            : seeds.prefix(3).map(String.init).joined(separator: ", ") + ", … \(seeds[seeds.count - 1])"
    }

    func text(_ summary: ReplicationSummary) -> String {
        var lines = ["scenario      \(scenario)",
                     "replications  \(seeds.count) (seeds \(seedList)); mean ± 95% confidence half-width (Student t, \(seeds.count - 1) degrees of freedom)"]
        let rows = Self.keyFigures(summary)
        let checks = Self.theoryChecks(summary)
        // One column wide enough for every label, the theory checks' too: never cut one.
        let longest = (rows.map(\.label.count) + checks.map(\.label.count)).max() ?? 0
        let width = max(20, longest + 2)
        lines.append("")
        for (label, path) in rows {
            guard let estimate = summary[ReportPath(path)] else { continue }
            lines.append(label.padding(toLength: width, withPad: " ", startingAt: 0) + IntervalText.text(estimate, path: path))
        }
        if !checks.isEmpty {
            lines.append("")
            lines.append("theory (steady state) against the 95% interval")
            for check in checks {
                let verdict = check.estimate.covers(check.theory) ? "inside" : "outside"
                lines.append("  " + check.label.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "theory \(IntervalText.value(check.theory, path: check.path)) · simulated \(IntervalText.text(check.estimate, path: check.path)) · \(verdict)")
            }
        }
        lines.append("")
        lines.append("every numeric field of the report: --format json or csv")
        return lines.joined(separator: "\n") + "\n"
    }

    func markdown(_ summary: ReplicationSummary) -> String {
        var lines = ["# \(scenario): \(seeds.count) replications", "",
                     "Seeds \(seedList). Mean ± half-width of the 95% confidence interval (Student t, \(seeds.count - 1) degrees of freedom).", "",
                     "| figure | mean ± 95% | min | max |", "|---|---|---|---|"]
        for (label, path) in Self.keyFigures(summary) {
            guard let e = summary[ReportPath(path)] else { continue }
            lines.append("| \(label) | \(IntervalText.text(e, path: path)) | \(IntervalText.value(e.min, path: path)) | \(IntervalText.value(e.max, path: path)) |")
        }
        let checks = Self.theoryChecks(summary)
        if !checks.isEmpty {
            lines += ["", "## Theory", "", "| figure | theory | simulated | inside the 95% interval |", "|---|---|---|---|"]
            for check in checks {
                lines.append("| \(check.label) | \(IntervalText.value(check.theory, path: check.path)) | \(IntervalText.text(check.estimate, path: check.path)) | \(check.estimate.covers(check.theory) ? "yes" : "no") |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
