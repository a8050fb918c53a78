import QueueingTheory
import ScenarioFormat

/// A service-level target for `mqlab theory --target`, such as `queueWait.p99 < 200ms`.
///
/// Grammar: `FIGURE OP VALUE`, OP `<` or `<=`; times take a duration ("200ms", "1.5s" or a
/// bare number of seconds), other figures a plain number.
struct TheoryTarget {
    /// A figure of a prediction a target can bound.
    struct Figure: Sendable {
        var name: String
        var isTime: Bool
        var value: @Sendable (QueueingPrediction) -> Double?
    }

    static let figures: [Figure] = [
        Figure(name: "queueWait.mean", isTime: true) { $0.queueWait.mean },
        Figure(name: "queueWait.p50", isTime: true) { $0.queueWait.p50 },
        Figure(name: "queueWait.p95", isTime: true) { $0.queueWait.p95 },
        Figure(name: "queueWait.p99", isTime: true) { $0.queueWait.p99 },
        Figure(name: "endToEnd.mean", isTime: true) { $0.endToEnd.mean },
        Figure(name: "endToEnd.p50", isTime: true) { $0.endToEnd.p50 },
        Figure(name: "endToEnd.p95", isTime: true) { $0.endToEnd.p95 },
        Figure(name: "endToEnd.p99", isTime: true) { $0.endToEnd.p99 },
        Figure(name: "queueLength.mean", isTime: false) { $0.queueLengthMean },
        Figure(name: "probabilityOfWaiting", isTime: false) { $0.probabilityOfWaiting },
        Figure(name: "blockingProbability", isTime: false) { $0.blockingProbability },
        Figure(name: "utilization", isTime: false) { $0.utilization },
    ]

    var text: String
    var figure: Figure
    var inclusive: Bool
    var bound: Double

    /// Parses `text`.
    /// - Throws: `UsageError` naming the part that is wrong (with the figures to choose from).
    init(_ text: String) throws(UsageError) {
        self.text = text
        let operators = ["<=", "<"]
        guard let op = operators.first(where: { text.contains($0) }), let range = text.range(of: op) else {
            throw UsageError("--target expects \"FIGURE < VALUE\" (or <=), e.g. \"queueWait.p99 < 200ms\", found \"\(text)\"")
        }
        let name = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let valueText = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let figure = Self.figures.first(where: { $0.name == name }) else {
            let names = Self.figures.map(\.name)
            let hint = names.first { MQLab.isNear(name, $0) }
            throw UsageError("--target: unknown figure \"\(name)\"" + (hint.map { " (did you mean \"\($0)\"?)" } ?? "")
                + "; figures: " + names.joined(separator: ", "))
        }
        let parsed = figure.isTime ? DurationSyntax.seconds(valueText) : Double(valueText)
        guard let bound = parsed, bound.isFinite, bound >= 0 else {
            throw UsageError("--target: \(figure.name) expects " + (figure.isTime ? "a duration ≥ 0 such as \"200ms\"" : "a number ≥ 0")
                + ", found \"\(valueText)\"")
        }
        self.figure = figure
        self.inclusive = op == "<="
        self.bound = bound
    }

    /// Whether `prediction` meets the target; a figure the model does not give never does.
    func isMet(by prediction: QueueingPrediction) -> Bool {
        guard let value = figure.value(prediction) else { return false }
        return inclusive ? value <= bound : value < bound
    }
}
