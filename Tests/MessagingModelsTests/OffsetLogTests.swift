import Testing
@testable import MessagingModels
import SimulationKernel

@Suite struct OffsetLogTests {
    static func record(_ i: Int) -> StreamRecord {
        StreamRecord(publishedAt: SimTime(nanoseconds: Int64(i)), id: UInt64(i), producer: ProducerInstanceID(0))
    }

    @Test("records are addressed by offset across growth, drops and wrap-around")
    func offsets() {
        var log = OffsetLog()
        log.keepRecords()
        for i in 0..<10 { log.append(Self.record(i)) }
        #expect(log.endOffset == 10 && log.firstOffset == 0 && log.count == 10)
        log.dropBelow(7)
        #expect(log.firstOffset == 7 && log.first?.id == 7)
        #expect(log.record(at: 6) == nil)
        for i in 10..<40 { log.append(Self.record(i)) }   // wraps and grows
        #expect((7..<40).allSatisfy { log.record(at: Int64($0))?.id == UInt64($0) })
        #expect(log.record(at: 40) == nil)
        log.truncate(from: 35)
        #expect(log.endOffset == 35 && log.record(at: 35) == nil && log.record(at: 34)?.id == 34)
        log.dropBelow(100)   // never past the end
        #expect(log.count == 0 && log.firstOffset == 35 && log.endOffset == 35)
        log.append(Self.record(99))
        #expect(log.record(at: 35)?.id == 99)
    }

    @Test("by default a log keeps publish times and poison flags only, across growth and wrap-around")
    func publishTimesOnly() {
        var log = OffsetLog()
        for i in 0..<6 { log.append(Self.record(i)) }
        log.dropBelow(3)
        var poison = Self.record(6)
        poison.isPoison = true
        log.append(poison)
        for i in 7..<20 { log.append(Self.record(i)) }   // wraps and grows
        #expect(!log.keepsRecords)
        #expect(log.first == StreamRecord(publishedAt: SimTime(nanoseconds: 3), id: 0, producer: ProducerInstanceID(0)))
        #expect((3..<20).map { log.record(at: Int64($0))?.publishedAt.nanoseconds } == (3..<20).map { Int64($0) })
        #expect((3..<20).filter { log.record(at: Int64($0))?.isPoison == true } == [6])
        #expect(log.record(at: 20) == nil && log.record(at: 2) == nil)
    }

    @Test("keepRecords keeps whole records from then on; a retry copy turns it on")
    func wholeRecords() {
        var log = OffsetLog()
        log.append(Self.record(1))
        var copy = Self.record(2)
        copy.producer = ProducerInstanceID(5)
        copy.isRetryCopy = true
        log.append(copy)
        #expect(log.keepsRecords)
        #expect(log.record(at: 0) == StreamRecord(publishedAt: SimTime(nanoseconds: 1), id: 0, producer: ProducerInstanceID(0)))
        #expect(log.record(at: 1) == copy)
        var appended = Self.record(3)
        appended.appendedAt = SimTime(nanoseconds: 9)
        for _ in 0..<5 { log.append(appended) }   // grows
        #expect(log.record(at: 6) == appended && log.count == 7)
    }

    @Test("Zipf key draws follow 1/(i+1)^s; uniform draws are flat")
    func keySampler() {
        let n = 10
        let exponent = 1.0
        let sampler = KeySampler(.generated(count: n, zipfExponent: exponent))
        var stream = RandomStream(seed: 9)
        var counts = [Int](repeating: 0, count: n)
        let draws = 200_000
        for _ in 0..<draws { counts[sampler.next(&stream)] += 1 }
        let harmonic = (1...n).reduce(0.0) { $0 + 1 / Double($1) }
        for i in 0..<n {
            let p = 1 / Double(i + 1) / harmonic
            let sd = (p * (1 - p) / Double(draws)).squareRoot()
            #expect(abs(Double(counts[i]) / Double(draws) - p) < 5 * sd, "key-\(i)")
        }
        let uniform = KeySampler(.generated(count: 4, zipfExponent: nil))
        var flat = [Int](repeating: 0, count: 4)
        for _ in 0..<40_000 { flat[uniform.next(&stream)] += 1 }
        #expect(flat.allSatisfy { abs($0 - 10_000) < 500 })
        #expect(KeySampler(.fixed("k")).next(&stream) == 0)
    }
}
