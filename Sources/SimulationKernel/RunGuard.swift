/// The generic part of a run loop: before each event it checks the event limit, the clock's
/// range, a load limit and the stall guard, counts the event and calls the progress callback
/// every `progressInterval` events. It knows nothing of what the events do: the model reports
/// its load (entities stored) and its work (steps that cannot be part of an endless loop).
///
/// Usage, once per event taken from the `EventList`, before the clock moves:
/// `if let stop = guard.admit(event.time, load: stored, work: done) { … end the run … }`.
///
/// A run is stopped as `stalled` when it is stuck in a loop that takes (almost) no simulated
/// time and would never end:
/// - a window of `stallLimit` events that did fewer than `stallWork` steps of work while the
///   clock moved less than `stallSpan`;
/// - or `10 × stallLimit` events at one instant, whatever they do.
/// A run that is merely long is not stopped: `maxEvents` bounds that.
public struct RunGuard {
    /// Why `admit` refused an event.
    public enum Stop: Equatable, Sendable {
        /// `maxEvents` events have been processed.
        case eventLimit
        /// The event lies at the end of the clock's range (`SimTime.distantFuture`), where
        /// saturated times land: nothing there can be simulated faithfully.
        case clockOverflow
        /// The model's load went over `maxLoad`.
        case loadLimit
        /// The run is stuck in a loop that would never end (see the type's discussion).
        case stalled
    }

    /// Events processed at most; `Int.max` for no limit.
    public let maxEvents: Int
    /// Load (e.g. messages stored) at most; the event that finds more is refused.
    public let maxLoad: Int
    /// The stall guard's window, in events (≥ 1).
    public let stallLimit: Int
    /// Least clock movement in a window of `stallLimit` events without `stallWork` work.
    public let stallSpan: SimDuration
    /// Least work per window of `stallLimit` events that do not move the clock `stallSpan`.
    public let stallWork: Int
    /// Called every `progressInterval` events with the event's time and the events so far; it
    /// must not change anything the run depends on.
    public var progress: ((SimTime, Int) -> Void)?
    /// `progressInterval - 1`; the interval is a power of two.
    @usableFromInline let progressMask: Int
    /// Events admitted so far.
    @inlinable public var processed: Int { admitted }
    @usableFromInline var admitted = 0
    @usableFromInline var lastTime = SimTime.zero
    @usableFromInline var eventsAtThisInstant = 0
    @usableFromInline var windowEvents = 0
    @usableFromInline var windowStart = SimTime.zero
    @usableFromInline var windowWork = 0

    /// A guard for one run starting at time zero.
    /// - Parameters:
    ///   - maxEvents: events processed at most (nil: no limit).
    ///   - maxLoad: the load `admit` accepts at most.
    ///   - stallLimit: the stall window in events (≥ 1).
    ///   - stallSpan: clock movement that makes a window healthy [simulated time].
    ///   - stallWork: work that makes a window healthy [steps].
    ///   - progressInterval: events between two `progress` calls; a power of two ≥ 1.
    ///   - progress: the progress callback, if any.
    public init(maxEvents: Int?, maxLoad: Int, stallLimit: Int, stallSpan: SimDuration, stallWork: Int,
                progressInterval: Int, progress: ((SimTime, Int) -> Void)? = nil) {
        precondition(stallLimit >= 1, "stallLimit must be at least 1")
        precondition(progressInterval > 0 && progressInterval & (progressInterval - 1) == 0, "progressInterval must be a power of two")
        self.maxEvents = maxEvents ?? Int.max
        self.maxLoad = maxLoad
        self.stallLimit = stallLimit
        self.stallSpan = stallSpan
        self.stallWork = stallWork
        progressMask = progressInterval - 1
        self.progress = progress
    }

    /// Checks the next event, due at `time`, and counts it if it may run; returns why the run
    /// must stop instead. The checks run in this order: event limit, stall at one instant,
    /// clock overflow, load, stall window.
    /// - Parameters:
    ///   - time: when the event is due (not before the previous event's time).
    ///   - load: the model's load now (e.g. messages stored), compared with `maxLoad`.
    ///   - work: the model's work so far (monotonic), read only when a window closes.
    /// - Returns: nil if the event may run (`processed` then counts it), else the reason to stop.
    /// - Complexity: O(1).
    @inlinable public mutating func admit(_ time: SimTime, load: Int, work: @autoclosure () -> Int) -> Stop? {
        if admitted >= maxEvents { return .eventLimit }
        if time == lastTime {
            eventsAtThisInstant &+= 1
            if eventsAtThisInstant > 10 * stallLimit { return .stalled }
        } else {
            eventsAtThisInstant = 0
            if time == .distantFuture { return .clockOverflow }
        }
        if load > maxLoad { return .loadLimit }
        windowEvents &+= 1
        if windowEvents > stallLimit {
            let done = work()
            if done - windowWork < stallWork && time - windowStart < stallSpan { return .stalled }
            windowEvents = 0
            windowStart = time
            windowWork = done
        }
        lastTime = time
        admitted &+= 1
        if admitted & progressMask == 0, let progress { progress(time, admitted) }
        return nil
    }
}
