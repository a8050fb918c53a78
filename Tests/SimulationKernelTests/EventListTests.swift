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

    /// `next` leaves the event it returns at the root until the list is next used, and a
    /// `schedule` then takes its place; interleaved with `schedule`, `count` and `nextTime`,
    /// the order must still be exactly (time, scheduling order), as a sorted list gives it.
    @Test func interleavedScheduleAndNextMatchASortedList() {
        let list = EventList<Int>()
        var stream = RandomStream(seed: 11)
        var pending: [(time: Int64, id: Int)] = []   // kept sorted by (time, id)
        var now: Int64 = 0
        var popped: [Int] = []
        var expected: [Int] = []
        var id = 0
        for _ in 0..<20_000 {
            let action = stream.nextInt(below: 10)
            if action < 5 || pending.isEmpty {
                let time = now + Int64(stream.nextInt(below: 8))   // ties with the present too
                list.schedule(id, at: SimTime(nanoseconds: time))
                pending.append((time, id))
                pending.sort { $0.time < $1.time || ($0.time == $1.time && $0.id < $1.id) }
                id += 1
            } else if action < 9 {
                let event = list.next()
                let first = pending.removeFirst()
                expected.append(first.id)
                popped.append(event?.payload ?? -1)
                #expect(event?.time.nanoseconds == first.time)
                now = first.time
            } else {
                #expect(list.nextTime?.nanoseconds == pending.first?.time)
            }
            #expect(list.count == pending.count)
        }
        while let event = list.next() { popped.append(event.payload) }
        expected += pending.map(\.id)
        #expect(popped == expected)
        #expect(list.isEmpty && list.count == 0 && list.nextTime == nil)
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
