import Foundation
import MessagingModels
import Reporting
import SimulationKernel

/// One line of progress on standard error for a run that takes longer than about a second of
/// wall time, redrawn in place and erased when the run ends; shown only when standard error
/// is a terminal (`Console.showsProgress`), so reports, pipes and tests never see it. The
/// wall clock used here decides nothing in the simulation.
final class ProgressLine {
    private let console: Console
    private let label: String
    /// The simulated time the run is expected to reach (its publishing window), if known [s].
    private let horizon: Double?
    private let started = DispatchTime.now()
    /// Wall time before the first draw, and between two draws [ns].
    private let delay: UInt64
    private let interval: UInt64
    private var lastDrawn: UInt64 = 0
    private var visible = false

    init(console: Console, label: String, horizon: Double?, delay: UInt64 = 1_000_000_000, interval: UInt64 = 200_000_000) {
        self.console = console
        self.label = label
        self.horizon = horizon
        self.delay = delay
        self.interval = interval
    }

    /// Lets `simulation` report to this line, if the console shows progress.
    static func attach(to simulation: inout Simulation, console: Console, label: String, horizon: Double?) -> ProgressLine? {
        guard console.showsProgress else { return nil }
        let line = ProgressLine(console: console, label: label, horizon: horizon)
        simulation.progress = { now, events in line.update(now: now.seconds, events: events) }
        return line
    }

    /// Redraws the line at most five times a second, from one second after the start.
    func update(now: Double, events: Int) {
        let elapsed = DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds
        guard elapsed >= delay, !visible || elapsed - lastDrawn >= interval else { return }
        lastDrawn = elapsed
        var text = "\(label): simulated \(Formatting.duration(now))"
        if let horizon, horizon > 0 {
            text += " of \(Formatting.duration(horizon)) (\(Int(min(now / horizon, 1) * 100))%)"
        }
        text += " · \(Formatting.count(events)) events"
        console.err("\r\u{1B}[K" + text)
        visible = true
    }

    /// Erases the line.
    func finish() {
        if visible { console.err("\r\u{1B}[K") }
    }
}
