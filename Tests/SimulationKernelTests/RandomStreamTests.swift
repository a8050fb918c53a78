import Testing
@testable import SimulationKernel

@Suite struct RandomStreamTests {
    @Test func sameSeedSameSequenceDifferentSeedsDiffer() {
        var a = RandomStream(seed: 42, name: "producer/web")
        var b = RandomStream(seed: 42, name: "producer/web")
        var c = RandomStream(seed: 43, name: "producer/web")
        var d = RandomStream(seed: 42, name: "consumer/workers")
        let xa = (0..<100).map { _ in a.next() }
        #expect(xa == (0..<100).map { _ in b.next() })
        #expect(xa != (0..<100).map { _ in c.next() })
        #expect(xa != (0..<100).map { _ in d.next() })
    }

    /// xoshiro256** reference: state seeded by SplitMix64(0) gives these first outputs
    /// (computed independently with the reference C code's algorithm).
    @Test func splitMixMatchesReferenceValues() {
        var mixer = SplitMix64(seed: 0)
        // SplitMix64 reference outputs for seed 0 (Vigna's splitmix64.c).
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        #expect(mixer.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(mixer.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func stableHashIsFNV1a() {
        // FNV-1a 64 test vectors (Fowler/Noll/Vo reference): "" and "a".
        #expect(RandomStream.stableHash("") == 0xCBF2_9CE4_8422_2325)
        #expect(RandomStream.stableHash("a") == 0xAF63_DC4C_8601_EC8C)
    }

    @Test func unitIntervalsAndBoundedIntegers() {
        var s = RandomStream(seed: 9)
        var counts = [Int](repeating: 0, count: 6)
        let n = 60_000
        for _ in 0..<n {
            let u = s.nextUnitOpenClosed()
            #expect(u > 0 && u <= 1)
            let v = s.nextUnit()
            #expect(v >= 0 && v < 1)
            counts[s.nextInt(below: 6)] += 1
        }
        // Each face: binomial(n, 1/6), sd ≈ 91; allow 5 sd.
        for c in counts { #expect(abs(c - n / 6) < 460) }
    }
}
