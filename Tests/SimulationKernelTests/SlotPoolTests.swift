import Testing
import SimulationKernel

/// `SlotPool` reuses freed slots, so its storage follows what is pending.
@Suite struct SlotPoolTests {
    @Test func takenSlotsAreReusedAndCountFollowsWhatIsPending() {
        var pool = SlotPool<String>()
        let a = pool.store("a"), b = pool.store("b"), c = pool.store("c")
        #expect([a, b, c] == [0, 1, 2] && pool.count == 3)
        #expect(pool.take(b) == "b" && pool.count == 2)
        #expect(pool.values == ["a", "c"])
        let d = pool.store("d")
        #expect(d == 1 && pool.values == ["a", "d", "c"])
        #expect(pool.take(a) == "a" && pool.take(c) == "c" && pool.take(d) == "d")
        #expect(pool.count == 0 && pool.values.isEmpty)
    }
}
