import Experiments
import Foundation
import MessagingModels
import Reporting
import ScenarioFormat
import SimulationKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mqlab bench [--messages N] [--hand-loop PATH] [--simpy COMMAND] [--rounds R]`: the speed and memory
/// benchmark.
///
/// Simulates the ideal M/M/1 queue of the performance targets (Poisson arrivals at 0.9/s,
/// exponential service with mean 1 s, full metrics and report) with N/10 and N messages, and
/// prints messages per second from the difference of the two (so start-up cancels out); then
/// three models that exercise the rest of the engine with N/10 messages each: a stream with 6
/// partitions read by 3 consumer groups, a topic exchange fanning out to 8 queues, and a
/// queue with priorities, retries, a dead-letter queue and TTLs. For each: wall time,
/// messages and events per second, and peak memory. With `--hand-loop PATH` it also runs that
/// minimal hand-written M/M/1 loop (`PATH --model mm1 --n N`, which prints one JSON line with
/// `wall_s`) alternately with mqlab's N-message run, `R` rounds, and prints the ratio of the
/// fastest of each. With `--simpy COMMAND` it runs the same M/M/1 model in SimPy (`COMMAND
/// --model mm1 --n N/50`, e.g. `"python3 simpy_mq.py"`, printing one JSON line with
/// `msgs_per_s`), alternately with mqlab, and prints how many times faster mqlab is. Wall-clock
/// reading happens here, never in the kernel.
enum BenchCommand {
    /// Fewest messages a benchmark takes: with fewer, the runs last microseconds and the
    /// difference of two wall times is noise (`--messages 10` once printed 9,000 million
    /// messages/s).
    static let minimumMessages = 100_000
    static let usage = "mqlab bench [--messages N] [--hand-loop PATH] [--simpy COMMAND] [--rounds R]"

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--messages", "--hand-loop", "--simpy", "--rounds"], usage: usage,
                                            help: Help.bench, console: console)
        guard let args = parsed else { return exit }
        let messages: Int
        let rounds: Int
        do {
            messages = try args.integer("--messages", in: 1...Int.max) ?? 10_000_000
            rounds = try args.integer("--rounds", in: 1...100) ?? 1
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        guard messages >= minimumMessages else {
            console.err("error: --messages \(messages) is too few to time: expected at least \(minimumMessages) (runs that short measure start-up and clock noise, not simulation speed)\n")
            return .usage
        }
        let handLoop = args.options["--hand-loop"]
        if let handLoop, !FileManager.default.isExecutableFile(atPath: handLoop) {
            console.err("error: --hand-loop \(handLoop): not an executable file; build the hand loop first (swiftc -O hand-loop.swift -o PATH)\n")
            return .usage
        }

        let simpy = args.options["--simpy"].map { $0.split(separator: " ").map(String.init) }
        if let simpy, simpy.isEmpty {
            console.err("error: --simpy expects a command such as \"python3 simpy_mq.py\"\n")
            return .usage
        }

        var rows: [Row] = []
        let small = measure("M/M/1", messages: messages / 10) { mm1(messages: $0) }
        rows.append(small)
        var large = measure("M/M/1", messages: messages) { mm1(messages: $0) }
        var hand: (seconds: Double, cpuSeconds: Double)?
        if let handLoop {
            // Paired: the hand loop and mqlab alternately, the fastest of each.
            for round in 0..<rounds {
                guard let run = runHandLoop(handLoop, messages: messages) else {
                    console.err("error: --hand-loop \(handLoop): no \"wall_s\" in its output (expected the JSON line of hand-loop.swift)\n")
                    return .usage
                }
                hand = (min(hand?.seconds ?? .infinity, run.seconds), min(hand?.cpuSeconds ?? .infinity, run.cpuSeconds))
                if round > 0 {
                    let again = measure("M/M/1", messages: messages) { mm1(messages: $0) }
                    large.seconds = min(large.seconds, again.seconds)
                    large.cpuSeconds = min(large.cpuSeconds, again.cpuSeconds)
                }
            }
        }
        // SimPy is about a hundred times slower: N/50 messages take it about as long as mqlab's N.
        var simpyRate: Double?
        if let simpy {
            for round in 0..<rounds {
                guard let rate = runSimPy(simpy, messages: max(messages / 50, 1_000)) else {
                    console.err("error: --simpy \(simpy.joined(separator: " ")): no \"msgs_per_s\" in its output (expected the JSON line of simpy_mq.py)\n")
                    return .usage
                }
                simpyRate = max(simpyRate ?? 0, rate)
                if round > 0 || handLoop == nil {
                    let again = measure("M/M/1", messages: messages) { mm1(messages: $0) }
                    large.seconds = min(large.seconds, again.seconds)
                    large.cpuSeconds = min(large.cpuSeconds, again.cpuSeconds)
                }
            }
        }
        rows.append(large)
        let rate = Double(messages - messages / 10) / max(large.seconds - small.seconds, 1e-9)
        let eventRate = Double(large.events - small.events) / max(large.seconds - small.seconds, 1e-9)
        let others = messages / 10
        rows.append(measure("stream: 6 partitions, 3 groups", messages: others) { stream(messages: $0) })
        rows.append(measure("topic exchange to 8 queues", messages: others) { fanout(messages: $0) })
        rows.append(measure("retry, DLQ, TTL, priority", messages: others) { policies(messages: $0) })

        var text = "model                             messages      wall s     cpu s  messages/s    events/s  peak MiB\n"
        for row in rows {
            text += pad(row.model, 30) + lpad(grouped(row.messages), 11) + lpad(String(format: "%.3f", row.seconds), 12)
                + lpad(String(format: "%.3f", row.cpuSeconds), 10)
                + lpad(millions(Double(row.messages) / row.seconds), 12) + lpad(millions(Double(row.events) / row.seconds), 12)
                + lpad(row.peakMiB.map { String(format: "%.1f", $0) } ?? "-", 10) + "\n"
        }
        text += """

        M/M/1 rate     \(millions(rate)) messages/s, \(millions(eventRate)) events/s (from the difference of the two runs)
        M/M/1 wait     \(String(format: "%.3f", large.meanWait)) s mean queue wait (theory: 9.000 s)

        """
        if let hand {
            text += """
            hand loop      \(grouped(messages)) messages of M/M/1 in \(String(format: "%.3f", hand.seconds)) s wall, \
            \(String(format: "%.3f", hand.cpuSeconds)) s cpu (fastest of \(rounds)); mqlab \(String(format: "%.3f", large.seconds)) s \
            and \(String(format: "%.3f", large.cpuSeconds)) s: \(String(format: "%.2f", large.seconds / hand.seconds))× the hand loop's \
            wall time, \(String(format: "%.2f", large.cpuSeconds / hand.cpuSeconds))× its cpu time

            """
        }
        if let simpyRate {
            let ours = Double(messages) / large.seconds
            text += """
            SimPy          \(millions(simpyRate)) messages/s of M/M/1 with \(grouped(max(messages / 50, 1_000))) messages (fastest of \(rounds)); \
            mqlab \(millions(ours)) messages/s: \(String(format: "%.0f", ours / simpyRate))× SimPy

            """
        }
        text += """
        memory         peak resident set of each run (VmHWM, reset before it)\(peakIsPerRun ? "" : "; not resettable here: the process's peak so far")
        models         the last three with \(grouped(others)) messages each; an exchange copy or a group's read is not a message
        \(buildNote)
        """
        console.out(text)
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

    /// One benchmark run: what was run, how long it took [s] (wall clock, and the process's
    /// cpu time: steadier on a busy machine), its events, and the peak memory.
    struct Row {
        var model: String
        var messages: Int
        var seconds: Double
        var cpuSeconds: Double
        var events: Int
        var meanWait: Double
        /// Peak resident memory [MiB]; nil where it cannot be read.
        var peakMiB: Double?
    }

    /// Runs `run(messages)` once, timing it and reading its peak memory.
    static func measure(_ model: String, messages: Int, _ run: (Int) -> RunOutcome) -> Row {
        resetPeakResident()
        let cpuStart = processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = run(messages)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        return Row(model: model, messages: messages, seconds: seconds, cpuSeconds: processCPUSeconds() - cpuStart,
                   events: outcome.result.events,
                   meanWait: outcome.report.latency.queueWait.mean ?? .nan, peakMiB: peakResidentMiB())
    }

    /// The ideal M/M/1 queue of the targets, built in code.
    static func mm1(messages: Int) -> RunOutcome {
        Runner.run(model: SystemModel(
            name: "bench-mm1", seed: 7,
            queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .poisson(ratePerSecond: 0.9), count: messages)],
            consumers: [ConsumerConfiguration(name: "c", source: QueueID(0), service: .exponential(mean: 1))]))
    }

    /// A 6-partition stream with keyed records (600/s) read by 3 consumer groups of 3, 2 and
    /// 6 members (busy 80%, 60% and 80%).
    static func stream(messages: Int) -> RunOutcome {
        run(scenario: """
        {"version": 1, "name": "bench-stream", "seed": 7,
         "brokers": [{"name": "events", "type": "stream", "partitions": 6, "retention": "1h"}],
         "producers": [{"name": "p", "publishTo": "events", "arrivals": {"poisson": {"rate": 600}},
                        "message": {"keys": {"count": 1000}}, "count": \(messages)}],
         "consumers": [
           {"name": "g1", "consumeFrom": "events", "group": "g1", "instances": 3, "service": {"exponential": {"mean": "4ms"}}},
           {"name": "g2", "consumeFrom": "events", "group": "g2", "instances": 2, "service": {"exponential": {"mean": "2ms"}}},
           {"name": "g3", "consumeFrom": "events", "group": "g3", "instances": 6, "service": {"exponential": {"mean": "8ms"}}}]}
        """)
    }

    /// A topic exchange (100/s) whose 8 bindings all match, so every message is copied to 8
    /// queues of one consumer each (busy 70%).
    static func fanout(messages: Int) -> RunOutcome {
        let queues = (1...8).map { "q\($0)" }
        let bindings = queues.map { #"{"queue": "\#($0)", "bindingKey": "order.#"}"# }.joined(separator: ", ")
        let brokers = queues.map { #"{"name": "\#($0)"}"# }.joined(separator: ", ")
        let consumers = queues.map {
            #"{"name": "c-\#($0)", "consumeFrom": "\#($0)", "service": {"exponential": {"mean": "7ms"}}}"#
        }.joined(separator: ", ")
        return run(scenario: """
        {"version": 1, "name": "bench-fanout", "seed": 7,
         "brokers": [{"name": "orders", "type": "exchange", "exchangeType": "topic", "bindings": [\(bindings)]}, \(brokers)],
         "producers": [{"name": "shop", "publishTo": "orders", "arrivals": {"poisson": {"rate": 100}},
                        "message": {"routingKey": "order.created"}, "count": \(messages)}],
         "consumers": [\(consumers)]}
        """)
    }

    /// A priority queue (levels 0 … 9) with a queue TTL of 2 s and a dead-letter queue; half
    /// the messages are urgent with a TTL of 1 s; 10% of attempts fail and are retried with
    /// exponential backoff and jitter up to 3 attempts (8 workers, busy about 85%). About 0.3%
    /// of the messages are dead-lettered, two thirds of them expired.
    static func policies(messages: Int) -> RunOutcome {
        run(scenario: """
        {"version": 1, "name": "bench-policies", "seed": 7,
         "brokers": [
           {"name": "jobs", "type": "queue", "maxPriority": 9, "messageTTL": "2s", "deadLetter": {"queue": "jobs-dlq"}},
           {"name": "jobs-dlq", "type": "queue"}],
         "producers": [
           {"name": "urgent", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 30}},
            "message": {"priority": 9, "ttl": "1s"}, "count": \(messages / 2)},
           {"name": "batch", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 30}},
            "message": {"priority": 0}, "count": \(messages - messages / 2)}],
         "consumers": [
           {"name": "workers", "consumeFrom": "jobs", "instances": 8, "service": {"exponential": {"mean": "110ms"}},
            "failureRate": 0.1,
            "retry": {"maxAttempts": 3, "backoff": {"exponential": {"initial": "100ms", "multiplier": 2, "max": "2s"}}, "jitter": "full"}},
           {"name": "dlq-reader", "consumeFrom": "jobs-dlq", "service": {"constant": "1ms"}}]}
        """)
    }

    /// Decodes and runs one of the scenarios above (they are fixed: a decoding error is a bug).
    static func run(scenario json: String) -> RunOutcome {
        do {
            return Runner.run(try Scenario.decode(Data(json.utf8), file: "bench"))
        } catch {
            preconditionFailure("bench scenario does not decode: \(error)")
        }
    }

    /// Cpu time this process has used [s] (user and system).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Cpu time of the child processes that have ended [s] (user and system).
    static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }

    /// Runs the hand loop at `path` for `messages` M/M/1 messages: its own wall time [s] (from
    /// its output) and its cpu time [s] (the whole process, start-up included).
    static func runHandLoop(_ path: String, messages: Int) -> (seconds: Double, cpuSeconds: Double)? {
        let cpuStart = childrenCPUSeconds()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--model", "mm1", "--n", String(messages)]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let seconds = object["wall_s"] as? Double else { return nil }
        return (seconds, childrenCPUSeconds() - cpuStart)
    }

    /// Runs the SimPy model (`command --model mm1 --n N`): its messages per second (from its
    /// output), or nil when it does not print the JSON line of simpy_mq.py.
    static func runSimPy(_ command: [String], messages: Int) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + ["--model", "mm1", "--n", String(messages)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let rate = object["msgs_per_s"] as? Double, rate > 0 else { return nil }
        return rate
    }

    /// Whether `resetPeakResident` works here (Linux lets a process reset its VmHWM).
    nonisolated(unsafe) static var peakIsPerRun = false

    /// Resets the process's peak resident set size to its current size (Linux:
    /// `/proc/self/clear_refs`, value 5; see proc(5)), so the next reading is one run's peak.
    static func resetPeakResident() {
        peakIsPerRun = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    }

    /// Peak resident set size of this process [MiB]: VmHWM from /proc/self/status on Linux,
    /// else the `getrusage` maximum.
    static func peakResidentMiB() -> Double? {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kib = Double(line.split(separator: " ").dropFirst().first ?? "") {
            return kib / 1024
        }
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024          // KiB on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576     // bytes on macOS
        #endif
    }

    static func millions(_ x: Double) -> String { String(format: "%.2fM", x / 1e6) }
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
    static func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) }
    static func lpad(_ s: String, _ width: Int) -> String { s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s }
}
