import Experiments
import Foundation
import MessagingModels
import Reporting
import SimulationKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mqlab bench [--messages N]`: the speed and memory benchmark. Simulates the ideal M/M/1
/// queue of the performance targets (Poisson arrivals at 0.9/s, exponential service with mean
/// 1 s, full metrics and report) with N/10 and N messages, and prints messages per second
/// from the difference of the two (so start-up cancels out), the wall time of each run and
/// the peak resident memory. Wall-clock reading happens here, never in the kernel.
enum BenchCommand {
    /// Fewest messages a benchmark takes: with fewer, the runs last microseconds and the
    /// difference of two wall times is noise (`--messages 10` once printed 9,000 million
    /// messages/s).
    static let minimumMessages = 100_000

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--messages"], usage: "mqlab bench [--messages N]", help: Help.bench, console: console)
        guard let args = parsed else { return exit }
        let messages: Int
        do {
            messages = try args.integer("--messages", in: 1...Int.max) ?? 10_000_000
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        guard messages >= minimumMessages else {
            console.err("error: --messages \(messages) is too few to time: expected at least \(minimumMessages) (runs that short measure start-up and clock noise, not simulation speed)\n")
            return .usage
        }
        let small = run(messages: messages / 10)
        let large = run(messages: messages)
        let rate = Double(messages - messages / 10) / max(large.seconds - small.seconds, 1e-9)
        console.out("""
        model          M/M/1, arrival rate 0.9/s, mean service 1 s (full metrics and report)
        messages       \(messages / 10) and \(messages)
        wall time      \(String(format: "%.3f", small.seconds)) s and \(String(format: "%.3f", large.seconds)) s
        rate           \(String(format: "%.2f", rate / 1e6)) million messages/s (from the difference)
        events/s       \(String(format: "%.2f", Double(large.events - small.events) / max(large.seconds - small.seconds, 1e-9) / 1e6)) million
        mean wait      \(String(format: "%.3f", large.meanWait)) s (M/M/1 theory: 9.000 s)
        peak memory    \(String(format: "%.1f", peakResidentMiB())) MiB (whole process)
        \(buildNote)
        """)
        return .success
    }

    /// A line saying that a debug build's figures are not representative ("" in release).
    static var buildNote: String {
        #if DEBUG
        return "build          debug: figures are not representative; build with swift build -c release\n"
        #else
        return ""
        #endif
    }

    struct Measurement { var seconds: Double; var events: Int; var meanWait: Double }

    static func run(messages: Int) -> Measurement {
        let model = SystemModel(
            name: "bench-mm1", seed: 7,
            queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .poisson(ratePerSecond: 0.9), count: messages)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .exponential(mean: 1))])
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = Runner.run(model: model)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        return Measurement(seconds: seconds, events: outcome.result.events, meanWait: outcome.report.latency.queueWait.mean ?? .nan)
    }

    /// Peak resident set size of this process [MiB].
    static func peakResidentMiB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024          // KiB on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576     // bytes on macOS
        #endif
    }
}
