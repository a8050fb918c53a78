import Foundation

/// Closed-form steady-state figures of queues with Poisson arrivals: M/M/1, M/M/c (Erlang C),
/// M/M/c/K, M/D/1 and M/G/1 (Pollaczek–Khinchine), M/M/∞ (and M/G/∞).
///
/// Pure functions of their arguments; knows nothing of messaging or of the simulator.
public enum SteadyState {
    /// The percentiles reported for waiting and sojourn times (fractions).
    public static let percentiles: [Double] = [0.5, 0.95, 0.99]

    /// Steady-state figures of `system`.
    ///
    /// - M/M/c (c ≥ 1): P(wait) = Erlang C; Wq = C / (cμ − λ); P(Wq > t) = C·e^{−(cμ−λ)t}, so
    ///   the p-percentile of Wq is 0 when 1 − p ≥ C and ln(C / (1 − p)) / (cμ − λ) otherwise;
    ///   for c = 1 the sojourn time is exponential with rate μ − λ.
    /// - M/D/1, M/G/1: Pollaczek–Khinchine mean value, Wq = ρ·E[S]·(1 + SCV) / (2(1 − ρ)),
    ///   P(wait) = ρ; no percentiles.
    /// - M/M/c/K: birth–death probabilities pₙ ∝ aⁿ/n! (n ≤ c), ∝ a^c/c!·ρ^{n−c} (c < n ≤ K);
    ///   blocking = p_K; Lq = Σ (n − c)·pₙ; Wq = Lq / λ(1 − p_K) (Little on the admitted rate).
    /// - M/M/∞ and M/G/∞: nobody waits; L = λ·E[S] for any service law.
    /// Lq = λ·Wq and L = λ·W (Little's law) everywhere.
    /// - Parameter system: rates > 0 and finite, service mean > 0, SCV ≥ 0, K ≥ c ≥ 1.
    /// - Returns: the figures; means and percentiles are nil when ρ ≥ 1 without a capacity.
    /// - Throws: `QueueingTheoryError.invalidParameter` for values outside those ranges,
    ///   `.noClosedForm` for M/G/c with c > 1 and for non-exponential service with a capacity.
    /// - Note: Source: Kleinrock, Queueing Systems Vol. 1: Theory (1975), §3.2 (M/M/1), §3.5
    ///   (M/M/m, Erlang C), §3.6–3.7 (M/M/∞, M/M/m/K), §5.5–5.6 (M/G/1, Pollaczek–Khinchine
    ///   mean-value formula); Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory
    ///   (4th ed.), §2.3 (M/M/c waiting-time distribution), §2.5 (M/M/c/K); Little, "A Proof for
    ///   the Queuing Formula: L = λW", Operations Research 9(3), 1961.
    public static func predict(_ system: QueueingSystem) throws(QueueingTheoryError) -> QueueingPrediction {
        let lambda = system.arrivalRatePerSecond
        let mean = system.service.meanSeconds
        let scv = system.service.squaredCoefficientOfVariation
        guard lambda.isFinite, lambda > 0 else { throw .invalidParameter("arrival rate must be > 0 and finite, found \(lambda)") }
        guard mean.isFinite, mean > 0 else { throw .invalidParameter("service mean must be > 0 and finite, found \(mean)") }
        guard scv.isFinite, scv >= 0 else { throw .invalidParameter("service SCV must be ≥ 0 and finite, found \(scv)") }
        let offered = lambda * mean
        guard case .finite(let servers) = system.servers else {
            return infiniteServers(system, offeredLoad: offered)
        }
        guard servers >= 1 else { throw .invalidParameter("servers must be ≥ 1, found \(servers)") }
        if let capacity = system.systemCapacity {
            guard capacity >= servers else {
                throw .invalidParameter("system capacity K must be ≥ the \(servers) servers, found \(capacity)")
            }
            guard case .exponential = system.service else {
                throw .noClosedForm("a capacity limit has a closed form only with exponential service (M/M/c/K); \(system.modelName) has none")
            }
            return truncated(system, servers: servers, waitingRoom: capacity - servers)
        }
        let rho = offered / Double(servers)
        if case .exponential = system.service {} else if servers > 1 {
            throw .noClosedForm("\(system.modelName) (non-exponential service with more than one server) has no closed form")
        }
        guard rho < 1 else {
            return QueueingPrediction(
                model: system.modelName, utilization: rho, stable: false, probabilityOfWaiting: 1,
                blockingProbability: 0, admittedRatePerSecond: lambda, queueWait: .init(mean: nil),
                endToEnd: .init(mean: nil), queueLengthMean: nil, systemLengthMean: nil)
        }
        let pWait: Double
        var queueWait: QueueingPrediction.Figures
        var endToEnd: QueueingPrediction.Figures
        if case .exponential = system.service {
            pWait = ErlangFormulas.delayProbability(servers: servers, offeredLoad: offered)
            let decay = (Double(servers) - offered) / mean          // cμ − λ [1/s]
            let waitQuantiles = percentiles.map { p in 1 - p >= pWait ? 0 : log(pWait / (1 - p)) / decay }
            queueWait = .init(mean: pWait / decay, p50: waitQuantiles[0], p95: waitQuantiles[1], p99: waitQuantiles[2])
            endToEnd = .init(mean: pWait / decay + mean)
            if servers == 1 {
                let q = percentiles.map { -log1p(-$0) / decay }    // sojourn ~ Exp(μ − λ)
                endToEnd = .init(mean: pWait / decay + mean, p50: q[0], p95: q[1], p99: q[2])
            }
        } else {
            pWait = rho
            let wq = rho * mean * (1 + scv) / (2 * (1 - rho))
            queueWait = .init(mean: wq)
            endToEnd = .init(mean: wq + mean)
        }
        return QueueingPrediction(
            model: system.modelName, utilization: rho, stable: true, probabilityOfWaiting: pWait,
            blockingProbability: 0, admittedRatePerSecond: lambda, queueWait: queueWait, endToEnd: endToEnd,
            queueLengthMean: lambda * (queueWait.mean ?? 0), systemLengthMean: lambda * (endToEnd.mean ?? 0))
    }

    /// M/M/∞ (M/G/∞): no waiting; the time in system is the service time.
    static func infiniteServers(_ system: QueueingSystem, offeredLoad: Double) -> QueueingPrediction {
        let mean = system.service.meanSeconds
        var endToEnd = QueueingPrediction.Figures(mean: mean)
        switch system.service {
        case .exponential:
            let q = percentiles.map { -log1p(-$0) * mean }
            endToEnd = .init(mean: mean, p50: q[0], p95: q[1], p99: q[2])
        case .constant:
            endToEnd = .init(mean: mean, p50: mean, p95: mean, p99: mean)
        case .general:
            break
        }
        return QueueingPrediction(
            model: system.modelName, utilization: 0, stable: true, probabilityOfWaiting: 0,
            blockingProbability: 0, admittedRatePerSecond: system.arrivalRatePerSecond,
            queueWait: .init(mean: 0, p50: 0, p95: 0, p99: 0), endToEnd: endToEnd,
            queueLengthMean: 0, systemLengthMean: offeredLoad)
    }

    /// M/M/c/K with N = K − c waiting places. Probabilities are taken relative to p_c (or, when
    /// ρ > 1, to p_K) so nothing overflows for large c or K.
    static func truncated(_ system: QueueingSystem, servers: Int, waitingRoom n: Int) -> QueueingPrediction {
        let lambda = system.arrivalRatePerSecond
        let mean = system.service.meanSeconds
        let offered = lambda * mean
        let rho = offered / Double(servers)
        let erlangB = ErlangFormulas.lossProbability(servers: servers, offeredLoad: offered)
        let belowServers = 1 / erlangB - 1                  // Σ_{n<c} pₙ / p_c
        let blocking: Double, waitingMass: Double, queueLength: Double
        if rho <= 1 {
            let (plain, weighted) = GeometricSums.sums(ratio: rho, upTo: n)
            let last = pow(rho, Double(n))
            let pc = 1 / (belowServers + plain)
            blocking = pc * last
            waitingMass = pc * (plain - last)
            queueLength = pc * weighted
        } else {
            // Divide every term by ρ^N: ρ^j / ρ^N = s^{N−j} with s = 1/ρ < 1.
            let (plain, weighted) = GeometricSums.sums(ratio: 1 / rho, upTo: n)
            let pK = 1 / (belowServers * exp(-Double(n) * log(rho)) + plain)
            blocking = pK
            waitingMass = pK * (plain - 1)
            queueLength = pK * (Double(n) * plain - weighted)
        }
        let admitted = lambda * (1 - blocking)
        let wq = admitted > 0 ? queueLength / admitted : 0
        let noWaiting = n == 0 ? 0.0 : nil
        return QueueingPrediction(
            model: system.modelName, utilization: rho, stable: true,
            probabilityOfWaiting: blocking < 1 ? waitingMass / (1 - blocking) : 0,
            blockingProbability: blocking, admittedRatePerSecond: admitted,
            queueWait: .init(mean: wq, p50: noWaiting, p95: noWaiting, p99: noWaiting),
            endToEnd: .init(mean: wq + mean), queueLengthMean: queueLength,
            systemLengthMean: queueLength + admitted * mean)
    }

    /// The fewest servers c (up to `limit`) for which `meets` holds of the prediction, with
    /// that prediction; nil if no c up to `limit` meets it.
    ///
    /// `meets` must be monotone in c (once met, met for every larger c), as every waiting,
    /// queue-length and blocking figure is. Non-exponential service is tried with one server
    /// only (M/G/c has no closed form). `waitingRoom` is the number of places to wait, so the
    /// system capacity is c + waitingRoom; nil = unlimited.
    /// - Complexity: O(c log c) evaluations of Erlang's recursion.
    public static func fewestServers(arrivalRatePerSecond: Double, service: ServiceTime, waitingRoom: Int?,
                                     limit: Int = 10_000_000,
                                     meets: (QueueingPrediction) -> Bool) -> (servers: Int, prediction: QueueingPrediction)? {
        func attempt(_ c: Int) -> QueueingPrediction? {
            let system = QueueingSystem(arrivalRatePerSecond: arrivalRatePerSecond, service: service, servers: .finite(c),
                                        systemCapacity: waitingRoom.map { c + $0 })
            guard let prediction = try? predict(system), meets(prediction) else { return nil }
            return prediction
        }
        guard case .exponential = service else {
            return attempt(1).map { (1, $0) }
        }
        let offered = arrivalRatePerSecond * service.meanSeconds
        var low = waitingRoom == nil ? Int(min(offered.rounded(.down), Double(limit))) + 1 : 1
        guard low <= limit else { return nil }
        if let met = attempt(low) { return (low, met) }
        var high = low
        var best: QueueingPrediction?
        while best == nil {
            guard high < limit else { return nil }
            low = high
            high = high > limit / 2 ? limit : high * 2
            best = attempt(high)
        }
        // Invariant: `low` fails, `high` meets (with `best`).
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if let met = attempt(middle) { high = middle; best = met } else { low = middle }
        }
        return best.map { (high, $0) }
    }
}
