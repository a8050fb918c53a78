/// The fuzzer's own seeded generator (SplitMix64): the same seed gives the same inputs on every
/// machine and Swift version, so a failure found in CI reproduces with its printed seed.
public struct FuzzRandom: Sendable {
    private var state: UInt64

    /// - Parameter seed: any value; 0 is fine.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (small ranges; modulo bias is irrelevant here).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `p` (0 … 1).
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniform double in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
