/// SplitMix64: a tiny generator used only to expand one 64-bit seed into generator state.
///
/// - Note: Source: G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number
///   generators", OOPSLA 2014; constants as in Vigna's reference `splitmix64.c`.
public struct SplitMix64: Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A seeded pseudo-random stream owned by one simulated entity (xoshiro256**).
///
/// Every producer, consumer and broker gets its own stream derived from the scenario seed and
/// the entity's stable name, so adding a consumer never changes the producers' arrivals
/// (common random numbers: runs being compared see the same workload). The bits-to-Double
/// mapping is our own, so results do not change with the standard library.
///
/// - Note: Source: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators",
///   ACM TOMS 47(4), 2021 (xoshiro256**).
public struct RandomStream: Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A stream seeded directly from one 64-bit value (expanded with SplitMix64).
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    /// The stream of the entity called `name` in a run seeded with `seed`.
    ///
    /// The name is hashed with 64-bit FNV-1a (stable across processes and platforms, unlike
    /// `Hasher`) and mixed with the seed.
    public init(seed: UInt64, name: String) {
        self.init(seed: RandomStream.seed(seed, name: name))
    }

    /// The 64-bit seed of the stream called `name` in a run seeded with `seed`: what
    /// `init(seed:name:)` expands. Compute it once to derive many substreams cheaply.
    public static func seed(_ seed: UInt64, name: String) -> UInt64 {
        seed ^ (stableHash(name) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Substream number `index` of the stream whose seed is `seed` (from `seed(_:name:)`):
    /// one short independent stream per item (a message's id, say), so an item's draws do
    /// not depend on how many items came before it.
    public init(seed: UInt64, substream index: UInt64) {
        self.init(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The next 64 random bits (inlined: a call cost about as much as the generator).
    @inlinable @inline(__always) public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in the half-open interval (0, 1]: never zero, so `log` stays finite.
    /// Uses the top 53 bits: every value is a multiple of 2⁻⁵³.
    @inlinable @inline(__always) public mutating func nextUnitOpenClosed() -> Double {
        Double((next() >> 11) &+ 1) * 0x1.0p-53
    }

    /// A uniform double in [0, 1).
    @inlinable public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0 ..< bound` (Lemire's nearly-divisionless method, unbiased).
    /// - Precondition: `bound > 0`.
    @inlinable public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// True with probability `p` (0 … 1).
    @inlinable public mutating func bernoulli(_ p: Double) -> Bool { nextUnit() < p }
}
