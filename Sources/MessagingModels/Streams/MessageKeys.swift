#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SimulationKernel

/// The keys a producer gives its records: none, one fixed key, `key-0` … `key-(n-1)` drawn
/// uniformly or by a Zipf law, or a list of values drawn uniformly.
///
/// ```json
/// "message": {"key": "user-42"}
/// "message": {"keys": {"count": 100, "distribution": "zipf", "exponent": 1.1}}
/// "message": {"keys": {"values": ["a", "b"]}}
/// ```
/// Keys are drawn as an index into `names`; the partition of each key is computed once per
/// stream (`KeyPartitionTable`), so publishing a record allocates nothing.
public enum MessageKeys: Sendable, Equatable {
    /// Records without a key (Kafka's null key).
    case none
    /// Every record has this key.
    case fixed(String)
    /// `key-0` … `key-(count-1)`, uniformly (`exponent` nil) or with P(key-i) ∝ 1 / (i+1)^exponent.
    case generated(count: Int, zipfExponent: Double?)
    /// One of these keys, uniformly.
    case values([String])

    /// Number of distinct keys; 0 for `.none`.
    public var count: Int {
        switch self {
        case .none: return 0
        case .fixed: return 1
        case .generated(let count, _): return count
        case .values(let list): return list.count
        }
    }

    /// The key with index `i` (0 ..< count).
    public func name(_ i: Int) -> String {
        switch self {
        case .none: return ""
        case .fixed(let key): return key
        case .generated: return "key-\(i)"
        case .values(let list): return list[i]
        }
    }
}

/// Draws key indices for one producer instance without allocating.
///
/// Zipf draws invert a precomputed cumulative table by binary search: O(log n) per draw,
/// O(n) memory once per producer instance.
struct KeySampler {
    /// Number of keys; 0 = records have no key.
    let count: Int
    /// Cumulative probabilities of the Zipf law (empty for uniform), last element 1.
    let cumulative: [Double]

    init(_ keys: MessageKeys) {
        count = keys.count
        if case .generated(let n, let exponent?) = keys, n > 1 {
            var weights = (0..<n).map { 1 / pow(Double($0 + 1), exponent) }
            let total = weights.reduce(0, +)
            var running = 0.0
            for i in weights.indices {
                running += weights[i] / total
                weights[i] = running
            }
            weights[n - 1] = 1
            cumulative = weights
        } else {
            cumulative = []
        }
    }

    /// The next key index in `0 ..< count`.
    /// - Precondition: `count > 0`.
    @inline(__always) func next(_ stream: inout RandomStream) -> Int {
        if count == 1 { return 0 }
        if cumulative.isEmpty { return stream.nextInt(below: count) }
        let u = stream.nextUnit()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) >> 1
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
