import Expectations

/// The outcome of one expectation in a run: what was required, what was measured, and whether
/// it held. The report lists them under `expectations`, in the scenario's order.
public struct ExpectationResult: Codable, Sendable, Equatable {
    /// The report field, by dotted path.
    public var metric: String
    /// `<`, `<=`, `==`, `!=`, `>=` or `>`.
    public var op: String
    /// The bound in the field's unit ([s], [1/s], a fraction, or a count).
    public var expected: Double
    /// The bound as written in the scenario (`"2s"`, `"5%"`).
    public var expectedText: String
    /// The field's value in this run; null when the run has none (a percentile with no samples).
    public var measured: Double?
    public var passed: Bool
    /// `count`, `seconds`, `perSecond` or `fraction`: the unit of `expected` and `measured`.
    public var kind: String
    /// The scenario's reason for the requirement, when it gives one.
    public var because: String?
    /// Why `measured` is null, when it is.
    public var note: String?

    enum CodingKeys: String, CodingKey { case metric, op, expected, expectedText, measured, passed, kind, because, note }

    public init(metric: String, op: String, expected: Double, expectedText: String, measured: Double?,
                passed: Bool, kind: String, because: String? = nil, note: String? = nil) {
        self.metric = metric
        self.op = op
        self.expected = expected
        self.expectedText = expectedText
        self.measured = measured
        self.passed = passed
        self.kind = kind
        self.because = because
        self.note = note
    }

    /// Encodes `measured` as an explicit null when absent, so every result has the same keys
    /// (`because` and `note` only when present).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric, forKey: .metric)
        try container.encode(op, forKey: .op)
        try container.encode(expected, forKey: .expected)
        try container.encode(expectedText, forKey: .expectedText)
        try container.encode(measured, forKey: .measured)
        try container.encode(passed, forKey: .passed)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(because, forKey: .because)
        try container.encodeIfPresent(note, forKey: .note)
    }

    /// The kind as a `MetricKind` (`count` for an unknown string).
    public var metricKind: MetricKind { MetricKind(rawValue: kind) ?? .count }
}
