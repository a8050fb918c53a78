import Foundation
import Testing
import MessagingModels
import SimulationKernel

/// The ideal queue against analytic steady-state results (Tests/Fixtures/cases/queueing.json, a copy of
/// the shared test vectors):
/// M/M/1, M/M/c (Erlang C), M/D/1 and M/G/1 (Pollaczek–Khinchine).
///
/// Method: R = 6 independent replications (different seeds) per case, each with a warm-up of
/// 5% of its expected length. The estimate is the mean over replications and its standard
/// error the spread between them. The check passes when the estimate is within 4 standard
/// errors of theory; separately the standard error must be under 3% of the theoretical value,
/// so the check is tight enough to catch a wrong model (a 10% error fails it).
/// Messages per replication grow with utilization, because waits converge slowly near ρ = 1.
@Suite struct QueueingTheoryTests {
    struct Case: Sendable, CustomStringConvertible {
        var model: String
        var arrivalRate: Double
        var meanService: Double
        var servers: Int
        var rho: Double
        var wq: Double
        var lq: Double
        var scv: Double?
        var description: String { "\(model) ρ=\(rho) c=\(servers)" + (scv.map { " scv=\($0)" } ?? "") }
    }

    static let cases: [Case] = {
        Fixtures.caseList("queueing.json").compactMap { c in
            guard let model = c["model"] as? String, let lambda = c["arrivalRate"] as? Double,
                  let mean = c["meanServiceSeconds"] as? Double, let servers = c["servers"] as? Int,
                  let rho = c["rho"] as? Double, let wq = c["Wq"] as? Double, let lq = c["Lq"] as? Double
            else { return nil }
            return Case(model: model, arrivalRate: lambda, meanService: mean, servers: servers, rho: rho,
                        wq: wq, lq: lq, scv: c["serviceSCV"] as? Double)
        }
    }()

    @Test func fixtureHasEveryModel() {
        #expect(Self.cases.count == 11)
        #expect(Set(Self.cases.map(\.model)) == ["M/M/1", "M/M/c", "M/D/1", "M/G/1"])
    }

    static func service(for c: Case) -> Distribution {
        switch c.model {
        case "M/D/1": return .constant(c.meanService)
        case "M/G/1":
            // SCV 1/k is an Erlang-k; larger SCVs use a lognormal with stddev = √SCV · mean.
            let scv = c.scv ?? 1
            if scv < 1, (1 / scv).rounded() == 1 / scv { return .erlang(k: Int(1 / scv), mean: c.meanService) }
            return .lognormal(mean: c.meanService, stddev: scv.squareRoot() * c.meanService)
        default: return .exponential(mean: c.meanService)
        }
    }

    static func messagesPerReplication(_ c: Case) -> Int {
        c.rho <= 0.5 ? 50_000 : c.rho < 0.85 ? 100_000 : (c.servers == 1 ? 200_000 : 300_000)
    }

    struct Estimate { var mean: Double; var standardError: Double }

    static func estimate(_ values: [Double]) -> Estimate {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return Estimate(mean: mean, standardError: (variance / n).squareRoot())
    }

    @Test(arguments: cases)
    func meanWaitDepthAndUtilizationMatchTheory(_ c: Case) {
        let perReplication = Self.messagesPerReplication(c)
        let expectedLength = Double(perReplication) / c.arrivalRate
        var waits: [Double] = [], depths: [Double] = [], totals: [Double] = [], utilizations: [Double] = []
        for replication in 0..<6 {
            let model = TestModels.singleQueue(
                seed: UInt64(100 + replication), arrivalRate: c.arrivalRate, count: perReplication,
                servers: c.servers, service: Self.service(for: c), warmup: 0.05 * expectedLength)
            let result = TestModels.run(model)
            let latency = result.metrics.latency
            #expect(result.stopReason == .completed)
            #expect(result.metrics.acked == perReplication)
            waits.append(latency.queueWait.mean ?? .nan)
            totals.append(latency.endToEnd.mean ?? .nan)
            depths.append(result.metrics.queues[0].depth.mean(until: result.end))
            let measured = (result.end - result.warmup).seconds
            utilizations.append(result.metrics.consumers[0].busySeconds / (Double(c.servers) * measured))
        }
        let wq = Self.estimate(waits)
        #expect(abs(wq.mean - c.wq) <= 4 * wq.standardError, "\(c): Wq \(wq.mean) ± \(wq.standardError) vs \(c.wq)")
        #expect(wq.standardError <= 0.03 * c.wq, "\(c): too few messages for a meaningful check (SE \(wq.standardError))")
        // End to end = wait + mean service (ideal broker: no other delay).
        let w = Self.estimate(totals)
        #expect(abs(w.mean - (c.wq + c.meanService)) <= 4 * w.standardError + 0.002 * c.meanService, "\(c): W \(w.mean)")
        // Time-average number waiting: Lq = λ·Wq.
        let lq = Self.estimate(depths)
        #expect(abs(lq.mean - c.lq) <= 4 * lq.standardError, "\(c): Lq \(lq.mean) ± \(lq.standardError) vs \(c.lq)")
        // Utilization: busy share of capacity = ρ (the drain tail lowers it slightly: allow 1%).
        let u = Self.estimate(utilizations)
        #expect(abs(u.mean - c.rho) <= 4 * u.standardError + 0.01, "\(c): utilization \(u.mean) vs \(c.rho)")
    }

    /// Little's law holds exactly on any sample path measured from an empty start: the
    /// area under the depth curve equals the sum of the waits, so mean depth = (N / T) · Wq.
    @Test func littlesLawHoldsExactlyOnTheSamplePath() {
        let model = TestModels.singleQueue(seed: 9, arrivalRate: 1.8, count: 20_000, servers: 2,
                                           service: .exponential(mean: 1))
        let result = TestModels.run(model)
        let queue = result.metrics.queues[0]
        let lambda = Double(result.metrics.published) / result.end.seconds
        let wq = result.metrics.latency.queueWait.mean ?? .nan
        let depth = queue.depth.mean(until: result.end)
        #expect(depth > 1)   // a busy queue, not a trivial identity 0 = 0
        #expect(abs(depth - lambda * wq) <= 1e-9 * depth, "depth \(depth) vs λ·Wq \(lambda * wq)")
    }
}
