import SimulationKernel

/// A producer instance's send batch for one partition of a stream, filling
/// (`Simulation+StreamBatching.swift`): the records it holds, with the publish delay each was
/// given (Simulation+Omission.swift), and its number, which its linger event carries so that
/// an event for a batch that already left (full) finds another number and does nothing.
struct StreamBatch {
    var producer: Int32
    var stream: Int32
    var partition: Int32
    var number: Int32
    var records: [(record: StreamRecord, delay: SimDuration)] = []
}

/// The open stream batches of a run, by slot (slots of sent batches are reused, so memory
/// follows the batches open at once), and the records they hold per stream.
struct StreamBatches {
    private(set) var slots: [StreamBatch?] = []
    private var free: [Int32] = []
    /// Number given to the next batch opened (wraps; two batches open at once never share one
    /// unless 2³² batches are opened meanwhile).
    private var nextNumber: Int32 = 0

    /// Opens a batch and returns its slot.
    mutating func open(producer: Int, stream: Int, partition: Int) -> Int32 {
        let batch = StreamBatch(producer: Int32(producer), stream: Int32(stream), partition: Int32(partition), number: nextNumber)
        nextNumber &+= 1
        if let slot = free.popLast() {
            slots[Int(slot)] = batch
            return slot
        }
        slots.append(batch)
        return Int32(slots.count - 1)
    }

    /// The batch in `slot`, if open.
    subscript(slot: Int32) -> StreamBatch? {
        get { slots[Int(slot)] }
        set { slots[Int(slot)] = newValue }
    }

    /// Closes the batch in `slot` and returns it.
    mutating func close(_ slot: Int32) -> StreamBatch? {
        guard let batch = slots[Int(slot)] else { return nil }
        slots[Int(slot)] = nil
        free.append(slot)
        return batch
    }

    /// Records in the open batches of stream `s`.
    func pendingRecords(stream s: Int) -> Int {
        slots.reduce(0) { $0 + ($1.map { Int($0.stream) == s ? $0.records.count : 0 } ?? 0) }
    }

    /// True when no batch is open.
    var isEmpty: Bool { free.count == slots.count }
}
