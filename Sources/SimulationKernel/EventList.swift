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
    @usableFromInline var heap: ContiguousArray<ScheduledEvent<Payload>> = []
    @usableFromInline var nextSequence: UInt64 = 0

    public init() { heap.reserveCapacity(64) }

    /// Number of pending events.
    @inlinable public var count: Int { heap.count }
    @inlinable public var isEmpty: Bool { heap.isEmpty }
    /// The time of the earliest pending event, if any.
    @inlinable public var nextTime: SimTime? { heap.first?.time }

    /// Adds an event firing at `time`; it runs after every event already scheduled for the
    /// same instant.
    @inlinable public mutating func schedule(_ payload: Payload, at time: SimTime) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, payload: payload)
        nextSequence &+= 1
        heap.append(event)
        var child = heap.count - 1
        heap.withUnsafeMutableBufferPointer { h in
            while child > 0 {
                let parent = (child - 1) >> 1
                if !ScheduledEvent.precedes(event, h[parent]) { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = event
        }
    }

    /// Removes and returns the earliest event (ties: the one scheduled first).
    @inlinable public mutating func next() -> ScheduledEvent<Payload>? {
        guard let last = heap.popLast() else { return nil }
        if heap.isEmpty { return last }
        return heap.withUnsafeMutableBufferPointer { h -> ScheduledEvent<Payload> in
            let top = h[0]
            let n = h.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && ScheduledEvent.precedes(h[child + 1], h[child]) { child += 1 }
                if !ScheduledEvent.precedes(h[child], last) { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
            return top
        }
    }
}
