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
/// - Complexity: `schedule` and `next` are O(log n) in the number of pending events.
public struct EventList<Payload> {
    /// The heap's memory (a complete binary tree in an array: the children of `i` are at
    /// `2i + 1` and `2i + 2`) and its count.
    ///
    /// Raw memory owned by a class rather than a `ContiguousArray`: an operation pays one
    /// uniqueness check instead of the array's checks on append, pop and each buffer access
    /// (on the M/M/1 benchmark `schedule` went from about 70 to about 40 instructions under
    /// callgrind).
    @usableFromInline final class Storage {
        @usableFromInline var base: UnsafeMutablePointer<ScheduledEvent<Payload>>
        @usableFromInline var capacity: Int
        @usableFromInline var count = 0

        @usableFromInline init(capacity: Int) {
            self.capacity = capacity
            base = UnsafeMutablePointer.allocate(capacity: capacity)
        }

        /// An unshared copy with the same events.
        @usableFromInline func copy() -> Storage {
            let copy = Storage(capacity: capacity)
            copy.base.initialize(from: base, count: count)
            copy.count = count
            return copy
        }

        /// Doubles the capacity.
        @usableFromInline func grow() {
            let bigger = UnsafeMutablePointer<ScheduledEvent<Payload>>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @usableFromInline var storage = Storage(capacity: 64)
    @usableFromInline var nextSequence: UInt64 = 0

    public init() {}

    /// Number of pending events.
    @inlinable public var count: Int { storage.count }
    @inlinable public var isEmpty: Bool { storage.count == 0 }
    /// The time of the earliest pending event, if any.
    @inlinable public var nextTime: SimTime? { storage.count == 0 ? nil : storage.base[0].time }

    /// Adds an event firing at `time`; it runs after every event already scheduled for the
    /// same instant.
    @inlinable public mutating func schedule(_ payload: Payload, at time: SimTime) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let event = ScheduledEvent(time: time, sequence: nextSequence, payload: payload)
        nextSequence &+= 1
        if storage.count == storage.capacity { storage.grow() }
        let h = storage.base
        var child = storage.count
        storage.count += 1
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
    @inlinable public mutating func next() -> ScheduledEvent<Payload>? {
        if storage.count == 0 { return nil }
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let h = storage.base
        let top = h.move()
        storage.count -= 1
        let n = storage.count
        if n == 0 { return top }
        // Sift down the last event from the root's hole.
        let last = (h + n).move()
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && ScheduledEvent.precedes(h[child + 1], h[child]) { child += 1 }
            if !ScheduledEvent.precedes(h[child], last) { break }
            (h + i).initialize(to: (h + child).move())
            i = child
        }
        (h + i).initialize(to: last)
        return top
    }
}
