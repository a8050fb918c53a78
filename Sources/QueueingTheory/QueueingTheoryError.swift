/// Why `SteadyState.predict` gives no figures for a system.
public enum QueueingTheoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter is outside its valid range (named, with the value found).
    case invalidParameter(String)
    /// The combination has no closed form here (e.g. M/G/c with c > 1), with the reason.
    case noClosedForm(String)

    public var description: String {
        switch self {
        case .invalidParameter(let text), .noClosedForm(let text): return text
        }
    }
}
