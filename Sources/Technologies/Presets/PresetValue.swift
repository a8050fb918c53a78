/// A value a technology preset gives a scenario key: a duration, a count, a flag, a word or a
/// latency distribution. Kept free of JSON so the Technologies target stays below the scenario
/// format; `ScenarioFormat` turns it into the JSON the scenario reader reads.
public enum PresetValue: Sendable, Equatable {
    /// A duration [s], written into a scenario as `"<seconds>s"`.
    case seconds(Double)
    /// A whole number (a count, a number of bytes, a number of partitions).
    case integer(Int)
    /// A rate [per second].
    case rate(Double)
    /// A probability or fraction, 0 … 1.
    case fraction(Double)
    case bool(Bool)
    /// One of a key's words (`"bestEffort"`, `"anywhere"`).
    case word(String)
    /// A latency distribution.
    case distribution(PresetDistribution)
}

/// A latency distribution of a preset, in seconds: the scenario format's `constant`,
/// `exponential` and `lognormal` laws (`{"lognormal": {"mean": "1ms", "stddev": "0.4ms"}}`).
public enum PresetDistribution: Sendable, Equatable {
    case constant(seconds: Double)
    case exponential(meanSeconds: Double)
    /// The mean and standard deviation of the lognormal itself [s].
    case lognormal(meanSeconds: Double, stddevSeconds: Double)

    /// Mean [s].
    public var meanSeconds: Double {
        switch self {
        case .constant(let s): return s
        case .exponential(let m): return m
        case .lognormal(let m, _): return m
        }
    }
}
