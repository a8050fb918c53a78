import Expectations

/// The requirements a capacity search must keep, judged on the means of replicated runs.
///
/// Each is a scenario expectation (`latency.endToEnd.p99 < 500ms`, parsed and checked by the
/// `expect` machinery); the search judges it on the field's mean over the replications, and
/// the 95% interval says how sure that verdict is.
public struct CapacityRequirements: Sendable {
    public var expectations: [MetricExpectation]

    public init(_ expectations: [MetricExpectation]) { self.expectations = expectations }

    /// The mean of `expectation`'s field in `summary` (0 for an absent count of a map the
    /// report leaves out when zero, as `Report.evaluate` reads them; nil when no run has the
    /// field).
    func mean(of expectation: MetricExpectation, in summary: ReplicationSummary) -> Double? {
        summary.mean(of: expectation.path)
    }

    /// Whether every requirement holds for the mean, and the smallest relative margin:
    /// (bound − mean) / |bound| for `<` and `<=`, (mean − bound) / |bound| for `>` and `>=`
    /// (|bound| at least 1e-9); `==` and `!=` have no room to measure: −1 when not met, and
    /// when met they leave the margin to the others (`messages.lost == 0` must not hide which
    /// way the latency requirements move). A field no run has fails with margin −∞.
    public func judge(_ summary: ReplicationSummary) -> (met: Bool, margin: Double) {
        var met = true
        var margin = Double.infinity
        for expectation in expectations {
            guard let mean = mean(of: expectation, in: summary) else {
                met = false
                margin = -.infinity
                continue
            }
            let bound = expectation.value.number
            let holds = expectation.comparison.holds(mean, bound)
            met = met && holds
            let scale = max(abs(bound), 1e-9)
            switch expectation.comparison {
            case .less, .lessOrEqual: margin = min(margin, (bound - mean) / scale)
            case .greater, .greaterOrEqual: margin = min(margin, (mean - bound) / scale)
            case .equal, .notEqual: if !holds { margin = min(margin, -1) }
            }
        }
        // Only (in)equalities, all met: no room to measure either way.
        return (met, margin == .infinity ? Double.greatestFiniteMagnitude : margin)
    }

    /// Whether `expectation` holds for the mean of its field in `summary`.
    public func holds(_ expectation: MetricExpectation, in summary: ReplicationSummary) -> Bool {
        mean(of: expectation, in: summary).map { expectation.comparison.holds($0, expectation.value.number) } ?? false
    }

    /// Whether `expectation` holds over the whole 95% interval of its field (not only for its
    /// mean); nil without an interval.
    public func holdsWithConfidence(_ expectation: MetricExpectation, in summary: ReplicationSummary) -> Bool? {
        guard let estimate = summary[expectation.path], let halfWidth = estimate.halfWidth else { return nil }
        let bound = expectation.value.number
        return expectation.comparison.holds(estimate.mean - halfWidth, bound) && expectation.comparison.holds(estimate.mean + halfWidth, bound)
    }

    /// The requirement as written: `latency.endToEnd.p99 < 500ms`.
    public static func text(_ expectation: MetricExpectation) -> String {
        "\(expectation.metric) \(expectation.comparison.rawValue) \(expectation.value.text)"
    }
}
