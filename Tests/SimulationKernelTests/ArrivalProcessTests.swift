import Testing
@testable import SimulationKernel

@Suite struct ArrivalProcessTests {
    /// Counts arrivals of `process` in [0, horizon).
    func arrivals(_ process: ArrivalProcess, horizon: Double, seed: UInt64 = 11) -> [Double] {
        var stream = RandomStream(seed: seed)
        var t = SimTime.zero
        var times: [Double] = []
        while let next = process.next(after: t, stream: &stream), next.seconds < horizon {
            times.append(next.seconds)
            t = next
        }
        return times
    }

    @Test func constantArrivalsAreEvenlySpaced() {
        let times = arrivals(.constant(ratePerSecond: 4), horizon: 2.01)
        #expect(times == [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0])
    }

    @Test func poissonCountMatchesRate() {
        // Count in 10,000 s at rate 5: Poisson(50,000), sd ≈ 224; 5 sd.
        let n = arrivals(.poisson(ratePerSecond: 5), horizon: 10_000).count
        #expect(abs(n - 50_000) < 1_120)
    }

    @Test func scheduleFollowsEachSegmentsRate() {
        // 0–100 s at 2/s, 100–200 s at 20/s, 200–300 s silent, 300 s on at 1/s.
        let process = ArrivalProcess.schedule([
            .init(at: .zero, ratePerSecond: 2),
            .init(at: SimTime.zero + SimDuration(seconds: 100), ratePerSecond: 20),
            .init(at: SimTime.zero + SimDuration(seconds: 200), ratePerSecond: 0),
            .init(at: SimTime.zero + SimDuration(seconds: 300), ratePerSecond: 1),
        ])
        let times = arrivals(process, horizon: 1_300)
        let first = times.filter { $0 < 100 }.count          // Poisson(200), sd 14
        let second = times.filter { $0 >= 100 && $0 < 200 }.count  // Poisson(2000), sd 45
        let silent = times.filter { $0 >= 200 && $0 < 300 }.count
        let last = times.filter { $0 >= 300 }.count           // Poisson(1000), sd 32
        #expect(abs(first - 200) < 71)
        #expect(abs(second - 2_000) < 224)
        #expect(silent == 0)
        #expect(abs(last - 1_000) < 158)
    }

    @Test func scheduleEndingAtZeroStops() {
        let process = ArrivalProcess.schedule([
            .init(at: .zero, ratePerSecond: 10),
            .init(at: SimTime.zero + SimDuration(seconds: 5), ratePerSecond: 0),
        ])
        var stream = RandomStream(seed: 1)
        var t = SimTime.zero
        var count = 0
        while let next = process.next(after: t, stream: &stream) {
            #expect(next.seconds < 5)
            t = next
            count += 1
            if count > 1_000 { break }
        }
        #expect(count > 20 && count < 100)   // Poisson(50)
    }
}
