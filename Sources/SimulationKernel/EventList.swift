/// A pending event: when it fires, its tie-breaking sequence number, and what it carries.
public struct ScheduledEvent<Payload> {
    /// When the event fires.
    public var time: SimTime
    /// Scheduling order; breaks ties between events at the same instant (earlier first).
    public var sequence: UInt64
    /// The model's description of what happens.
    public var payload: Payload

    @inlinable public init(time: SimTime, sequence: UInt64, payload: Payload) {
        self.time = time
        self.sequence = sequence
        self.payload = payload
    }

    @inlinable static func precedes(_ a: ScheduledEvent, _ b: ScheduledEvent) -> Bool {
        a.time.nanoseconds < b.time.nanoseconds
            || (a.time.nanoseconds == b.time.nanoseconds && a.sequence < b.sequence)
    }
}

/// The future event list: a binary min-heap of value-type events ordered by (time, sequence).
///
/// Events at the same instant come out in the order they were scheduled, always, so a run is
/// reproducible and ties resolve the way the model scheduled them. The payload is the model's
/// own small value type (an enum of what happened), so traces print and compare and nothing
/// is allocated per event once the heap has grown to the number of pending events.
///
/// A class: one run's event list, owned by that run and never shared. The heap lives in raw
/// memory written in place, with no copy-on-write check (a `ContiguousArray` paid its
/// uniqueness and bounds checks on every append, pop and buffer access: on the M/M/1
/// benchmark, callgrind counted about 72 instructions per `schedule` before, 51 after).
///
/// `next` returns a copy of the root and leaves it in place, marked taken; the root is
/// removed when the list is next used. Most events schedule a follow-up while they run (a
/// publish its successor, the end of an attempt the next attempt), and that `schedule` then
/// puts the new event in the taken root's place and sifts it down: one pass through the heap
/// instead of a sift-down to remove and a sift-up to insert (on the M/M/1 benchmark,
/// callgrind counted about 93 instructions per event for `next` and `schedule` before, about
/// 60 after). The order is the same: (time, sequence) is a total order, so every correct heap
/// yields the same sequence.
///
/// - Complexity: `schedule` and `next` are O(log n) in the number of pending events.
public final class EventList<Payload> {
    /// The heap: a complete binary tree in an array (the children of `i` are at `2i + 1` and
    /// `2i + 2`), `storedCount` of `capacity` slots initialised; when `rootTaken`, slot 0
    /// holds the event `next` last returned, no longer pending.
    @usableFromInline var heap: UnsafeMutablePointer<ScheduledEvent<Payload>>
    @usableFromInline var capacity = 64
    @usableFromInline var storedCount = 0
    @usableFromInline var nextSequence: UInt64 = 0
    /// Whether the root is the event `next` returned last (still stored, no longer pending).
    @usableFromInline var rootTaken = false

    public init() {
        heap = UnsafeMutablePointer.allocate(capacity: capacity)
    }

    deinit {
        heap.deinitialize(count: storedCount)
        heap.deallocate()
    }

    /// Number of pending events.
    @inlinable public var count: Int { rootTaken ? storedCount - 1 : storedCount }
    @inlinable public var isEmpty: Bool { count == 0 }
    /// The time of the earliest pending event, if any.
    @inlinable public var nextTime: SimTime? {
        removeTakenRoot()
        return storedCount == 0 ? nil : heap[0].time
    }

    /// Doubles the capacity.
    @usableFromInline func grow() {
        let bigger = UnsafeMutablePointer<ScheduledEvent<Payload>>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: heap, count: storedCount)
        heap.deallocate()
        heap = bigger
        capacity *= 2
    }

    /// Adds an event firing at `time`; it runs after every event already scheduled for the
    /// same instant.
    @inlinable public func schedule(_ payload: Payload, at time: SimTime) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, payload: payload)
        nextSequence &+= 1
        if rootTaken {
            // The new event takes the taken root's place.
            rootTaken = false
            heap.deinitialize(count: 1)
            siftDown(event, count: storedCount)
            return
        }
        if storedCount == capacity { grow() }
        let h = heap
        var child = storedCount
        storedCount += 1
        // Sift up: move parents down into the hole until the new event's place is found.
        while child > 0 {
            let parent = (child - 1) >> 1
            if !ScheduledEvent.precedes(event, h[parent]) { break }
            (h + child).initialize(to: (h + parent).move())
            child = parent
        }
        (h + child).initialize(to: event)
    }

    /// Removes and returns the earliest event (ties: the one scheduled first).
    @inlinable public func next() -> ScheduledEvent<Payload>? {
        removeTakenRoot()
        if storedCount == 0 { return nil }
        rootTaken = true
        return heap[0]
    }

    /// Removes the root if `next` took it: the last event fills its place.
    @inlinable func removeTakenRoot() {
        guard rootTaken else { return }
        rootTaken = false
        heap.deinitialize(count: 1)
        storedCount -= 1
        let n = storedCount
        if n == 0 { return }
        siftDown((heap + n).move(), count: n)
    }

    /// Puts `event` in the uninitialised root of a heap of `n` slots (the others initialised)
    /// and sifts it down to its place.
    @inlinable @inline(__always) func siftDown(_ event: ScheduledEvent<Payload>, count n: Int) {
        let h = heap
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && ScheduledEvent.precedes(h[child + 1], h[child]) { child += 1 }
            if !ScheduledEvent.precedes(h[child], event) { break }
            (h + i).initialize(to: (h + child).move())
            i = child
        }
        (h + i).initialize(to: event)
    }
}
