import SimulationKernel

/// A finite set of values, one of which is drawn per message with given relative weights.
///
/// A single value is a fixed choice and draws no random number, so adding a fixed routing key
/// to a producer does not change its random stream.
///
/// ```swift
/// let keys = WeightedChoice(["order.eu", "order.us"], weights: [3, 1])
/// keys.draw(&stream)   // 0 three times out of four, 1 otherwise
/// ```
public struct WeightedChoice<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The values, in the order given; count ≥ 1.
    public let values: [Value]
    /// Running sums of the weights, same count as `values`; the last is the total (> 0).
    public let cumulativeWeights: [Double]

    /// A choice of one fixed value.
    public init(fixed value: Value) {
        values = [value]
        cumulativeWeights = [1]
    }

    /// A choice among `values` with `weights` (equal weights when nil).
    /// - Precondition: `values` is not empty; `weights`, if given, has the same count, every
    ///   weight is finite and ≥ 0, and their sum is > 0 (the scenario reader checks this).
    public init(_ values: [Value], weights: [Double]? = nil) {
        precondition(!values.isEmpty, "a choice needs at least one value")
        let w = weights ?? Array(repeating: 1, count: values.count)
        precondition(w.count == values.count && w.allSatisfy { $0 >= 0 && $0.isFinite }, "invalid weights")
        var sum = 0.0
        var cumulative: [Double] = []
        for weight in w {
            sum += weight
            cumulative.append(sum)
        }
        precondition(sum > 0, "weights must not all be zero")
        self.values = values
        cumulativeWeights = cumulative
    }

    /// Number of values.
    public var count: Int { values.count }

    /// Draws the index of a value: index `i` with probability weight[i] / total. A fixed
    /// choice returns 0 without drawing.
    public func draw(_ stream: inout RandomStream) -> Int {
        guard values.count > 1, let total = cumulativeWeights.last else { return 0 }
        let u = stream.nextUnit() * total
        for (index, bound) in cumulativeWeights.enumerated() where u < bound { return index }
        // Rounding can leave u equal to the total: take the last value with a weight > 0.
        var index = values.count - 1
        while index > 0 && cumulativeWeights[index] == cumulativeWeights[index - 1] { index -= 1 }
        return index
    }
}
