import Expectations
import Foundation

/// What `mqlab run FILE --batch-means K` prints.
///
/// JSON shape (keys sorted): `{"scenario", "seed", "batches": K,
/// "queueWait": {"mean", "halfWidth", "min", "max", "batchSize", "observations"},
/// "endToEnd": {…}, "theory": {"queueWait": s, "endToEnd": s}}` — times in seconds, `min` and
/// `max` of the batch means, `theory` only for a scenario with one queue that has a closed form.
public struct BatchMeansOutput: Sendable {
    public var scenario: String
    public var seed: UInt64
    public var format: ExperimentFormat
    public var batchMeans: BatchMeans
    /// Closed-form means of the scenario's only queue (queue wait, end to end) [s], if any.
    public var theory: (queueWait: Double?, endToEnd: Double?)

    public init(scenario: String, seed: UInt64, format: ExperimentFormat, batchMeans: BatchMeans, fields: NumericFields) {
        self.scenario = scenario
        self.seed = seed
        self.format = format
        self.batchMeans = batchMeans
        let brokers = Set(fields.values.compactMap { field -> String? in
            let segments = field.path.segments
            guard segments.count > 2, segments[0] == .key("brokers"), segments[2] == .key("latency"),
                  case .key(let name) = segments[1] else { return nil }
            return name
        })
        if brokers.count == 1, let broker = brokers.first {
            let queue = ReportPath("brokers").appending(key: broker)
            theory = (fields[queue.appending(key: "theory.queueWait.mean")], fields[queue.appending(key: "theory.endToEnd.mean")])
        } else {
            theory = (nil, nil)
        }
    }

    struct FigureJSON: Encodable {
        var mean: Double, halfWidth: Double?, min: Double, max: Double, batchSize: Int, observations: Int
        init(_ figure: BatchMeans.Figure) {
            mean = figure.estimate.mean; halfWidth = figure.estimate.halfWidth
            min = figure.estimate.min; max = figure.estimate.max
            batchSize = figure.batchSize; observations = figure.observations
        }
    }

    struct TheoryJSON: Encodable { var queueWait: Double?; var endToEnd: Double? }

    struct DocumentJSON: Encodable {
        var scenario: String, seed: UInt64, batches: Int
        var queueWait: FigureJSON?, endToEnd: FigureJSON?
        var theory: TheoryJSON?
    }

    var rows: [(label: String, figure: BatchMeans.Figure?, theory: Double?, path: String)] {
        [("queue wait mean", batchMeans.queueWait, theory.queueWait, "latency.queueWait.mean"),
         ("end to end mean", batchMeans.endToEnd, theory.endToEnd, "latency.endToEnd.mean")]
    }

    public func render() throws -> String {
        switch format {
        case .html: throw ExperimentFormat.Unavailable(format: format)
        case .json:
            let hasTheory = theory.queueWait != nil || theory.endToEnd != nil
            return try ReplicationOutput.encode(DocumentJSON(
                scenario: scenario, seed: seed, batches: batchMeans.batches,
                queueWait: batchMeans.queueWait.map(FigureJSON.init), endToEnd: batchMeans.endToEnd.map(FigureJSON.init),
                theory: hasTheory ? TheoryJSON(queueWait: theory.queueWait, endToEnd: theory.endToEnd) : nil))
        case .csv:
            var out = "figure,mean,halfWidth,min,max,batchSize,observations,theory\n"
            for row in rows {
                guard let f = row.figure else { continue }
                out += "\(row.path),\(f.estimate.mean),\(f.estimate.halfWidth.map { "\($0)" } ?? ""),\(f.estimate.min),\(f.estimate.max),\(f.batchSize),\(f.observations),\(row.theory.map { "\($0)" } ?? "")\n"
            }
            return out
        case .text, .markdown:
            var lines: [String] = []
            let markdown = format == .markdown
            let intro = "\(batchMeans.batches) batches of one run (seed \(seed)); mean ± 95% confidence half-width (Student t, \(batchMeans.batches - 1) degrees of freedom)"
            if markdown {
                lines += ["# \(scenario): batch means", "", intro + ".", "",
                          "| figure | mean ± 95% | batch size | theory | inside |", "|---|---|---|---|---|"]
            } else {
                lines += ["scenario      \(scenario)", "batch means   " + intro, ""]
            }
            for (index, row) in rows.enumerated() {
                guard let f = row.figure else {
                    let observed = index == 0 ? batchMeans.observed.queueWait : batchMeans.observed.endToEnd
                    let why = observed == 0
                        ? "no latency traced (batch means covers messages through queues after the warm-up; streams and initial backlogs are not traced)"
                        : "\(observed) latencies, fewer than the \(batchMeans.batches) batches"
                    lines.append(markdown ? "| \(row.label) | \(why) | | | |" : row.label.padding(toLength: 18, withPad: " ", startingAt: 0) + why)
                    continue
                }
                let value = IntervalText.text(f.estimate, path: row.path)
                let theoryText = row.theory.map { IntervalText.value($0, path: row.path) }
                let inside = row.theory.map { f.estimate.covers($0) ? "inside" : "outside" }
                if markdown {
                    lines.append("| \(row.label) | \(value) | \(f.batchSize) | \(theoryText ?? "–") | \(inside == "inside" ? "yes" : inside == nil ? "–" : "no") |")
                } else {
                    lines.append(row.label.padding(toLength: 18, withPad: " ", startingAt: 0) + value
                        + " (\(f.observations) messages, \(f.batchSize) per batch)"
                        + (theoryText.map { " · theory \($0), \(inside ?? "")" } ?? ""))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
