import Foundation
import Testing
@testable import Experiments

/// Student t quantiles against closed forms and the published table.
struct StudentTTests {
    /// t(0.975, ν) as printed by NIST/SEMATECH e-Handbook 1.3.6.7.2 (3 decimals) and, to 12
    /// digits, the values every statistics package gives (R's qt(0.975, ν)).
    @Test(arguments: [
        (1.0, 12.7062047361747), (2, 4.30265272974946), (3, 3.18244630528371), (4, 2.77644510519779),
        (5, 2.57058183563631), (10, 2.22813885198627), (20, 2.08596344726586), (30, 2.04227245630124),
        (100, 1.98397151852355),
    ])
    func quantile975MatchesTable(nu: Double, expected: Double) {
        let t = StudentT.quantile(0.975, degreesOfFreedom: nu)
        #expect(abs(t - expected) < 1e-9 * expected, "ν = \(nu): \(t)")
    }

    /// NIST table, other levels (3 decimals as printed).
    @Test(arguments: [(0.95, 5.0, 2.015), (0.99, 10.0, 2.764), (0.995, 5.0, 4.032), (0.90, 1.0, 3.078), (0.999, 30.0, 3.385)])
    func otherLevelsMatchTable(p: Double, nu: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: nu) - expected) < 0.0005)
    }

    /// ν = 1 is the Cauchy law, t = tan(π(p − ½)); ν = 2 has t = (2p − 1)/√(2p(1 − p)).
    @Test(arguments: [0.51, 0.6, 0.75, 0.9, 0.975, 0.999, 0.2, 0.025])
    func closedFormsForOneAndTwoDegrees(p: Double) {
        let cauchy = tan(Double.pi * (p - 0.5))
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: 1) - cauchy) < 1e-10 * max(1, abs(cauchy)))
        let two = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: 2) - two) < 1e-10 * max(1, abs(two)))
    }

    /// Many degrees of freedom approach the normal quantile 1.959963985; a fractional ν lies
    /// between its neighbours.
    @Test func largeAndFractionalDegrees() {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1e7) - 1.959963985) < 1e-6)
        let between = StudentT.quantile(0.975, degreesOfFreedom: 4.5)
        #expect(between < StudentT.quantile(0.975, degreesOfFreedom: 4) && between > StudentT.quantile(0.975, degreesOfFreedom: 5))
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(abs(StudentT.cdf(StudentT.quantile(0.8, degreesOfFreedom: 7), degreesOfFreedom: 7) - 0.8) < 1e-12)
    }

    /// Mean, half-width t·s/√n, range: 2, 4, 6, 8 have mean 5, s = √(20/3).
    @Test func estimateOfFourValues() {
        let estimate = Estimate([2, 4, 6, 8])
        #expect(estimate.mean == 5)
        #expect(estimate.min == 2 && estimate.max == 8 && estimate.count == 4)
        let expected = 3.18244630528371 * (20.0 / 3).squareRoot() / 2
        #expect(abs((estimate.halfWidth ?? 0) - expected) < 1e-9)
        #expect(Estimate([3]).halfWidth == nil)
    }
}
