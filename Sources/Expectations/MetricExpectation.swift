/// A requirement on one numeric figure of a run's report, as a scenario's `expect` list states
/// it: `{"metric": "latency.endToEnd.p99", "op": "<", "value": "2s"}` or
/// `"latency.endToEnd.p99 < 2s"`.
///
/// `metric` is the dotted path of a numeric field of the JSON report (array elements as
/// `[i]`, e.g. `brokers.orders.partitions[0].enqueued`). `value` is held in the field's own
/// unit: seconds for durations, messages per second for rates, a fraction (0 … 1) for
/// percentages.
public struct MetricExpectation: Sendable, Equatable {
    /// The report field, by dotted path (`brokers.jobs.depth.max`).
    public var metric: String
    /// `metric` as a report path.
    public var path: ReportPath { ReportPath(metric) }
    public var comparison: Comparison
    /// The bound, as written and converted to the field's unit.
    public var value: Quantity
    /// Why the requirement exists; shown with the result.
    public var because: String?
    /// What the field measures, once the metric has been checked against the report's shape
    /// (nil before that).
    public var kind: MetricKind?
    /// Where the requirement was written, for error messages: the JSON path of its metric
    /// (`$.expect[2].metric`, or `$.expect[2]` for the string form) and of its value.
    public var metricPath: String
    public var valuePath: String

    public init(metric: String, comparison: Comparison, value: Quantity, because: String? = nil,
                kind: MetricKind? = nil, metricPath: String = "$", valuePath: String = "$") {
        self.metric = metric
        self.comparison = comparison
        self.value = value
        self.because = because
        self.kind = kind
        self.metricPath = metricPath
        self.valuePath = valuePath
    }

    /// The six comparison operators.
    ///
    /// `==` and `!=` compare floating-point figures exactly (a mean of 0.1000000001 is not
    /// 0.1): prefer `<=` and `>=` for anything that is not a count.
    public enum Comparison: String, Sendable, Equatable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case equal = "=="
        case notEqual = "!="
        case greaterOrEqual = ">="
        case greater = ">"

        /// Whether `measured op expected` holds; exact comparison, NaN never passes.
        public func holds(_ measured: Double, _ expected: Double) -> Bool {
            switch self {
            case .less: return measured < expected
            case .lessOrEqual: return measured <= expected
            case .equal: return measured == expected
            case .notEqual: return !measured.isNaN && !expected.isNaN && measured != expected
            case .greaterOrEqual: return measured >= expected
            case .greater: return measured > expected
            }
        }
    }
}

/// A bound as written in a scenario and its value in the unit of the field it is compared with.
public struct Quantity: Sendable, Equatable {
    /// The number in the field's unit: seconds, messages per second, or a fraction 0 … 1.
    public var number: Double
    public var unit: Unit
    /// The value as written (`"2s"`, `"5%"`, `"100/s"`, `"12"`).
    public var text: String

    public init(number: Double, unit: Unit, text: String) {
        self.number = number
        self.unit = unit
        self.text = text
    }

    /// The unit a value was written with.
    public enum Unit: String, Sendable, Equatable {
        /// A bare number: compared with any field as it is.
        case plain
        /// `"250ms"`, `"2s"`: for fields in seconds.
        case duration
        /// `"100/s"`: for fields in messages (or calls, tokens) per second.
        case rate
        /// `"5%"`: for fields that are fractions (0 … 1); stored divided by 100.
        case percent

        /// Whether a value written in this unit can be compared with a field of `kind`.
        public func fits(_ kind: MetricKind) -> Bool {
            switch self {
            case .plain: return true
            case .duration: return kind == .seconds
            case .rate: return kind == .perSecond
            case .percent: return kind == .fraction
            }
        }

        /// "a duration", "a rate", "a percentage", "a plain number".
        public var article: String {
            switch self {
            case .plain: return "a plain number"
            case .duration: return "a duration"
            case .rate: return "a rate"
            case .percent: return "a percentage"
            }
        }
    }
}
