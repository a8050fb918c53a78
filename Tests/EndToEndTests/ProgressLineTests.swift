import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import MQLabCLI

/// The progress line of long runs on a terminal.
@Suite struct ProgressLineTests {
    static func model() -> SystemModel {
        SystemModel(
            name: "p", seed: 1, duration: SimDuration(seconds: 100), queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10))],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.05))])
    }

    @Test func theSimulationReportsEveryIntervalAndTheLineRedrawsInPlace() {
        var simulation = Simulation(model: Self.model())
        simulation.progressInterval = 256
        var calls: [(Double, Int)] = []
        simulation.progress = { now, events in calls.append((now.seconds, events)) }
        let result = simulation.run()
        // One call every 256th event, with the simulated time never going back.
        #expect(calls.map(\.1) == Array(stride(from: 256, through: result.events, by: 256)))
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 <= $1.0 })

        let capture = CapturedConsole(showsProgress: true)
        let line = ProgressLine(console: capture.console, label: "demo", horizon: 100, delay: 0, interval: 0)
        line.update(now: 25, events: 1_234_567)
        line.finish()
        #expect(capture.err == "\r\u{1B}[Kdemo: simulated 25.0 s of 100 s (25%) · 1,234,567 events\r\u{1B}[K")
    }

    @Test func nothingIsShownOffATerminalOrBeforeTheDelay() {
        let capture = CapturedConsole()
        var simulation = Simulation(model: Self.model())
        #expect(ProgressLine.attach(to: &simulation, console: capture.console(showsProgress: false), label: "x", horizon: nil) == nil)
        #expect(simulation.progress == nil)
        let slow = ProgressLine(console: capture.console(showsProgress: true), label: "x", horizon: nil, delay: 3_600_000_000_000)
        slow.update(now: 1, events: 1)
        slow.finish()
        #expect(capture.err.isEmpty)
    }
}
