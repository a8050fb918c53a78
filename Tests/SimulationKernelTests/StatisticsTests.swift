import Testing
@testable import SimulationKernel

@Suite struct StatisticsTests {
    @Test func runningStatisticsExact() {
        var s = RunningStatistics()
        for x in [2.0, 4, 4, 4, 5, 5, 7, 9] { s.add(x) }
        #expect(s.count == 8)
        #expect(s.mean == 5)
        #expect(abs(s.variance - 32.0 / 7) < 1e-12)
        #expect(s.min == 2 && s.max == 9)
    }

    @Test func timeWeightedAverageExact() {
        // 0 for 1 s, 2 for 3 s, 1 for 4 s: area 6 + 4 = 10 over 8 s.
        var depth = TimeWeightedAverage()
        depth.record(2, at: SimTime(nanoseconds: 1_000_000_000))
        depth.record(1, at: SimTime(nanoseconds: 4_000_000_000))
        let end = SimTime(nanoseconds: 8_000_000_000)
        #expect(abs(depth.mean(until: end) - 10.0 / 8) < 1e-12)
        #expect(abs(depth.integral(until: end) - 10) < 1e-12)
        #expect(depth.maximum == 2 && depth.value == 1)

        // The same with the window starting at 2 s: area 2·2 + 4 = 8 over 6 s.
        var windowed = TimeWeightedAverage(windowStart: SimTime(nanoseconds: 2_000_000_000))
        windowed.record(2, at: SimTime(nanoseconds: 1_000_000_000))
        windowed.record(1, at: SimTime(nanoseconds: 4_000_000_000))
        #expect(abs(windowed.mean(until: end) - 8.0 / 6) < 1e-12)
    }

    /// Exact nearest-rank percentile of sorted nanosecond values.
    func exactPercentile(_ sorted: [Int64], _ p: Double) -> Double {
        let rank = max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return Double(sorted[rank - 1]) * 1e-9
    }

    @Test(arguments: ["exponential", "lognormal", "small-integers", "constant", "wide"])
    func histogramPercentilesWithinHalfAPercent(_ shape: String) {
        var stream = RandomStream(seed: 77, name: shape)
        var histogram = LatencyHistogram()
        var values: [Int64] = []
        for _ in 0..<50_000 {
            let ns: Int64
            switch shape {
            case "exponential": ns = Distribution.exponential(mean: 0.04).sample(&stream).nanoseconds
            case "lognormal": ns = Distribution.lognormal(mean: 2, stddev: 3).sample(&stream).nanoseconds
            case "small-integers": ns = Int64(stream.nextInt(below: 1_000))
            case "constant": ns = 123_456_789
            default: ns = Int64(pow10(stream.nextUnit() * 12))     // 1 ns … 1000 s
            }
            histogram.record(SimDuration(nanoseconds: ns))
            values.append(ns)
        }
        values.sort()
        for p in [0.0, 0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0] {
            let exact = exactPercentile(values, p)
            let estimate = histogram.percentile(p) ?? -1
            #expect(abs(estimate - exact) <= 0.005 * exact, "\(shape) p\(p): \(estimate) vs \(exact)")
        }
        #expect(histogram.minimum == Double(values[0]) * 1e-9)
        #expect(histogram.maximum == Double(values[values.count - 1]) * 1e-9)
    }

    @Test func emptyHistogramHasNoPercentiles() {
        let h = LatencyHistogram()
        #expect(h.percentile(0.5) == nil && h.mean == nil && h.count == 0)
    }
}

private func pow10(_ x: Double) -> Double {
    var result = 1.0
    var remaining = x
    while remaining >= 1 { result *= 10; remaining -= 1 }
    // 10^r for the fractional part via e^(r ln 10), with a short series (no Foundation).
    let y = remaining * 2.302585092994046
    var term = 1.0, sum = 1.0
    for k in 1..<30 { term *= y / Double(k); sum += term }
    return result * sum
}

@Suite struct HistogramMergeTests {
    @Test func mergeEqualsRecordingEverythingInOne() {
        var stream = RandomStream(seed: 8)
        var all = LatencyHistogram(), first = LatencyHistogram(), second = LatencyHistogram()
        for i in 0..<20_000 {
            let d = Distribution.lognormal(mean: i < 10_000 ? 0.05 : 3, stddev: 0.5).sample(&stream)
            all.record(d)
            if i < 10_000 { first.record(d) } else { second.record(d) }
        }
        var merged = LatencyHistogram()
        merged.merge(first)
        merged.merge(second)
        #expect(merged.count == all.count)
        #expect(abs((merged.mean ?? 0) - (all.mean ?? 1)) <= 1e-12 * (all.mean ?? 1))
        #expect(abs((merged.standardDeviation ?? 0) - (all.standardDeviation ?? 1)) <= 1e-9 * (all.standardDeviation ?? 1))
        for p in [0.0, 0.5, 0.99, 1.0] { #expect(merged.percentile(p) == all.percentile(p)) }
        #expect(merged.minimum == all.minimum && merged.maximum == all.maximum)
    }

    @Test func bucketsFollowTheLargestValueRecorded() {
        // An unused histogram (one per queue and latency kind) holds no buckets; recording
        // grows them to the end of the value's power-of-two range only.
        var small = LatencyHistogram()
        #expect(small.counts.isEmpty)
        small.record(SimDuration(nanoseconds: 100))           // exact range: index 100
        #expect(small.counts.count == 128)
        small.record(SimDuration(nanoseconds: 1_000))         // 2⁹ … 2¹⁰: indices 384 … 511
        #expect(small.counts.count == 512)
        var large = LatencyHistogram()
        large.record(SimDuration(seconds: 2))
        // Merging a wider histogram into a narrower one (and back) keeps every count.
        var merged = small
        merged.merge(large)
        var reversed = large
        reversed.merge(small)
        #expect(merged.count == 3 && reversed.count == 3)
        #expect(merged.counts == reversed.counts)
        // 100 ns is exact; 1000 ns sits in a 4 ns bucket reported at its middle; 2 s is the maximum.
        #expect(merged.percentile(0) == Double(100) * 1e-9)
        #expect(merged.percentile(0.5) == Double(1_002) * 1e-9)
        #expect(merged.percentile(1) == Double(2_000_000_000) * 1e-9)
        var zeros = LatencyHistogram()
        zeros.recordZeros(4)
        #expect(zeros.percentile(1) == 0 && zeros.count == 4)
    }
}

@Suite struct TimeSeriesTests {
    @Test func keepsTheMaximumPerBucketAndDoublesWhenFull() {
        var series = TimeSeries(initialBucket: SimDuration(seconds: 1), capacity: 4)
        series.record(3, at: SimTime.zero + SimDuration(seconds: 0.5))
        series.record(1, at: SimTime.zero + SimDuration(seconds: 0.7))
        series.record(5, at: SimTime.zero + SimDuration(seconds: 2.2))
        #expect(series.maxima == [3, 1, 5])          // bucket 1 carries the value 1 held over it
        series.record(0, at: SimTime.zero + SimDuration(seconds: 5.5))   // needs 6 buckets > 4
        #expect(series.bucketSeconds == 2)
        #expect(series.maxima == [3, 5, 5])
        series.extend(to: SimTime.zero + SimDuration(seconds: 7.9))
        #expect(series.maxima == [3, 5, 5, 0])
    }
}
