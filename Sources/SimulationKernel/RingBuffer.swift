/// A growable FIFO ring buffer of values, with pushes at either end.
///
/// Storage grows by doubling and never shrinks, so a queue whose length stays bounded
/// allocates nothing once warm. A value type: copies share storage until one of them is
/// changed (copy-on-write).
///
/// The elements live in one raw allocation owned by a class, so an operation costs one
/// uniqueness check and a pointer offset. (It used to be a `ContiguousArray<Element?>`: each
/// append or pop paid the array's uniqueness and bounds checks and an optional's tag on top;
/// on the M/M/1 benchmark an append went from about 45 to 36 instructions under callgrind,
/// not counting the uniqueness check itself.)
///
/// - Complexity: amortised O(1) for every operation but `remove(at:)`.
public struct RingBuffer<Element> {
    /// The elements' memory, the index of the front and the count.
    @usableFromInline final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let capacity: Int
        @usableFromInline var head = 0
        @usableFromInline var count = 0

        @usableFromInline init(capacity: Int) {
            self.capacity = capacity
            base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        }

        /// Position in `base` of the element `offset` places from the front.
        @inlinable @inline(__always) func slot(_ offset: Int) -> Int {
            let i = head + offset
            return i >= capacity ? i - capacity : i
        }

        /// A new storage of `capacity` (≥ count) holding copies of the elements, front first.
        @usableFromInline func copy(capacity newCapacity: Int) -> Storage {
            let copy = Storage(capacity: newCapacity)
            for k in 0..<count { (copy.base + k).initialize(to: base[slot(k)]) }
            copy.count = count
            return copy
        }

        deinit {
            for k in 0..<count { (base + slot(k)).deinitialize(count: 1) }
            base.deallocate()
        }
    }

    @usableFromInline var storage: Storage

    /// Number of elements held.
    @inlinable public var count: Int { storage.count }

    @inlinable public init(capacity: Int = 16) {
        storage = Storage(capacity: Swift.max(4, capacity))
    }

    @inlinable public var isEmpty: Bool { storage.count == 0 }

    /// The element at the front, if any.
    @inlinable public var first: Element? { storage.count == 0 ? nil : storage.base[storage.head] }

    /// Makes the storage unshared, with room for one more element.
    @inlinable @inline(__always) mutating func prepareToAdd() {
        if !isKnownUniquelyReferenced(&storage) || storage.count == storage.capacity {
            storage = storage.copy(capacity: storage.count == storage.capacity ? storage.capacity * 2 : storage.capacity)
        }
    }

    /// Appends at the back.
    @inlinable @inline(__always) public mutating func append(_ element: Element) {
        prepareToAdd()
        (storage.base + storage.slot(storage.count)).initialize(to: element)
        storage.count += 1
    }

    /// Inserts at the front (used to return a message to the head of a queue).
    @inlinable public mutating func prepend(_ element: Element) {
        prepareToAdd()
        let head = storage.head == 0 ? storage.capacity - 1 : storage.head - 1
        (storage.base + head).initialize(to: element)
        storage.head = head
        storage.count += 1
    }

    /// Removes and returns the front element, if any.
    @inlinable @inline(__always) public mutating func popFirst() -> Element? {
        guard storage.count > 0 else { return nil }
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(capacity: storage.capacity) }
        let element = (storage.base + storage.head).move()
        storage.head = storage.head + 1 == storage.capacity ? 0 : storage.head + 1
        storage.count -= 1
        return element
    }

    /// The element `offset` places from the front (0 = front).
    @inlinable public subscript(offset: Int) -> Element {
        precondition(offset >= 0 && offset < storage.count, "RingBuffer index out of range")
        return storage.base[storage.slot(offset)]
    }

    /// Removes the element `offset` places from the front, keeping the others in order.
    /// - Complexity: O(count).
    public mutating func remove(at offset: Int) -> Element {
        let element = self[offset]
        let rebuilt = Storage(capacity: storage.capacity)
        var j = 0
        for k in 0..<storage.count where k != offset {
            (rebuilt.base + j).initialize(to: self[k])
            j += 1
        }
        rebuilt.count = j
        storage = rebuilt
        return element
    }
}
