import Foundation

/// Finds how far one scenario key can go while requirements still hold: the largest value
/// (an arrival rate: more load makes things worse) or the smallest (consumer instances: more
/// make things better) that meets them, by bracketing and bisection.
///
/// Each value tried is judged on replicated runs (`evaluate`), all on the same seeds, so the
/// figures move smoothly with the value (common random numbers) and bisection is not misled
/// by noise between neighbouring values. The direction is found from the first two values,
/// the starting one and its double (integers: at least one more): if one meets the
/// requirements and the other not, that decides it; if both do (or both do not), the
/// requirements' margin says whether growing helps or hurts, and the search widens the
/// bracket that way — doubling up, or halving down — until it holds a value that meets them
/// and one that does not. Bisection then narrows it to one step for integers, or to
/// `tolerance` (relative) for real numbers.
///
/// Values where the scenario is invalid (`evaluate` throws `InvalidValue`, such as 0
/// instances) end the widening in that direction.
public struct CapacitySearch: Sendable {
    /// What one value gave: whether the requirements hold and by how much.
    public struct Evaluation: Sendable {
        public var value: Double
        public var met: Bool
        /// The smallest relative margin among the requirements: positive when met with room
        /// to spare, negative when violated (for `<`: (bound − mean) / |bound|).
        public var margin: Double
        public var summary: ReplicationSummary
        public init(value: Double, met: Bool, margin: Double, summary: ReplicationSummary) {
            self.value = value
            self.met = met
            self.margin = margin
            self.summary = summary
        }
    }

    /// Thrown by `evaluate` for a value the scenario does not accept.
    public struct InvalidValue: Error, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    public enum Direction: String, Sendable, Codable {
        /// Growing the value makes things worse: the answer is the largest that meets them.
        case largest
        /// Growing the value makes things better: the answer is the smallest that meets them.
        case smallest
    }

    public enum Outcome: String, Sendable, Codable {
        /// A boundary between a value that meets the requirements and one that does not.
        case found
        /// Every value tried met them, up to the widening limit (or an invalid value).
        case alwaysMet
        /// No value tried met them.
        case neverMet
    }

    public struct Result: Sendable {
        public var direction: Direction
        public var outcome: Outcome
        /// The value found (the last that meets the requirements), if any.
        public var answer: Evaluation?
        /// The nearest value tried beyond it that does not.
        public var beyond: Evaluation?
        /// Every value evaluated, in the order tried.
        public var evaluations: [Evaluation]
        /// Whether widening stopped because the margin stopped moving towards the other
        /// verdict (`plateauSteps` steps without gaining `plateauGain`).
        public var plateau: Bool
    }

    /// The value to start from (the scenario's own).
    public var start: Double
    /// Whether the key takes integers only.
    public var integer: Bool
    /// Bisection stops when the bracket is this fraction of its upper end (real values).
    public var tolerance: Double
    /// At most this many doublings or halvings while widening.
    public var maxWidenings = 30
    /// Widening stops after this many doublings or halvings in a row that do not move the
    /// margin towards the other verdict by more than `plateauGain` (such as a latency that
    /// has reached the service time: more instances no longer help).
    public var plateauSteps = 3
    public var plateauGain = 0.005

    public init(start: Double, integer: Bool, tolerance: Double = 0.01) {
        self.start = start
        self.integer = integer
        self.tolerance = tolerance
    }

    /// Runs the search; `evaluate` runs the replications at one value and judges them.
    /// - Throws: what `evaluate` throws other than `InvalidValue` at a value after the first;
    ///   `InvalidValue` at the starting value.
    public func run(_ evaluate: (Double) throws -> Evaluation) throws -> Result {
        var tried: [Evaluation] = []
        func at(_ value: Double) throws -> Evaluation? {
            if let known = tried.first(where: { $0.value == value }) { return known }
            do {
                let evaluation = try evaluate(value)
                tried.append(evaluation)
                return evaluation
            } catch is InvalidValue {
                return nil
            }
        }
        // An invalid starting value is the caller's mistake: its error goes out as thrown.
        let first = try evaluate(start)
        tried.append(first)
        let up = { (v: Double) -> Double in integer ? max(v + 1, v * 2) : (v == 0 ? 1 : v * 2) }
        let down = { (v: Double) -> Double? in
            if integer { return v <= 0 ? nil : (v / 2).rounded(.down) }
            return v / 2 == v ? nil : v / 2
        }
        let second = try at(up(start))
        var direction: Direction
        var plateau = false
        var pass: Evaluation?
        var fail: Evaluation?
        if let second, second.met != first.met {
            direction = first.met ? .largest : .smallest
            (pass, fail) = first.met ? (first, second) : (second, first)
        } else {
            // Both the same (or the double is invalid): the margin's trend says which way.
            let growthHelps = second.map { $0.margin > first.margin } ?? false
            let met = first.met
            direction = growthHelps ? .smallest : .largest
            // Widen towards the side that changes the verdict: up when the requirements are
            // met and growth hurts, or unmet and growth helps.
            let towardsLarger = met != growthHelps
            var current = towardsLarger ? (second ?? first) : first
            if met { pass = current } else { fail = current }
            // Progress is the margin moving towards the other verdict; a plateau ends the widening.
            var best = met ? min(first.margin, current.margin) : max(first.margin, current.margin)
            var stalls = 0
            for _ in 0..<maxWidenings {
                guard let next = towardsLarger ? up(current.value) : down(current.value),
                      let evaluation = try at(next) else { break }
                current = evaluation
                if evaluation.met == met {
                    if met { pass = evaluation } else { fail = evaluation }
                    let gain = met ? best - evaluation.margin : evaluation.margin - best
                    if gain > plateauGain {
                        best = evaluation.margin
                        stalls = 0
                    } else {
                        stalls += 1
                        if stalls >= plateauSteps {
                            plateau = true
                            break
                        }
                    }
                } else {
                    if met { fail = evaluation } else { pass = evaluation }
                    break
                }
            }
        }
        guard var low = pass, var high = fail else {
            return Result(direction: direction, outcome: pass == nil ? .neverMet : .alwaysMet,
                          answer: pass, beyond: nil, evaluations: tried, plateau: plateau)
        }
        // Bisect between the value that meets the requirements (low) and the one that does not.
        while !converged(low.value, high.value) {
            let middle = integer ? ((low.value + high.value) / 2).rounded(.down) : (low.value + high.value) / 2
            if middle == low.value || middle == high.value { break }
            guard let evaluation = try at(middle) else { break }
            if evaluation.met { low = evaluation } else { high = evaluation }
        }
        return Result(direction: direction, outcome: .found, answer: low, beyond: high, evaluations: tried, plateau: false)
    }

    func converged(_ a: Double, _ b: Double) -> Bool {
        integer ? abs(a - b) <= 1 : abs(a - b) <= tolerance * max(abs(a), abs(b))
    }
}
