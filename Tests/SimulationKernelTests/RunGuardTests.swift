import Testing
import SimulationKernel

/// `RunGuard` stops a run at its limits and when it stalls, and paces the progress callback.
@Suite struct RunGuardTests {
    static func makeGuard(maxEvents: Int? = nil, maxLoad: Int = .max, stallLimit: Int = 4,
                          progressInterval: Int = 1 << 18) -> RunGuard {
        RunGuard(maxEvents: maxEvents, maxLoad: maxLoad, stallLimit: stallLimit,
                 stallSpan: SimDuration(seconds: 0.1), stallWork: 2, progressInterval: progressInterval)
    }

    static func at(_ seconds: Double) -> SimTime { .zero + SimDuration(seconds: seconds) }

    /// Admits events one second apart until `stop` answers, and returns how many it admitted
    /// and why it stopped; `work(k)` is the work reported with the k-th event, `time(k)` its time.
    static func drive(_ runGuard: inout RunGuard, events: Int, time: (Int) -> SimTime,
                      load: (Int) -> Int = { _ in 0 }, work: (Int) -> Int = { $0 }) -> (admitted: Int, stop: RunGuard.Stop?) {
        for k in 0..<events {
            if let stop = runGuard.admit(time(k), load: load(k), work: work(k)) { return (runGuard.processed, stop) }
        }
        return (runGuard.processed, nil)
    }

    @Test func eventLimitRefusesTheEventAfterMaxEvents() {
        var runGuard = Self.makeGuard(maxEvents: 3)
        let outcome = Self.drive(&runGuard, events: 10, time: { Self.at(Double($0)) })
        #expect(outcome.admitted == 3 && outcome.stop == .eventLimit)
    }

    @Test func eventAtTheClocksEndIsAnOverflow() {
        var runGuard = Self.makeGuard()
        let outcome = Self.drive(&runGuard, events: 5, time: { $0 < 2 ? Self.at(Double($0)) : .distantFuture })
        #expect(outcome.admitted == 2 && outcome.stop == .clockOverflow)
    }

    @Test func loadOverTheLimitStopsTheRun() {
        var runGuard = Self.makeGuard(maxLoad: 5)
        let outcome = Self.drive(&runGuard, events: 10, time: { Self.at(Double($0)) }, load: { $0 })
        #expect(outcome.admitted == 6 && outcome.stop == .loadLimit)
    }

    /// The first event at an instant and 10 × stallLimit more are admitted; the next one
    /// stops the run, whatever work they do.
    @Test func tooManyEventsAtOneInstantStall() {
        var runGuard = Self.makeGuard(stallLimit: 4)
        let outcome = Self.drive(&runGuard, events: 100, time: { _ in Self.at(1) }, work: { 1_000 * $0 })
        #expect(outcome.admitted == 41 && outcome.stop == .stalled)
    }

    /// A window of stallLimit events with less work than stallWork and less than stallSpan of
    /// clock movement stalls; the same events with enough work, or a moving clock, do not.
    @Test func windowWithoutWorkOrTimeStalls() {
        let creeping: (Int) -> SimTime = { SimTime(nanoseconds: Int64($0) + 1) }
        var idle = Self.makeGuard(stallLimit: 4)
        let stuck = Self.drive(&idle, events: 100, time: creeping, work: { _ in 0 })
        #expect(stuck.admitted == 4 && stuck.stop == .stalled)

        var busy = Self.makeGuard(stallLimit: 4)
        #expect(Self.drive(&busy, events: 100, time: creeping, work: { $0 }).stop == nil)

        var moving = Self.makeGuard(stallLimit: 4)
        #expect(Self.drive(&moving, events: 100, time: { Self.at(Double($0)) }, work: { _ in 0 }).stop == nil)
        #expect(moving.processed == 100)
    }

    @Test func progressIsCalledEveryIntervalWithTimeAndCount() {
        var calls: [(SimTime, Int)] = []
        var runGuard = Self.makeGuard(progressInterval: 4)
        runGuard.progress = { calls.append(($0, $1)) }
        _ = Self.drive(&runGuard, events: 10, time: { Self.at(Double($0)) })
        #expect(calls.map(\.1) == [4, 8])
        #expect(calls.map(\.0) == [Self.at(3), Self.at(7)])
    }
}
