/// The time-weighted mean, maximum and final value of a piecewise-constant quantity
/// (queue depth, busy servers), accumulated over a window starting at `windowStart`.
///
/// Call `record(_:at:)` just after every change of the quantity, with times non-decreasing.
/// The value before the first record is `initialValue`.
public struct TimeWeightedAverage: Sendable {
    @usableFromInline var current: Double
    @usableFromInline var largest: Double
    /// Current value.
    public var value: Double { current }
    /// Largest value ever recorded (whole run, including before the window).
    public var maximum: Double { largest }
    @usableFromInline var lastChange: SimTime = .zero
    @usableFromInline var area: Double = 0          // value × ns inside the window
    /// Start of the averaging window (e.g. the end of warm-up).
    public let windowStart: SimTime

    public init(initialValue: Double = 0, windowStart: SimTime = .zero) {
        current = initialValue
        largest = initialValue
        self.windowStart = windowStart
    }

    /// Sets the quantity to `newValue` from `time` on.
    @inlinable @inline(__always) public mutating func record(_ newValue: Double, at time: SimTime) {
        accumulate(until: time)
        current = newValue
        if newValue > largest { largest = newValue }
    }

    /// Adds `delta` to the quantity at `time`.
    @inlinable @inline(__always) public mutating func add(_ delta: Double, at time: SimTime) {
        record(current + delta, at: time)
    }

    @inlinable @inline(__always) mutating func accumulate(until time: SimTime) {
        let from = lastChange.nanoseconds > windowStart.nanoseconds ? lastChange.nanoseconds : windowStart.nanoseconds
        if time.nanoseconds > from { area += current * Double(time.nanoseconds - from) }
        lastChange = time
    }

    /// Integral of the quantity over [windowStart, end] [value × s].
    public func integral(until end: SimTime) -> Double {
        var copy = self
        copy.accumulate(until: end)
        return copy.area * 1e-9
    }

    /// Time-weighted mean over [windowStart, end]; 0 for an empty window.
    public func mean(until end: SimTime) -> Double {
        let length = end.nanoseconds - windowStart.nanoseconds
        guard length > 0 else { return 0 }
        var copy = self
        copy.accumulate(until: end)
        return copy.area / Double(length)
    }
}
