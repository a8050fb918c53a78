/// An instant on the simulation clock, in integer nanoseconds since the start of the run.
///
/// Integer time keeps event ordering exact: nothing drifts, and two events scheduled for the
/// same instant compare equal and fall back to their scheduling order. Convert to seconds only
/// at the edges (reports, scenario files).
///
/// Range: 0 … `Int64.max` ns (about 292 years).
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    // Computed, not stored: a `static let` is a lazily initialised global, read through an
    // out-of-line accessor with a once-check on every use (callgrind showed one such call per
    // message on the M/M/1 benchmark); a computed constant folds away.
    /// The start of every run.
    @inlinable public static var zero: SimTime { SimTime(nanoseconds: 0) }
    /// A time later than any event (used for "never").
    @inlinable public static var distantFuture: SimTime { SimTime(nanoseconds: .max) }

    /// This instant in seconds (divided, not multiplied by 1e-9, so whole seconds stay exact:
    /// 30 s prints as 30, not 30.000000000000004).
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.nanoseconds < b.nanoseconds }

    /// The instant `d` after `t`, saturating at `distantFuture`.
    @inlinable public static func + (t: SimTime, d: SimDuration) -> SimTime {
        let (sum, overflow) = t.nanoseconds.addingReportingOverflow(d.nanoseconds)
        return SimTime(nanoseconds: overflow ? .max : sum)
    }

    /// The duration from `b` to `a`.
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
    }

    public var description: String { "\(seconds)s" }
}

/// A span of simulated time in integer nanoseconds.
public struct SimDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Length in nanoseconds (may be negative only as the result of subtraction).
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// A duration of `seconds` seconds, rounded to the nearest nanosecond and clamped to the
    /// representable range (`0 … Int64.max` ns for non-negative input; NaN becomes zero).
    // Always inlined: the compiler kept it out of line (a call per sampled duration).
    @inlinable @inline(__always) public init(seconds: Double) {
        let ns = seconds * 1e9
        if ns >= 0 && ns < 9.2e18 {
            nanoseconds = Int64(ns + 0.5)          // round half up, the common fast path
        } else if ns >= 9.2e18 {
            nanoseconds = .max
        } else if ns < 0 && ns.isFinite {
            nanoseconds = Int64(Swift.max(ns, -9.2e18).rounded())
        } else {
            nanoseconds = 0                         // NaN
        }
    }

    @inlinable public static var zero: SimDuration { SimDuration(nanoseconds: 0) }

    /// This duration in seconds (exact for whole seconds; see `SimTime.seconds`).
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
        let (sum, overflow) = a.nanoseconds.addingReportingOverflow(b.nanoseconds)
        return SimDuration(nanoseconds: overflow ? .max : sum)
    }

    public var description: String { "\(seconds)s" }
}
