import Testing
@testable import SimulationKernel

/// Sample moments against the distributions' analytic mean and variance.
///
/// Tolerance: 5 standard errors, estimated from the sample itself (the standard error of the
/// variance uses the sample fourth central moment), so a correct sampler fails with
/// probability below 1e-6 per check.
@Suite struct DistributionTests {
    static let cases: [(String, Distribution)] = [
        ("constant", .constant(0.04)),
        ("exponential", .exponential(mean: 0.04)),
        ("uniform", .uniform(min: 0.01, max: 0.05)),
        ("normal", .normal(mean: 1.0, stddev: 0.2)),
        ("normal-truncated", .normal(mean: 0.5, stddev: 1.0)),   // heavily truncated at zero
        ("lognormal", .lognormal(mean: 0.1, stddev: 0.05)),
        ("erlang", .erlang(k: 3, mean: 0.3)),
        ("empirical", .empirical([0.01, 0.02, 0.02, 0.1])),
    ]

    @Test(arguments: 0..<cases.count)
    func sampleMomentsMatchTheory(_ index: Int) {
        let (name, distribution) = Self.cases[index]
        var stream = RandomStream(seed: 1234, name: name)
        let n = 200_000
        var samples = [Double]()
        samples.reserveCapacity(n)
        for _ in 0..<n { samples.append(distribution.sampleSeconds(&stream)) }
        #expect(samples.allSatisfy { $0 >= 0 }, "\(name): negative sample")
        let mean = samples.reduce(0, +) / Double(n)
        let m2 = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        let m4 = samples.reduce(0) { $0 + pow4($1 - mean) } / Double(n)
        let seMean = (m2 / Double(n)).squareRoot()
        let seVariance = (max(m4 - m2 * m2, 0) / Double(n)).squareRoot()
        #expect(abs(mean - distribution.mean) <= 5 * seMean + 1e-12,
                "\(name): mean \(mean) vs \(distribution.mean)")
        #expect(abs(m2 - distribution.variance) <= 5 * seVariance + 1e-12,
                "\(name): variance \(m2) vs \(distribution.variance)")
    }

    @Test func erlangWithManyPhasesStaysFiniteAndNearItsMean() {
        var stream = RandomStream(seed: 5)
        let d = Distribution.erlang(k: 5_000, mean: 2)
        for _ in 0..<20 {
            let x = d.sampleSeconds(&stream)
            #expect(abs(x - 2) < 0.2)   // sd = 2/√5000 ≈ 0.028
        }
    }

    @Test func truncatedNormalMomentsFormula() {
        // Half-normal (mean 0): mean = s·√(2/π), variance = s²(1 − 2/π).
        let (m, v) = Distribution.truncatedNormalMoments(mean: 0, stddev: 1)
        #expect(abs(m - (2 / Double.pi).squareRoot()) < 1e-12)
        #expect(abs(v - (1 - 2 / Double.pi)) < 1e-12)
    }
}

private func pow4(_ x: Double) -> Double { let y = x * x; return y * y }
