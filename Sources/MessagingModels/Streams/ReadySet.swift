/// A set of small integers `0 ..< count` as a bit array, with a wrapping search for the next
/// member: which of a group member's assigned partitions may have a record to fetch.
///
/// Used as a superset: a set bit means "look here" (cleared when a look finds nothing), a
/// clear bit means "nothing here". So a fetch visits only partitions that had something since
/// it last looked, instead of every assigned partition.
///
/// - Complexity: O(1) `insert` and `remove`; `next(from:)` O(count / 64) at worst.
struct ReadySet {
    private var words: [UInt64] = []
    private(set) var count = 0

    /// Makes the set hold every integer in `0 ..< count`.
    mutating func fill(count: Int) {
        self.count = count
        let wordCount = (count + 63) >> 6
        words = [UInt64](repeating: ~0, count: wordCount)
        let tail = count & 63
        if tail != 0 { words[wordCount - 1] = (1 << UInt64(tail)) - 1 }
    }

    mutating func insert(_ k: Int) {
        words[k >> 6] |= 1 << UInt64(k & 63)
    }

    mutating func remove(_ k: Int) {
        words[k >> 6] &= ~(1 << UInt64(k & 63))
    }

    /// The smallest member ≥ `start`, or else the smallest member (wrapping); nil when empty.
    func next(from start: Int) -> Int? {
        guard count > 0 else { return nil }
        if let k = first(in: start, to: count) { return k }
        return first(in: 0, to: start)
    }

    /// The smallest member in `lower ..< upper`.
    private func first(in lower: Int, to upper: Int) -> Int? {
        guard lower < upper else { return nil }
        var w = lower >> 6
        var word = words[w] & (~0 << UInt64(lower & 63))
        let lastWord = (upper - 1) >> 6
        while true {
            if word != 0 {
                let k = (w << 6) + word.trailingZeroBitCount
                return k < upper ? k : nil
            }
            w += 1
            if w > lastWord { return nil }
            word = words[w]
        }
    }
}
