import Testing
@testable import MessagingModels

@Suite struct ReadySetTests {
    @Test("next(from:) finds the next member at or after the start, wrapping around")
    func wrappingSearch() {
        var set = ReadySet()
        set.fill(count: 130)   // three words, the last one partial
        for k in 0..<130 where ![3, 64, 127, 129].contains(k) { set.remove(k) }
        #expect(set.next(from: 0) == 3)
        #expect(set.next(from: 3) == 3)
        #expect(set.next(from: 4) == 64)
        #expect(set.next(from: 65) == 127)
        #expect(set.next(from: 128) == 129)
        set.remove(129)
        #expect(set.next(from: 128) == 3)   // wraps; bits past count never show
        set.insert(129)
        #expect(set.next(from: 128) == 129)
        for k in [3, 64, 127, 129] { set.remove(k) }
        #expect(set.next(from: 0) == nil && set.next(from: 77) == nil)
    }

    @Test("a filled set holds exactly 0 ..< count; an empty one finds nothing")
    func fill() {
        var set = ReadySet()
        #expect(set.next(from: 0) == nil)
        set.fill(count: 64)
        #expect(set.next(from: 63) == 63)
        set.remove(63)
        #expect(set.next(from: 63) == 0)
        set.fill(count: 1)
        #expect(set.next(from: 0) == 0 && set.count == 1)
    }
}
