import Expectations
import Foundation
import MessagingModels
import Reporting
import ScenarioFormat
import SimulationKernel

/// A message whose journey shows why a requirement failed: the message processed twice, the
/// one dead-lettered, dropped, expired or lost, the one still waiting at the end, the one
/// with the longest latency or the most attempts — with the steps of its journey.
public struct Witness: Sendable, Codable, Equatable {
    /// The failed requirement's metric.
    public var metric: String
    /// The message, numbered from 1 in publish order (`mqlab trace --message ID` shows it).
    public var message: UInt64
    /// What the journey shows, in one sentence.
    public var summary: String
    /// The journey's first steps and its last ones (all of them when it is short).
    public var journey: [Step]
    /// Steps of the journey left out between the first and the last ones shown.
    public var omittedSteps: Int

    /// One step of the journey: time [s], what happened, where.
    public struct Step: Sendable, Codable, Equatable {
        public var time: Double
        public var event: String
        public var entity: String
    }

    /// What kind of message shows a failure of `result`, or nil when no single message can
    /// (ordering violations need a pair and their keys; utilization and rates are no one
    /// message's doing).
    enum Rule: Equatable {
        case processedTwice, settled(prefix: String, verb: String), mostAttempts, remaining
        case slowest(queueWaitOnly: Bool)
    }

    static func rule(for result: ExpectationResult) -> Rule? {
        let metric = result.metric
        let last = String(ReportPath(metric).lastComponent)
        // Whether the run had too much of the measured figure (else too little).
        let tooHigh: Bool = {
            guard let measured = result.measured else { return false }
            switch result.op {
            case "<", "<=": return true
            case ">", ">=": return false
            default: return measured > result.expected
            }
        }()
        if metric.contains("duplicate") { return tooHigh ? .processedTwice : nil }
        if metric.hasPrefix("latency.") || metric.contains(".latency.") {
            // Per-priority and per-queue statistics are end-to-end unless they say otherwise.
            guard tooHigh, !metric.contains("processing"), !metric.contains("retryDelay") else { return nil }
            return .slowest(queueWaitOnly: metric.contains("queueWait"))
        }
        // A queue that grew too deep: its longest wait shows how long the backlog held a message.
        if metric.contains(".depth.") { return tooHigh ? .slowest(queueWaitOnly: true) : nil }
        switch last {
        case "deadLettered": return tooHigh ? .settled(prefix: "deadLetter", verb: "was dead-lettered") : .mostAttempts
        case "dropped": return tooHigh ? .settled(prefix: "drop", verb: "was dropped") : nil
        case "expired": return tooHigh ? .settled(prefix: "expire", verb: "expired") : nil
        case "lost": return tooHigh ? .settled(prefix: "lose", verb: "was lost") : nil
        case "remaining": return tooHigh ? .remaining : nil
        case "redeliveries": return tooHigh ? .mostAttempts : nil
        default: return nil
        }
    }

    /// A witness of the first of `results` (failed requirements, in order) that one message
    /// can show, in a run of `scenario` with `seed`.
    public static func find(forFirstOf results: [ExpectationResult], in scenario: Scenario, seed: UInt64) -> Witness? {
        for result in results where rule(for: result) != nil {
            if let witness = find(for: result, in: scenario, seed: seed) { return witness }
        }
        return nil
    }

    /// Finds a witness of the failed `result` in a run of `scenario` with `seed`: one run that
    /// watches every step to choose the message, one that records its journey. Nil when no
    /// single message shows this kind of failure, or none in this run does.
    public static func find(for result: ExpectationResult, in scenario: Scenario, seed: UInt64,
                            head: Int = 10, tail: Int = 4) -> Witness? {
        guard let rule = rule(for: result) else { return nil }
        let queue = Self.queueName(in: result.metric, names: scenario.model.queues.map(\.name))
        let finder = WitnessFinder(rule: rule, queue: queue)
        let options = Runner.Options(seed: seed)
        _ = Runner.run(scenario, options: options) { $0.trace = { finder.offer($0) } }
        guard let (id, summary) = finder.choice() else { return nil }
        let journey = JourneyRecorder(message: id, head: head, tail: tail)
        _ = Runner.run(scenario, options: options) { $0.trace = { journey.offer($0) } }
        return Witness(metric: result.metric, message: id, summary: summary, journey: journey.steps,
                       omittedSteps: journey.omitted)
    }

    /// The queue a metric is about (`brokers.<q>.…`, `ledger.destinations.<q>.…`), if any:
    /// the longest of `names` (the scenario's queues) the path continues with, so a queue
    /// whose name contains a dot is found whole, else the key after the map.
    static func queueName(in metric: String, names: [String]) -> String? {
        let path = ReportPath(metric)
        for map: ReportPath in ["brokers", "ledger.destinations"] {
            guard let rest = path.remainder(after: map) else { continue }
            let name = ReportPath.longestName(names, startingAt: rest) ?? ReportPath.firstSegment(of: rest)
            // A figure of the entity, not the entity's whole object.
            return rest.count > name.count ? name : nil
        }
        return nil
    }
}

/// Watches a run's steps and keeps what it needs per message to choose a witness.
final class WitnessFinder: @unchecked Sendable {
    struct Seen {
        var published: SimTime
        var firstStart: SimTime?
        var starts = 0
        /// The instance of the last start, and whether it ended (ack, fail, timeout) before
        /// another began.
        var lastInstance = ""
        var lastStart: SimTime = .zero
        var lastEnded = true
        var settled = false
    }

    let rule: Witness.Rule
    let queue: String?
    private var seen: [UInt64: Seen] = [:]
    private var chosen: (id: UInt64, summary: String)?
    private var best: (id: UInt64, value: SimDuration)?
    private var mostAttempts: (id: UInt64, starts: Int)?

    init(rule: Witness.Rule, queue: String?) {
        self.rule = rule
        self.queue = queue
    }

    func offer(_ entry: TraceEntry) {
        let id = entry.messageID
        guard id != 0, chosen == nil else { return }
        if entry.kind == "publish" {
            if seen[id] == nil { seen[id] = Seen(published: entry.time) }
            return
        }
        guard var state = seen[id] else { return }
        if let queue, !entry.queue.isEmpty, entry.queue != queue { return }
        switch entry.kind {
        case "start":
            if rule == .processedTwice, state.starts > 0, !state.lastEnded, state.lastInstance != entry.entity {
                chosen = (id, "m\(id) was processed twice at once: \(state.lastInstance) started it at \(Self.format(state.lastStart)) and \(entry.entity) at \(Self.format(entry.time)) before the first finished (a second copy delivered while the first was still in progress)")
            }
            state.starts += 1
            state.firstStart = state.firstStart ?? entry.time
            state.lastInstance = entry.entity
            state.lastStart = entry.time
            state.lastEnded = false
            if rule == .slowest(queueWaitOnly: true), state.starts == 1 {
                consider(id, entry.time - state.published)
            }
            if state.starts > (mostAttempts?.starts ?? 0) { mostAttempts = (id, state.starts) }
        case "ack":
            state.lastEnded = true
            state.settled = true
            if rule == .slowest(queueWaitOnly: false) { consider(id, entry.time - state.published) }
        case "fail", "timeout", "lateAck":
            state.lastEnded = true
        default:
            if case .settled(let prefix, let verb) = rule, entry.kind.hasPrefix(prefix) {
                let reason = entry.kind.split(separator: ":").dropFirst().first.map { " (\($0))" } ?? ""
                chosen = (id, "m\(id) \(verb)\(reason) in \(entry.queue.isEmpty ? entry.entity : entry.queue) at \(Self.format(entry.time)) (published at \(Self.format(state.published)); \(Self.attempts(state.starts)))")
            }
            if ["deadLetter", "drop", "lose", "expire"].contains(where: entry.kind.hasPrefix) { state.settled = true }
        }
        seen[id] = state
    }

    private func consider(_ id: UInt64, _ value: SimDuration) {
        if let best, value <= best.value { return }
        best = (id, value)
    }

    /// The chosen message and what its journey shows.
    func choice() -> (UInt64, String)? {
        if let chosen { return chosen }
        switch rule {
        case .slowest(let queueWaitOnly):
            guard let best, let state = seen[best.id] else { return nil }
            return (best.id, "m\(best.id) had the longest \(queueWaitOnly ? "queue wait" : "end-to-end latency"), \(Formatting.duration(best.value.seconds)): published at \(Self.format(state.published)), first started at \(state.firstStart.map(Self.format) ?? "never"); \(Self.attempts(state.starts)) in all")
        case .mostAttempts:
            guard let most = mostAttempts, most.starts > 1 else { return nil }
            let fate = seen[most.id]?.settled == true ? "" : ", and was never acked or set aside"
            return (most.id, "m\(most.id) was attempted \(Formatting.count(most.starts)) times\(fate): a message that keeps failing goes back to the queue instead of to a dead-letter queue")
        case .remaining:
            guard let (id, state) = seen.filter({ !$0.value.settled }).min(by: { $0.key < $1.key }) else { return nil }
            return (id, "m\(id), published at \(Self.format(state.published)), was neither acked nor set aside when the run ended (\(Self.attempts(state.starts)))")
        default:
            return nil
        }
    }

    static func attempts(_ count: Int) -> String {
        count == 0 ? "never started" : count == 1 ? "1 attempt" : "\(Formatting.count(count)) attempts"
    }

    /// An instant of the run, to the millisecond ("3.000 s").
    static func format(_ time: SimTime) -> String { String(format: "%.3f s", time.seconds) }
}

/// Records the first `head` and the last `tail` steps of one message (a message requeued
/// thousands of times has a long journey; its start and its end tell the story).
final class JourneyRecorder: @unchecked Sendable {
    let message: UInt64
    let head: Int
    let tail: Int
    private var first: [Witness.Step] = []
    private var last: [Witness.Step] = []
    private var total = 0

    init(message: UInt64, head: Int, tail: Int) {
        self.message = message
        self.head = head
        self.tail = tail
    }

    func offer(_ entry: TraceEntry) {
        guard entry.messageID == message else { return }
        let step = Witness.Step(time: entry.time.seconds, event: entry.kind, entity: entry.entity)
        total += 1
        if first.count < head {
            first.append(step)
        } else {
            last.append(step)
            if last.count > tail { last.removeFirst() }
        }
    }

    var steps: [Witness.Step] { first + last }
    var omitted: Int { total - first.count - last.count }
}
