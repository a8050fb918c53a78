/// Steady-state figures of a `QueueingSystem`. Times in seconds, lengths in customers.
///
/// When the system is unstable (`stable == false`: utilization ≥ 1 without a capacity limit)
/// there is no steady state: the means and percentiles are nil, because the queue grows
/// without bound and what a finite run measures is a transient.
public struct QueueingPrediction: Sendable, Equatable {
    /// Kendall name of the model used ("M/M/c", "M/D/1", …).
    public var model: String
    /// Offered load per server ρ = λ·E[S] / c (0 for infinitely many servers).
    public var utilization: Double
    /// Whether a steady state exists: ρ < 1, or a finite system capacity.
    public var stable: Bool
    /// Probability that an admitted arrival waits before its service starts (0 … 1).
    public var probabilityOfWaiting: Double
    /// Probability that an arrival is turned away because the system is full (M/M/c/K); 0
    /// without a capacity limit.
    public var blockingProbability: Double
    /// Rate of arrivals that enter the system, λ·(1 − blocking) [1/s].
    public var admittedRatePerSecond: Double
    /// Waiting time before service starts (Wq) of admitted arrivals [s].
    public var queueWait: Figures
    /// Time in the system, waiting plus service (W) [s].
    public var endToEnd: Figures
    /// Mean number waiting (Lq), time average; nil when unstable.
    public var queueLengthMean: Double?
    /// Mean number in the system (L), time average; nil when unstable.
    public var systemLengthMean: Double?

    /// A time's mean and the percentiles the model gives in closed form [s]; nil where the
    /// model gives none (or the system is unstable).
    public struct Figures: Sendable, Equatable {
        public var mean: Double?
        public var p50: Double?
        public var p95: Double?
        public var p99: Double?
        public init(mean: Double?, p50: Double? = nil, p95: Double? = nil, p99: Double? = nil) {
            self.mean = mean
            self.p50 = p50
            self.p95 = p95
            self.p99 = p99
        }
    }
}
