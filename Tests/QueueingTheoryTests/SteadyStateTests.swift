import Foundation
import Testing
import QueueingTheory

/// The closed forms against the shared analytic vectors (Tests/Fixtures/cases/queueing.json, a
/// copy of ../shared/cases/queueing.json) to 1e-9, and against hand-derived edge cases.
@Suite struct SteadyStateTests {
    struct Case: Sendable, CustomStringConvertible {
        var model: String, lambda: Double, mean: Double, servers: Int, scv: Double?
        var rho: Double, pWait: Double, wq: Double, w: Double, lq: Double, l: Double
        var description: String { "\(model) λ=\(lambda) c=\(servers)" + (scv.map { " scv=\($0)" } ?? "") }
    }

    static let cases: [Case] = {
        Fixtures.caseList("queueing.json").compactMap { c in
            guard let model = c["model"] as? String, let lambda = c["arrivalRate"] as? Double,
                  let mean = c["meanServiceSeconds"] as? Double, let servers = c["servers"] as? Int,
                  let rho = c["rho"] as? Double, let pWait = c["P_wait"] as? Double, let wq = c["Wq"] as? Double,
                  let w = c["W"] as? Double, let lq = c["Lq"] as? Double, let l = c["L"] as? Double else { return nil }
            return Case(model: model, lambda: lambda, mean: mean, servers: servers, scv: c["serviceSCV"] as? Double,
                        rho: rho, pWait: pWait, wq: wq, w: w, lq: lq, l: l)
        }
    }()

    static func service(_ c: Case) -> ServiceTime {
        switch c.model {
        case "M/D/1": return .constant(seconds: c.mean)
        case "M/G/1": return .general(meanSeconds: c.mean, squaredCoefficientOfVariation: c.scv ?? 1)
        default: return .exponential(meanSeconds: c.mean)
        }
    }

    @Test func fixtureHasElevenCases() {
        #expect(Self.cases.count == 11)
    }

    @Test(arguments: cases)
    func matchesTheSharedVectors(_ c: Case) throws {
        let p = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: c.lambda, service: Self.service(c), servers: .finite(c.servers)))
        #expect(p.model == c.model)
        #expect(p.stable)
        #expect(abs(p.utilization - c.rho) < 1e-9)
        #expect(abs(p.probabilityOfWaiting - c.pWait) < 1e-9)
        #expect(abs(try #require(p.queueWait.mean) - c.wq) < 1e-9)
        #expect(abs(try #require(p.endToEnd.mean) - c.w) < 1e-9)
        #expect(abs(try #require(p.queueLengthMean) - c.lq) < 1e-9)
        #expect(abs(try #require(p.systemLengthMean) - c.l) < 1e-9)
    }

    @Test func erlangBAndCMatchHandComputedValues() {
        // a = 2, c = 2: B = (2²/2!) / (1 + 2 + 2) = 0.4; C = 2·0.4 / (2 − 2·0.6) = 1 (ρ = 1).
        #expect(abs(ErlangFormulas.lossProbability(servers: 2, offeredLoad: 2) - 0.4) < 1e-15)
        #expect(ErlangFormulas.delayProbability(servers: 2, offeredLoad: 2) == 1)
        // a = 1, c = 2: B = 0.5 / 2.5 = 0.2; C = 2·0.2 / (2 − 0.8) = 1/3.
        #expect(abs(ErlangFormulas.delayProbability(servers: 2, offeredLoad: 1) - 1.0 / 3) < 1e-15)
        #expect(ErlangFormulas.lossProbability(servers: 0, offeredLoad: 3) == 1)
    }

    @Test func mmcPercentilesFollowTheExponentialTail() throws {
        // M/M/2, λ = 1.6, E[S] = 1: C = 32/45, cμ − λ = 0.4; p99 = ln(100·C) / 0.4.
        let p = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 1.6, service: .exponential(meanSeconds: 1), servers: .finite(2)))
        let c = 32.0 / 45
        #expect(abs(try #require(p.queueWait.p99) - log(100 * c) / 0.4) < 1e-12)
        #expect(abs(try #require(p.queueWait.p95) - log(20 * c) / 0.4) < 1e-12)
        // P(wait) = 0.711 > 0.5, so the median waits too: ln(2C) / 0.4.
        #expect(abs(try #require(p.queueWait.p50) - log(2 * c) / 0.4) < 1e-12)
        #expect(p.endToEnd.p99 == nil)
        // M/M/8 at λ = 6: C = 0.357 < 0.5, so the median wait is 0.
        let q = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 6, service: .exponential(meanSeconds: 1), servers: .finite(8)))
        #expect(q.queueWait.p50 == 0)
    }

    @Test func mm1SojournIsExponential() throws {
        let p = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 0.5, service: .exponential(meanSeconds: 1)))
        #expect(abs(try #require(p.endToEnd.p50) - 2 * log(2)) < 1e-12)
        #expect(abs(try #require(p.endToEnd.p99) - 2 * log(100)) < 1e-12)
        #expect(abs(try #require(p.queueWait.p99) - 2 * log(50)) < 1e-12)   // ln(0.5/0.01) / 0.5
    }

    @Test func utilizationNearOneGrowsWithoutBoundAndOneIsUnstable() throws {
        let near = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 0.999999, service: .exponential(meanSeconds: 1)))
        #expect(near.stable)
        #expect(abs(try #require(near.queueWait.mean) - 999_999) < 1e-3)
        let at = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 1, service: .exponential(meanSeconds: 1)))
        #expect(!at.stable)
        #expect(at.utilization == 1)
        #expect(at.probabilityOfWaiting == 1)
        #expect(at.queueWait.mean == nil && at.queueWait.p99 == nil && at.queueLengthMean == nil)
        let over = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 3, service: .constant(seconds: 1)))
        #expect(!over.stable && over.model == "M/D/1" && over.utilization == 3)
    }

    @Test func thousandServersStayAccurate() throws {
        // c = 1000 at ρ = 0.99: the recursion gives a probability, not an overflow.
        let p = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 990, service: .exponential(meanSeconds: 1), servers: .finite(1000)))
        #expect(p.probabilityOfWaiting > 0 && p.probabilityOfWaiting < 1)
        // Little's law holds within the figures.
        #expect(abs(try #require(p.queueLengthMean) - 990 * (try #require(p.queueWait.mean))) < 1e-9)
        // Adding one server to 1000 changes little; the wait shrinks.
        let more = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 990, service: .exponential(meanSeconds: 1), servers: .finite(1001)))
        #expect(try #require(more.queueWait.mean) < (try #require(p.queueWait.mean)))
        // Light load on many servers: nobody waits to machine precision, no NaN.
        let light = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 1, service: .exponential(meanSeconds: 1), servers: .finite(1000)))
        #expect(light.probabilityOfWaiting == 0 && light.queueWait.mean == 0)
    }

    @Test func capacityEqualToServersIsErlangLoss() throws {
        // M/M/2/2 with a = 2: blocking = Erlang B = 0.4; nobody waits.
        let p = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 2, service: .exponential(meanSeconds: 1), servers: .finite(2), systemCapacity: 2))
        #expect(p.model == "M/M/c/K")
        #expect(abs(p.blockingProbability - 0.4) < 1e-15)
        #expect(p.probabilityOfWaiting == 0 && p.queueWait.mean == 0 && p.queueWait.p99 == 0)
        #expect(abs(p.admittedRatePerSecond - 1.2) < 1e-12)
        #expect(abs(try #require(p.systemLengthMean) - 1.2) < 1e-12)
    }

    @Test func mm1kMatchesTheBirthDeathSolution() throws {
        // M/M/1/3, ρ = 0.5: pₙ = 0.5ⁿ / (1 + 0.5 + 0.25 + 0.125) = 0.5ⁿ / 1.875.
        let p = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 0.5, service: .exponential(meanSeconds: 1), systemCapacity: 3))
        let norm = 1.875
        #expect(abs(p.blockingProbability - 0.125 / norm) < 1e-15)
        let lq = (1 * 0.25 + 2 * 0.125) / norm
        #expect(abs(try #require(p.queueLengthMean) - lq) < 1e-15)
        let admitted = 0.5 * (1 - 0.125 / norm)
        #expect(abs(try #require(p.queueWait.mean) - lq / admitted) < 1e-14)
        #expect(abs(p.probabilityOfWaiting - (0.5 + 0.25) / norm / (1 - 0.125 / norm)) < 1e-15)
        // ρ = 2 (overloaded but finite): pₙ ∝ 2ⁿ, n = 0…3, sum 15; stable because bounded.
        let over = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 2, service: .exponential(meanSeconds: 1), systemCapacity: 3))
        #expect(over.stable)
        #expect(abs(over.blockingProbability - 8.0 / 15) < 1e-15)
        let overLength: Double = 20.0 / 15   // (1·4 + 2·8) / 15
        #expect(abs(try #require(over.queueLengthMean) - overLength) < 1e-14)
        // ρ = 1 exactly: uniform over 0…3.
        let even = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 1, service: .exponential(meanSeconds: 1), systemCapacity: 3))
        #expect(abs(even.blockingProbability - 0.25) < 1e-15)
    }

    @Test func hugeCapacityApproachesTheUnlimitedQueue() throws {
        // Ten million waiting places (closed-form sums) at ρ = 0.8: the same as M/M/1.
        let p = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 0.8, service: .exponential(meanSeconds: 1), systemCapacity: 10_000_001))
        #expect(p.blockingProbability < 1e-300)
        #expect(abs(try #require(p.queueWait.mean) - 4) < 1e-9)
        // Overloaded ρ = 2 with a huge room: blocking → 1 − 1/ρ, and no overflow.
        let over = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 2, service: .exponential(meanSeconds: 1), systemCapacity: 10_000_001))
        #expect(abs(over.blockingProbability - 0.5) < 1e-12)
        #expect(try #require(over.queueLengthMean) > 9_999_990)
    }

    @Test func infiniteServersNeverWait() throws {
        let p = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 100, service: .exponential(meanSeconds: 0.05), servers: .unlimited))
        #expect(p.model == "M/M/∞")
        #expect(p.queueWait.mean == 0 && p.probabilityOfWaiting == 0)
        #expect(abs(try #require(p.systemLengthMean) - 5) < 1e-12)
        #expect(abs(try #require(p.endToEnd.p99) - 0.05 * log(100)) < 1e-12)
        let g = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 100, service: .general(meanSeconds: 0.05, squaredCoefficientOfVariation: 3), servers: .unlimited))
        #expect(g.model == "M/G/∞" && g.endToEnd.mean == 0.05 && g.endToEnd.p99 == nil)
    }

    @Test func invalidAndUnmodelledSystemsThrow() {
        #expect(throws: QueueingTheoryError.self) {
            try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 0, service: .exponential(meanSeconds: 1)))
        }
        #expect(throws: QueueingTheoryError.self) {
            try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 1, service: .exponential(meanSeconds: 1), servers: .finite(3), systemCapacity: 2))
        }
        #expect(throws: QueueingTheoryError.noClosedForm("M/D/2 (non-exponential service with more than one server) has no closed form")) {
            try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 1, service: .constant(seconds: 1), servers: .finite(2)))
        }
        #expect(throws: QueueingTheoryError.self) {
            try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 1, service: .constant(seconds: 1), systemCapacity: 4))
        }
    }

    @Test func fewestServersForAWaitTarget() throws {
        // λ = 500/s, E[S] = 50 ms: a = 25 Erlang, so at least 26 servers; p99 wait < 200 ms.
        let found = try #require(SteadyState.fewestServers(arrivalRatePerSecond: 500, service: .exponential(meanSeconds: 0.05), waitingRoom: nil) {
            ($0.queueWait.p99 ?? .infinity) < 0.2
        })
        // Checked by brute force: the one below fails.
        let below = try SteadyState.predict(QueueingSystem(arrivalRatePerSecond: 500, service: .exponential(meanSeconds: 0.05), servers: .finite(found.servers - 1)))
        #expect(!((below.queueWait.p99 ?? .infinity) < 0.2))
        #expect(try #require(found.prediction.queueWait.p99) < 0.2)
        #expect(found.servers >= 26)
        // Unreachable: the time in system never drops below the service time.
        #expect(SteadyState.fewestServers(arrivalRatePerSecond: 500, service: .exponential(meanSeconds: 0.05), waitingRoom: nil, limit: 5000) {
            ($0.endToEnd.mean ?? .infinity) < 0.04
        } == nil)
        // Constant service: only one server is modelled.
        #expect(SteadyState.fewestServers(arrivalRatePerSecond: 0.5, service: .constant(seconds: 1), waitingRoom: nil) { _ in true }?.servers == 1)
    }
}
