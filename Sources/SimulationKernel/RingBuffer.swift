/// A growable FIFO ring buffer of values, with pushes at either end.
///
/// Storage grows by doubling and never shrinks, so a queue whose length stays bounded
/// allocates nothing once warm.
///
/// - Complexity: amortised O(1) for every operation.
public struct RingBuffer<Element> {
    @usableFromInline var storage: ContiguousArray<Element?>
    @usableFromInline var head = 0
    @usableFromInline var storedCount = 0
    /// Number of elements held.
    @inlinable public var count: Int { storedCount }

    @inlinable public init(capacity: Int = 16) {
        storage = ContiguousArray(repeating: nil, count: Swift.max(4, capacity))
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    /// The element at the front, if any.
    @inlinable public var first: Element? { count == 0 ? nil : storage[head] }

    /// Appends at the back.
    @inlinable public mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        var tail = head + count
        if tail >= storage.count { tail -= storage.count }
        storage[tail] = element
        storedCount += 1
    }

    /// Inserts at the front (used to return a message to the head of a queue).
    @inlinable public mutating func prepend(_ element: Element) {
        if count == storage.count { grow() }
        head -= 1
        if head < 0 { head += storage.count }
        storage[head] = element
        storedCount += 1
    }

    /// Removes and returns the front element, if any.
    @inlinable public mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head += 1
        if head == storage.count { head = 0 }
        storedCount -= 1
        return element
    }

    /// The element `offset` places from the front (0 = front).
    @inlinable public subscript(offset: Int) -> Element {
        precondition(offset >= 0 && offset < count, "RingBuffer index out of range")
        var i = head + offset
        if i >= storage.count { i -= storage.count }
        guard let element = storage[i] else { preconditionFailure("RingBuffer slot empty") }
        return element
    }

    /// Removes the element `offset` places from the front, keeping the others in order.
    /// - Complexity: O(count).
    public mutating func remove(at offset: Int) -> Element {
        let element = self[offset]
        var rebuilt = ContiguousArray<Element?>(repeating: nil, count: storage.count)
        var j = 0
        for k in 0..<count where k != offset {
            rebuilt[j] = self[k]
            j += 1
        }
        storage = rebuilt
        head = 0
        storedCount -= 1
        return element
    }

    @usableFromInline mutating func grow() {
        var bigger = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
        for k in 0..<count {
            var i = head + k
            if i >= storage.count { i -= storage.count }
            bigger[k] = storage[i]
        }
        storage = bigger
        head = 0
    }
}
