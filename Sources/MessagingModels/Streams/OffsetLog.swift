import SimulationKernel

/// The stored records of one partition, addressed by offset: a ring buffer holding offsets
/// `firstOffset ..< endOffset`.
///
/// Records are appended at the end and dropped from the front, either because every group
/// that may read them has committed past them or because retention deleted them, so memory
/// follows what is retained and still unread, not what was appended.
///
/// - Complexity: O(1) amortised append and drop; O(1) access by offset.
struct OffsetLog {
    private var storage: ContiguousArray<StreamRecord>
    private var head = 0
    private(set) var count = 0
    /// Offset of the first stored record.
    private(set) var firstOffset: Int64 = 0
    /// Each stored record's publish delay (intended → actual send), in the same slots as
    /// `storage`; empty unless `keepDelays()` was called (only when a producer can fall behind
    /// its schedule, so `StreamRecord` stays 24 bytes and other runs pay nothing).
    private var delays: ContiguousArray<SimDuration> = []

    /// An empty log with room for `capacity` records before it grows (small by default:
    /// a stream may have many partitions).
    init(capacity: Int = 4) {
        var size = 4
        while size < capacity { size <<= 1 }
        storage = ContiguousArray(repeating: StreamRecord(publishedAt: .zero, id: 0, producer: ProducerInstanceID(0)), count: size)
    }

    /// Offset the next append gets.
    var endOffset: Int64 { firstOffset + Int64(count) }

    /// The record at `offset`, if stored.
    func record(at offset: Int64) -> StreamRecord? {
        let i = offset - firstOffset
        guard i >= 0, i < Int64(count) else { return nil }
        return storage[(head + Int(i)) & (storage.count - 1)]
    }

    /// The oldest stored record.
    var first: StreamRecord? { count == 0 ? nil : storage[head] }

    /// Whether records keep their publish delay (`keepDelays()`).
    var keepsDelays: Bool { !delays.isEmpty }

    /// Keeps a publish delay with every record appended from now on (call before the first).
    mutating func keepDelays() {
        delays = ContiguousArray(repeating: .zero, count: storage.count)
    }

    /// The publish delay of the record at `offset`: zero if not stored or delays are not kept.
    func delay(at offset: Int64) -> SimDuration {
        let i = offset - firstOffset
        guard !delays.isEmpty, i >= 0, i < Int64(count) else { return .zero }
        return delays[(head + Int(i)) & (delays.count - 1)]
    }

    /// Appends `record`, sent `delay` after its producer meant to (kept only after `keepDelays()`).
    mutating func append(_ record: StreamRecord, delay: SimDuration = .zero) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = record
        if !delays.isEmpty { delays[(head + count) & (delays.count - 1)] = delay }
        count += 1
    }

    /// Drops stored records below `offset` (no-op for those not stored).
    /// - Returns: How many records were dropped.
    @discardableResult
    mutating func dropBelow(_ offset: Int64) -> Int {
        let n = Int(min(max(offset - firstOffset, 0), Int64(count)))
        head = (head + n) & (storage.count - 1)
        count -= n
        firstOffset += Int64(n)
        return n
    }

    /// Removes the records from `offset` to the end (a log truncated after a failover).
    /// - Returns: How many stored records were removed.
    @discardableResult
    mutating func truncate(from offset: Int64) -> Int {
        let keep = Int(min(max(offset - firstOffset, 0), Int64(count)))
        let removed = count - keep
        count = keep
        return removed
    }

    private mutating func grow() {
        var bigger = ContiguousArray(repeating: StreamRecord(publishedAt: .zero, id: 0, producer: ProducerInstanceID(0)), count: storage.count * 2)
        for k in 0..<count { bigger[k] = storage[(head + k) & (storage.count - 1)] }
        if !delays.isEmpty {
            var longer = ContiguousArray(repeating: SimDuration.zero, count: storage.count * 2)
            for k in 0..<count { longer[k] = delays[(head + k) & (delays.count - 1)] }
            delays = longer
        }
        storage = bigger
        head = 0
    }
}
