/// The service-time law of a queueing model, described by what the closed forms need: its
/// kind and its first two moments.
public enum ServiceTime: Sendable, Equatable {
    /// Exponential service with this mean [s] (the "M" in M/M/c).
    case exponential(meanSeconds: Double)
    /// Every service takes exactly this long [s] (the "D" in M/D/1).
    case constant(seconds: Double)
    /// Any law with this mean [s] and squared coefficient of variation (variance / mean², ≥ 0)
    /// (the "G" in M/G/1).
    case general(meanSeconds: Double, squaredCoefficientOfVariation: Double)

    /// Mean service time [s].
    public var meanSeconds: Double {
        switch self {
        case .exponential(let m), .constant(let m), .general(let m, _): return m
        }
    }

    /// Squared coefficient of variation: 1 for exponential, 0 for constant.
    public var squaredCoefficientOfVariation: Double {
        switch self {
        case .exponential: return 1
        case .constant: return 0
        case .general(_, let scv): return scv
        }
    }

    /// The Kendall letter of the law: "M", "D" or "G".
    public var kendallLetter: String {
        switch self {
        case .exponential: return "M"
        case .constant: return "D"
        case .general: return "G"
        }
    }
}
