import Expectations
import Foundation

/// What `mqlab capacity` prints: the value found, the figures at it and just beyond it with
/// their 95% intervals, and every value tried.
///
/// JSON shape (keys sorted): `{"scenario", "vary", "direction": "largest"|"smallest",
/// "outcome": "found"|"alwaysMet"|"neverMet", "answer": value|null, "beyond": value|null,
/// "requirements": ["latency.endToEnd.p99 < 500ms", …], "replications", "seeds",
/// "resolution": "1" (integers) or "1%" (real values),
/// "evaluations": [{"value", "met", "margin", "metrics": {path: {mean, halfWidth, min, max}}}]}`
/// in the order tried; `metrics` holds each requirement's field.
public struct CapacityOutput: Sendable {
    public var scenario: String
    public var vary: String
    public var requirements: CapacityRequirements
    public var seeds: [UInt64]
    public var search: CapacitySearch
    public var result: CapacitySearch.Result
    public var format: ExperimentFormat

    public init(scenario: String, vary: String, requirements: CapacityRequirements, seeds: [UInt64],
                search: CapacitySearch, result: CapacitySearch.Result, format: ExperimentFormat) {
        self.scenario = scenario
        self.vary = vary
        self.requirements = requirements
        self.seeds = seeds
        self.search = search
        self.result = result
        self.format = format
    }

    /// `value` as it is set with `--set`: an integer, or the shortest decimal.
    public static func text(_ value: Double, integer: Bool) -> String {
        integer ? String(Int(value)) : SweepAxis.shortest(value)
    }

    func text(_ value: Double) -> String { Self.text(value, integer: search.integer) }

    var metrics: [String] {
        var seen: [String] = []
        for expectation in requirements.expectations where !seen.contains(expectation.metric) { seen.append(expectation.metric) }
        return seen
    }

    var resolution: String {
        search.integer ? "1" : SweepAxis.shortest(search.tolerance * 100) + "%"
    }

    public func render() throws -> String {
        switch format {
        case .json: return try json()
        case .csv: return csv()
        case .text: return textOutput()
        case .markdown: return markdown()
        case .html: throw ExperimentFormat.Unavailable(format: format)
        }
    }

    struct EvaluationJSON: Encodable {
        var value: Double, met: Bool, margin: Double?
        var metrics: [String: ReplicationOutput.FieldJSON]
    }

    struct DocumentJSON: Encodable {
        var scenario: String, vary: String, direction: String, outcome: String
        var answer: Double?, beyond: Double?
        var requirements: [String]
        var replications: Int, seeds: [UInt64], resolution: String
        var evaluations: [EvaluationJSON]
    }

    func json() throws -> String {
        let evaluations = result.evaluations.map { evaluation in
            var fields: [String: ReplicationOutput.FieldJSON] = [:]
            for metric in metrics {
                guard let e = evaluation.summary[ReportPath(metric)] else { continue }
                fields[metric] = .init(mean: e.mean, halfWidth: e.halfWidth, min: e.min, max: e.max, count: e.count == seeds.count ? nil : e.count)
            }
            return EvaluationJSON(value: evaluation.value, met: evaluation.met,
                                  margin: evaluation.margin.isFinite ? evaluation.margin : nil, metrics: fields)
        }
        return try ReplicationOutput.encode(DocumentJSON(
            scenario: scenario, vary: vary, direction: result.direction.rawValue, outcome: result.outcome.rawValue,
            answer: result.outcome == .neverMet ? nil : result.answer?.value, beyond: result.beyond?.value,
            requirements: requirements.expectations.map(CapacityRequirements.text),
            replications: seeds.count, seeds: seeds, resolution: resolution, evaluations: evaluations))
    }

    func csv() -> String {
        var header = ["value", "met"]
        for metric in metrics { header += [metric, metric + " halfWidth"] }
        var out = header.joined(separator: ",") + "\n"
        for evaluation in result.evaluations {
            var cells = [text(evaluation.value), evaluation.met ? "true" : "false"]
            for metric in metrics {
                let e = evaluation.summary[ReportPath(metric)]
                cells += [e.map { "\($0.mean)" } ?? "", e?.halfWidth.map { "\($0)" } ?? ""]
            }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    var question: String {
        let which = result.direction == .largest ? "largest" : "smallest"
        return "\(which) \(vary) that meets " + requirements.expectations.map(CapacityRequirements.text).joined(separator: " and ")
    }

    var answerLine: String {
        switch result.outcome {
        case .found:
            return "\(text(result.answer?.value ?? .nan)) (\(result.direction == .largest ? "the next" : "the one below"), \(text(result.beyond?.value ?? .nan)), does not meet it; resolution \(resolution))"
        case .alwaysMet:
            let tried = result.evaluations.map(\.value)
            let edge = result.direction == .largest ? tried.max() : tried.min()
            return "every value tried meets it, up to \(edge.map(text) ?? "–")" + (result.plateau
                ? " (the figures stopped moving towards the bound, so the search stopped widening)"
                : " (the search stops widening after \(search.maxWidenings) doublings or halvings, or at a value the scenario does not accept)")
        case .neverMet:
            let tried = result.evaluations.map(\.value)
            return "no value tried meets it (\(text(tried.min() ?? .nan)) to \(text(tried.max() ?? .nan)))" + (result.plateau
                ? "; the figures stopped improving, so no value of this key alone will: change something else too"
                : "")
        }
    }

    /// Lines describing the figures at one value.
    func figures(_ evaluation: CapacitySearch.Evaluation) -> [String] {
        requirements.expectations.map { expectation in
            let estimate = evaluation.summary[expectation.path]
            let value = estimate.map { IntervalText.text($0, path: expectation.metric) } ?? "no value"
            let mean = requirements.mean(of: expectation, in: evaluation.summary)
            let met = mean.map { expectation.comparison.holds($0, expectation.value.number) } ?? false
            var verdict = met ? "met" : "not met"
            if let sure = requirements.holdsWithConfidence(expectation, in: evaluation.summary) {
                if met { verdict += sure ? ", by the whole 95% interval" : " by the mean; the 95% interval reaches past \(expectation.value.text)" }
                else if !sure, let estimate, let hw = estimate.halfWidth,
                        expectation.comparison.holds(estimate.mean - hw, expectation.value.number) || expectation.comparison.holds(estimate.mean + hw, expectation.value.number) {
                    verdict += " by the mean; the 95% interval reaches back within \(expectation.value.text)"
                }
            }
            return "\(expectation.metric) = \(value) (\(verdict))"
        }
    }

    var confidence: String {
        guard result.outcome == .found, let answer = result.answer else { return "" }
        if seeds.count == 1 {
            return "one run per value gives no confidence interval: the boundary is as noisy as one run; add --replications"
        }
        let sure = requirements.expectations.allSatisfy { requirements.holdsWithConfidence($0, in: answer.summary) ?? false }
        return sure
            ? "at \(text(answer.value)) every requirement holds over its whole 95% confidence interval (\(seeds.count) replications)"
            : "at \(text(answer.value)) a requirement holds for the mean of \(seeds.count) replications but not over its whole 95% interval: the true boundary may lie a step either side; more --replications narrow it"
    }

    var tried: String {
        result.evaluations.map { text($0.value) + ($0.met ? " ✓" : " ✗") }.joined(separator: " · ")
    }

    func textOutput() -> String {
        var lines = ["capacity of \(scenario): the \(question)", "",
                     "answer        " + answerLine]
        if let answer = result.answer {
            for (index, line) in figures(answer).enumerated() {
                lines.append((index == 0 ? "at \(text(answer.value))" : "").padding(toLength: 14, withPad: " ", startingAt: 0) + line)
            }
        }
        if let beyond = result.beyond {
            for (index, line) in figures(beyond).enumerated() {
                lines.append((index == 0 ? "at \(text(beyond.value))" : "").padding(toLength: 14, withPad: " ", startingAt: 0) + line)
            }
        }
        if !confidence.isEmpty { lines.append("confidence    " + confidence) }
        lines.append("runs          \(seeds.count) replication\(seeds.count == 1 ? "" : "s") per value on the same seeds (\(seeds.prefix(3).map(String.init).joined(separator: ", "))\(seeds.count > 3 ? ", …" : "")); judged on the mean")
        lines.append("tried         " + tried)
        return lines.joined(separator: "\n") + "\n"
    }

    func markdown() -> String {
        var lines = ["# Capacity of \(scenario)", "", "The \(question): **\(answerLine)**.", ""]
        if !confidence.isEmpty { lines += [confidence.prefix(1).uppercased() + confidence.dropFirst() + ".", ""] }
        lines.append("| `\(vary)` | met | " + metrics.map { "`\($0)`" }.joined(separator: " | ") + " |")
        lines.append("|---|---|" + String(repeating: "---|", count: metrics.count))
        for evaluation in result.evaluations {
            let cells = metrics.map { metric in evaluation.summary[ReportPath(metric)].map { IntervalText.text($0, path: metric) } ?? "–" }
            lines.append("| \(text(evaluation.value)) | \(evaluation.met ? "yes" : "no") | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
