import SimulationKernel

/// The stored records of one partition, addressed by offset: a ring buffer holding offsets
/// `firstOffset ..< endOffset`.
///
/// Records are appended at the end and dropped from the front, either because every group
/// that may read them has committed past them or because retention deleted them, so memory
/// follows what is retained and still unread, not what was appended.
///
/// A log keeps only what the run reads back: by default each record's publish time (8 bytes a
/// record, what retention, `startAt` times, latencies and warm-up need), plus whether it is
/// poison when one is; `keepRecords()` keeps whole `StreamRecord`s (32 bytes: id, producer,
/// append time), which only a trace (ids), a replicated stream (append times, producers for
/// failover resends) and retry copies need. A log of ten million retained records takes
/// 128 MiB of ring instead of 512 MiB.
///
/// - Complexity: O(1) amortised append and drop; O(1) access by offset.
struct OffsetLog {
    /// Publish times, in ring slots; used while `records` is empty.
    private var times: ContiguousArray<SimTime>
    /// Whole records, in ring slots; empty until `keepRecords()` (or a poison record) asks.
    private var records: ContiguousArray<StreamRecord> = []
    /// Which slots hold poison records, while only times are kept; empty until one is appended.
    private var poison: ContiguousArray<Bool> = []
    private var head = 0
    private(set) var count = 0
    /// Offset of the first stored record.
    private(set) var firstOffset: Int64 = 0
    /// Each stored record's publish delay (intended → actual send), in the same slots as
    /// the records; empty unless `keepDelays()` was called (only when a producer can fall
    /// behind its schedule, so other runs pay nothing).
    private var delays: ContiguousArray<SimDuration> = []

    /// An empty log with room for `capacity` records before it grows (small by default:
    /// a stream may have many partitions).
    init(capacity: Int = 4) {
        var size = 4
        while size < capacity { size <<= 1 }
        times = ContiguousArray(repeating: .zero, count: size)
    }

    /// Slots in the ring (a power of two).
    private var size: Int { records.isEmpty ? times.count : records.count }

    /// Offset the next append gets.
    var endOffset: Int64 { firstOffset + Int64(count) }

    /// Whether whole records are kept (`keepRecords()`).
    var keepsRecords: Bool { !records.isEmpty }

    /// Keeps whole records from now on: their ids, producers, append times and retry-copy
    /// flags. The records stored so far keep only what they had (call before the first append
    /// when those fields are read).
    mutating func keepRecords() {
        guard records.isEmpty else { return }
        var whole = ContiguousArray(repeating: StreamRecord(publishedAt: .zero, id: 0, producer: ProducerInstanceID(0)), count: times.count)
        for k in 0..<count {
            let slot = (head + k) & (times.count - 1)
            whole[slot] = StreamRecord(publishedAt: times[slot], id: 0, producer: ProducerInstanceID(0), isPoison: !poison.isEmpty && poison[slot])
        }
        records = whole
        times = []
        poison = []
    }

    /// The record at `offset`, if stored. Without `keepRecords()`, its `id` and `producer`
    /// are 0 and its `appendedAt` is its `publishedAt`.
    func record(at offset: Int64) -> StreamRecord? {
        let i = offset - firstOffset
        guard i >= 0, i < Int64(count) else { return nil }
        return stored((head + Int(i)) & (size - 1))
    }

    /// The record in ring slot `slot`.
    private func stored(_ slot: Int) -> StreamRecord {
        if !records.isEmpty { return records[slot] }
        return StreamRecord(publishedAt: times[slot], id: 0, producer: ProducerInstanceID(0), isPoison: !poison.isEmpty && poison[slot])
    }

    /// The oldest stored record.
    var first: StreamRecord? { count == 0 ? nil : stored(head) }

    /// Whether records keep their publish delay (`keepDelays()`).
    var keepsDelays: Bool { !delays.isEmpty }

    /// Keeps a publish delay with every record appended from now on (call before the first).
    mutating func keepDelays() {
        delays = ContiguousArray(repeating: .zero, count: size)
    }

    /// The publish delay of the record at `offset`: zero if not stored or delays are not kept.
    func delay(at offset: Int64) -> SimDuration {
        let i = offset - firstOffset
        guard !delays.isEmpty, i >= 0, i < Int64(count) else { return .zero }
        return delays[(head + Int(i)) & (delays.count - 1)]
    }

    /// Appends `record`, sent `delay` after its producer meant to (kept only after `keepDelays()`).
    mutating func append(_ record: StreamRecord, delay: SimDuration = .zero) {
        if record.isRetryCopy { keepRecords() }
        if count == size { grow() }
        let slot = (head + count) & (size - 1)
        if !records.isEmpty {
            records[slot] = record
        } else {
            times[slot] = record.publishedAt
            if record.isPoison && poison.isEmpty { poison = ContiguousArray(repeating: false, count: times.count) }
            if !poison.isEmpty { poison[slot] = record.isPoison }
        }
        if !delays.isEmpty { delays[slot] = delay }
        count += 1
    }

    /// Drops stored records below `offset` (no-op for those not stored).
    /// - Returns: How many records were dropped.
    @discardableResult
    mutating func dropBelow(_ offset: Int64) -> Int {
        let n = Int(min(max(offset - firstOffset, 0), Int64(count)))
        head = (head + n) & (size - 1)
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
        let old = size
        records = OffsetLog.unrolled(records, head: head, count: count, size: old, filler: StreamRecord(publishedAt: .zero, id: 0, producer: ProducerInstanceID(0)))
        times = OffsetLog.unrolled(times, head: head, count: count, size: old, filler: .zero)
        poison = OffsetLog.unrolled(poison, head: head, count: count, size: old, filler: false)
        delays = OffsetLog.unrolled(delays, head: head, count: count, size: old, filler: .zero)
        head = 0
    }

    /// `ring` (of `size` slots, `count` used from `head`) copied in order into a ring twice
    /// as large; an empty ring (a column not kept) stays empty.
    private static func unrolled<T>(_ ring: ContiguousArray<T>, head: Int, count: Int, size: Int, filler: T) -> ContiguousArray<T> {
        guard !ring.isEmpty else { return ring }
        var bigger = ContiguousArray(repeating: filler, count: size * 2)
        for k in 0..<count { bigger[k] = ring[(head + k) & (size - 1)] }
        return bigger
    }
}
