import Testing
@testable import SimulationKernel

@Suite struct EventListTests {
    @Test func sameInstantEventsRunInSchedulingOrder() {
        let list = EventList<String>()
        let t1 = SimTime(nanoseconds: 1_000)
        let t0 = SimTime(nanoseconds: 500)
        list.schedule("a@1000", at: t1)
        list.schedule("b@500", at: t0)
        list.schedule("c@1000", at: t1)
        list.schedule("d@500", at: t0)
        list.schedule("e@1000", at: t1)
        var trace: [String] = []
        while let event = list.next() {
            trace.append(event.payload)
            // An event scheduled while running, for the current instant, runs after the
            // ones already pending at that instant.
            if event.payload == "a@1000" { list.schedule("f@1000", at: t1) }
        }
        #expect(trace == ["b@500", "d@500", "a@1000", "c@1000", "e@1000", "f@1000"])
    }

    @Test func popsInTimeOrderAndStableAcrossManyRandomEvents() {
        let list = EventList<Int>()
        var stream = RandomStream(seed: 3)
        var expected: [(Int64, Int)] = []
        for i in 0..<5_000 {
            let t = Int64(stream.nextInt(below: 200))   // many ties
            list.schedule(i, at: SimTime(nanoseconds: t))
            expected.append((t, i))
        }
        expected.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var popped: [(Int64, Int)] = []
        while let e = list.next() { popped.append((e.time.nanoseconds, e.payload)) }
        #expect(popped.map(\.1) == expected.map(\.1))
        #expect(list.isEmpty)
        #expect(list.next() == nil)
    }
}

@Suite struct RingBufferTests {
    @Test func fifoWithPrependGrowthAndRemoval() {
        var ring = RingBuffer<Int>(capacity: 4)
        for i in 1...10 { ring.append(i) }          // grows past the initial capacity
        #expect(ring.popFirst() == 1)
        ring.prepend(0)                              // back to the head, as a requeued message
        #expect(ring.first == 0)
        #expect(ring.remove(at: 2) == 3)
        var out: [Int] = []
        while let x = ring.popFirst() { out.append(x) }
        #expect(out == [0, 2, 4, 5, 6, 7, 8, 9, 10])
        #expect(ring.isEmpty && ring.count == 0)
    }
}

@Suite struct SimTimeTests {
    @Test func secondsRoundTripAndSaturation() {
        #expect(SimDuration(seconds: 0.25).nanoseconds == 250_000_000)
        #expect(SimDuration(seconds: 1e-9).nanoseconds == 1)
        #expect(SimDuration(seconds: .nan).nanoseconds == 0)
        #expect(SimDuration(seconds: 1e300).nanoseconds == .max)
        #expect((SimTime(nanoseconds: .max - 1) + SimDuration(nanoseconds: 10)) == .distantFuture)
        #expect((SimTime(nanoseconds: 3_000_000_000) - SimTime(nanoseconds: 500_000_000)).seconds == 2.5)
    }
}
