import MessagingModels
import ScenarioFormat
import SimulationKernel

/// Confidence intervals from one long run by the method of batch means: the measured
/// messages' latencies, in the order they were observed, are cut into K batches of equal
/// size; the K batch means are treated as (nearly) independent observations of the mean, so
/// mean ± t(0.975, K−1)·s/√K is its 95% interval.
///
/// The latencies come from the run's trace (publish, first processing start, ack of each
/// message through a queue), since the report keeps only histograms: a queue wait is
/// observed when processing first starts, an end-to-end time when the message is acked, for
/// messages published after the warm-up — the same observations as the report's
/// `latency.queueWait` and `latency.endToEnd`. Streams (consumer groups) and initial backlogs
/// are not traced this way and are not included. Tracing slows the run (a step value per
/// event), and the run's measured latencies and the publish time of each measured message
/// are kept in memory (some tens of bytes per message: millions of messages, not billions).
/// With several queues, their latencies are batched together, in the order observed.
///
/// Batches must be long compared with the correlation of successive waits (with a heavily
/// loaded queue, thousands of messages each); with too few observations per batch the
/// interval is too narrow. 10 to 30 batches is the usual choice.
/// - Note: Source: Law, Simulation Modeling and Analysis (5th ed., 2015), §9.5.3 (batch means).
public struct BatchMeans: Sendable {
    /// A latency's batch-means estimate.
    public struct Figure: Sendable, Equatable {
        /// Observations used: batches × batchSize (those past the last full batch are left out).
        public var observations: Int
        public var batchSize: Int
        /// Mean of the batch means with its 95% half-width (K − 1 degrees of freedom).
        public var estimate: Estimate
    }

    public var batches: Int
    /// Queue wait (publish to first processing start) [s]; nil with fewer observations than batches.
    public var queueWait: Figure?
    /// End to end (publish to ack) [s]; nil with fewer observations than batches.
    public var endToEnd: Figure?
    /// Latencies traced in the measured period (queue wait, end to end): when fewer than the
    /// batches, there is no estimate.
    public var observed: (queueWait: Int, endToEnd: Int) = (0, 0)

    /// The batch-means estimate of `observations` (in observation order) with `batches` batches.
    static func figure(_ observations: [Double], batches: Int) -> Figure? {
        let size = observations.count / batches
        guard size >= 1, batches >= 2 else { return nil }
        let means = (0..<batches).map { b -> Double in
            var sum = 0.0
            for value in observations[(b * size)..<((b + 1) * size)] { sum += value }
            return sum / Double(size)
        }
        return Figure(observations: size * batches, batchSize: size, estimate: Estimate(means))
    }

    /// Runs `scenario` once with `options`, tracing latencies, and returns the run with the
    /// batch-means estimates from `batches` batches (≥ 2).
    public static func run(_ scenario: Scenario, batches: Int, options: Runner.Options = Runner.Options()) -> (outcome: RunOutcome, batchMeans: BatchMeans) {
        precondition(batches >= 2)
        let collector = LatencyCollector(warmupNanoseconds: scenario.model.warmup.nanoseconds)
        let outcome = Runner.run(scenario, options: options) { simulation in
            simulation.trace = { collector.observe($0) }
        }
        return (outcome, BatchMeans(batches: batches,
                                    queueWait: figure(collector.queueWaits, batches: batches),
                                    endToEnd: figure(collector.endToEnds, batches: batches),
                                    observed: (collector.queueWaits.count, collector.endToEnds.count)))
    }
}

/// Rebuilds per-message latencies from trace steps. One per run, used on the run's thread.
private final class LatencyCollector {
    let warmupNanoseconds: Int64
    /// Publish instant of each measured message still in flight, by id.
    var published: [UInt64: Int64] = [:]
    /// Copies (id, queue) whose processing has started.
    var started: Set<String> = []
    var queueWaits: [Double] = []
    var endToEnds: [Double] = []

    init(warmupNanoseconds: Int64) { self.warmupNanoseconds = warmupNanoseconds }

    func observe(_ entry: TraceEntry) {
        switch entry.kind {
        case "publish":
            if entry.time.nanoseconds >= warmupNanoseconds { published[entry.messageID] = entry.time.nanoseconds }
        case "start":
            guard let at = published[entry.messageID] else { return }
            if started.insert("\(entry.messageID)/\(entry.queue)").inserted {
                queueWaits.append(Double(entry.time.nanoseconds - at) / 1e9)
            }
        case "ack":
            guard let at = published[entry.messageID] else { return }
            endToEnds.append(Double(entry.time.nanoseconds - at) / 1e9)
        default:
            return
        }
    }
}
