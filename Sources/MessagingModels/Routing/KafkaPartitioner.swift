/// Kafka's key-hash partitioner: which partition the Java producer picks for a record with a key.
///
/// For a record with a non-null key and no explicit partition, the Java client computes
/// `toPositive(murmur2(keyBytes)) % numPartitions`, where `keyBytes` is the serialized key
/// (UTF-8 for `StringSerializer`) and `numPartitions` counts **all** partitions of the topic,
/// available or not. An empty, non-null key is hashed like any other (`murmur2([])` is
/// 275646681); only a *null* key takes the sticky path, which is not modelled here.
///
/// These functions reproduce the Java client bit for bit, so a simulated producer spreads
/// keys over partitions exactly as a real one would. librdkafka-based clients default to a
/// different partitioner (`consistent_random`, CRC32) unless configured with
/// `partitioner=murmur2_random`.
///
/// ```swift
/// KafkaPartitioner.murmur2(Array("kafka".utf8))          // -798503068
/// KafkaPartitioner.partition(forKey: "0", partitions: 3)  // 2
/// ```
///
/// - Note: Source: Apache Kafka `clients/src/main/java/org/apache/kafka/common/utils/Utils.java`
///   (`murmur2`, `toPositive`), `clients/.../producer/internals/BuiltInPartitioner.java`
///   (`partitionForKey`) and `UtilsTest.testMurmur2`; Austin Appleby's MurmurHash2, of which
///   Kafka's is a variant with a fixed seed.
public enum KafkaPartitioner {
    /// Kafka's murmur2 seed.
    private static let seed: UInt32 = 0x9747_b28c
    /// MurmurHash2's multiplier.
    private static let multiplier: UInt32 = 0x5bd1_e995
    /// MurmurHash2's mixing shift.
    private static let shift: UInt32 = 24

    /// Returns Kafka's 32-bit murmur2 hash of `bytes`, as the signed `int` Java returns.
    ///
    /// The hash starts from `seed ^ length`, mixes each 4-byte little-endian block into it,
    /// folds in the 1–3 trailing bytes (the Java `switch` falls through from 3 to 1, then
    /// multiplies once), and finishes with `h ^= h >>> 13; h *= m; h ^= h >>> 15`. All
    /// arithmetic wraps modulo 2³², as Java `int` arithmetic does.
    ///
    /// - Parameter bytes: The serialized key. Only the low 32 bits of its length enter the
    ///   hash, as with a Java `int` length.
    /// - Returns: The hash, reinterpreted as a signed 32-bit integer.
    /// - Complexity: O(*n*) for *n* bytes, one pass, no allocation.
    public static func murmur2(_ bytes: some Collection<UInt8>) -> Int32 {
        var hash = seed ^ UInt32(truncatingIfNeeded: bytes.count)
        var block: UInt32 = 0
        var blockLength = 0
        for byte in bytes {
            block |= UInt32(byte) << (8 * blockLength)
            blockLength += 1
            if blockLength == 4 {
                var mixed = block &* multiplier
                mixed ^= mixed >> shift
                mixed = mixed &* multiplier
                hash = hash &* multiplier
                hash ^= mixed
                block = 0
                blockLength = 0
            }
        }
        if blockLength > 0 {
            // The tail bytes already sit at bits 0, 8 and 16, so one XOR is the fall-through.
            hash ^= block
            hash = hash &* multiplier
        }
        hash ^= hash >> 13
        hash = hash &* multiplier
        hash ^= hash >> 15
        return Int32(bitPattern: hash)
    }

    /// Clears the sign bit, as Kafka's `Utils.toPositive` does.
    ///
    /// This is `x & 0x7fffffff`, not an absolute value: `toPositive(Int32.min)` is `0`
    /// (Java's `Math.abs(Integer.MIN_VALUE)` would stay negative), and
    /// `toPositive(-1)` is `Int32.max`.
    ///
    /// - Parameter value: Any 32-bit integer.
    /// - Returns: A value in `0...Int32.max`.
    public static func toPositive(_ value: Int32) -> Int32 {
        value & 0x7fff_ffff
    }

    /// Returns the partition the Java producer chooses for a string key.
    ///
    /// - Parameters:
    ///   - key: The record key, serialized as UTF-8 (Kafka's `StringSerializer` default).
    ///   - partitions: The topic's partition count, all partitions included. Must be at
    ///     least 1; a smaller count is treated as 1 (the result is 0) rather than trapping,
    ///     so callers should validate it first.
    /// - Returns: A partition index in `0..<max(partitions, 1)`.
    /// - Complexity: O(*n*) for a key of *n* UTF-8 bytes.
    public static func partition(forKey key: String, partitions: Int) -> Int {
        partition(forKeyBytes: key.utf8, partitions: partitions)
    }

    /// Returns the partition the Java producer chooses for an already-serialized key.
    ///
    /// Use this for keys that are not strings, for example the 4 big-endian bytes
    /// Kafka's `IntegerSerializer` produces.
    ///
    /// - Parameters:
    ///   - keyBytes: The serialized key; may be empty (an empty key is hashed).
    ///   - partitions: The topic's partition count, all partitions included. Must be at
    ///     least 1; a smaller count is treated as 1 (the result is 0) rather than trapping.
    /// - Returns: `toPositive(murmur2(keyBytes)) % partitions`, in `0..<max(partitions, 1)`.
    /// - Complexity: O(*n*) for *n* bytes.
    public static func partition(forKeyBytes keyBytes: some Collection<UInt8>, partitions: Int) -> Int {
        guard partitions > 1 else { return 0 }
        return Int(toPositive(murmur2(keyBytes))) % partitions
    }
}
