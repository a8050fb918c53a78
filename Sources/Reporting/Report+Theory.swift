import MessagingModels
import QueueingTheory
import SimulationKernel

/// Queueing theory beside the simulation: for each queue, the closed-form prediction when a
/// model describes it (or the plain reason none does), and Little's law on its measured
/// figures.
extension Report {
    /// What theory says about one queue (`brokers.<name>.theory`): the model and its figures,
    /// or `model` null and the `reason` no model applies.
    public struct TheoryFigures: Codable, Sendable, Equatable {
        /// Kendall name with the number of servers ("M/M/4", "M/D/1", "M/M/2/10", "M/M/∞"); nil
        /// when no model applies.
        public var model: String?
        /// Why no model applies; nil when one does.
        public var reason: String?
        /// Offered load per server (0 … ∞); ≥ 1 without a capacity means no steady state.
        public var utilization: Double?
        public var stable: Bool?
        /// Probability that a message waits, and (with a capacity) that one is turned away.
        public var probabilityOfWaiting: Double?
        public var blockingProbability: Double?
        /// Waiting time and time in the system [s], mean and the percentiles the model gives.
        public var queueWait: TheoryTimes?
        public var endToEnd: TheoryTimes?
        /// Mean number waiting (time average).
        public var queueLength: Double?
    }

    /// A predicted time's mean and percentiles [s]; nil where the model gives none.
    public struct TheoryTimes: Codable, Sendable, Equatable {
        public var mean: Double?
        public var p50: Double?
        public var p95: Double?
        public var p99: Double?
    }

    /// Little's law on one queue's measured figures (`brokers.<name>.littlesLaw`): the mean
    /// number waiting L against λ·W, where λ is the rate of measured messages that reached a
    /// consumer (queue-wait samples over the measured window) and W their mean queue wait.
    /// Over a run that drains, the two agree up to the window's edges; a larger λ·W means
    /// messages waited outside the queue's depth (in prefetch buffers, retry backoffs, delays).
    public struct LittlesLawFigures: Codable, Sendable, Equatable {
        /// λ [messages/s], W [s], L (time-weighted mean depth), λ·W, and (λ·W − L) / L.
        public var arrivalRate: Double
        public var meanWait: Double
        public var meanDepth: Double
        public var lambdaW: Double
        public var relativeDifference: Double?
    }

    /// Adds `theory` and `littlesLaw` to every queue of the report of a run of `model`.
    public mutating func addTheory(for model: SystemModel, result: SimulationResult) {
        let window = max(0, (result.end - result.warmup).seconds)
        let verdicts = model.theoryForEveryQueue()
        for (index, queue) in model.queues.enumerated() where brokers[queue.name] != nil {
            brokers[queue.name]?.theory = TheoryFigures(verdicts[index])
            let metrics = result.metrics.queues[index]
            let waits = metrics.latency.queueWait
            guard window > 0, let meanWait = waits.mean else { continue }
            let rate = Double(waits.count) / window
            let depth = metrics.depth.mean(until: result.end)
            let lambdaW = rate * meanWait
            brokers[queue.name]?.littlesLaw = LittlesLawFigures(
                arrivalRate: rate, meanWait: meanWait, meanDepth: depth, lambdaW: lambdaW,
                relativeDifference: depth > 0 ? (lambdaW - depth) / depth : nil)
        }
    }
}

extension Report.TheoryFigures {
    init(_ verdict: QueueTheoryVerdict) {
        switch verdict {
        case .notApplicable(let reason):
            self.init(reason: reason)
        case .model(let system, let p):
            self.init(model: Self.name(system, p), utilization: p.utilization, stable: p.stable,
                      probabilityOfWaiting: p.stable ? p.probabilityOfWaiting : nil,
                      blockingProbability: system.systemCapacity != nil ? p.blockingProbability : nil,
                      queueWait: p.stable ? Report.TheoryTimes(p.queueWait) : nil,
                      endToEnd: p.stable ? Report.TheoryTimes(p.endToEnd) : nil,
                      queueLength: p.queueLengthMean)
        }
    }

    /// "M/M/4" rather than "M/M/c": the model with its number of servers (and capacity K).
    static func name(_ system: QueueingSystem, _ p: QueueingPrediction) -> String {
        let parts = p.model.split(separator: "/").map(String.init)
        return parts.enumerated().map { index, part in
            switch (index, part, system.servers) {
            case (2, "c", .finite(let c)): return "\(c)"
            case (3, "K", _): return system.systemCapacity.map(String.init) ?? part
            default: return part
            }
        }.joined(separator: "/")
    }
}

extension Report.TheoryTimes {
    init(_ figures: QueueingPrediction.Figures) {
        self.init(mean: figures.mean, p50: figures.p50, p95: figures.p95, p99: figures.p99)
    }
}
