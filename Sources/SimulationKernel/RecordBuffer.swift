/// A growable array of records with reference semantics and no copy-on-write: element access
/// is a pointer offset, with no uniqueness check. For the per-entity tables of one simulation
/// run, which are never copied, where `Array`'s checks on every write are measurable.
///
/// Copies of a `RecordBuffer` reference share the elements; give each run its own.
/// - Complexity: O(1) access, amortised O(1) `append`.
public final class RecordBuffer<Element>: RandomAccessCollection {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline var storedCount = 0
    /// Number of elements.
    @inlinable public var count: Int { storedCount }

    /// A buffer holding `elements`.
    public convenience init(_ elements: some Sequence<Element>) {
        self.init()
        for element in elements { append(element) }
    }

    public init(capacity: Int = 16) {
        self.capacity = Swift.max(1, capacity)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// The element at `index` (0 ..< count; checked in debug builds).
    @inlinable public subscript(index: Int) -> Element {
        unsafeAddress {
            assert(index >= 0 && index < count, "RecordBuffer index out of range")
            return UnsafePointer(base + index)
        }
        unsafeMutableAddress {
            assert(index >= 0 && index < count, "RecordBuffer index out of range")
            return base + index
        }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    /// Appends `element` at the end.
    @inlinable public func append(_ element: Element) {
        if storedCount == capacity { grow() }
        (base + storedCount).initialize(to: element)
        storedCount += 1
    }

    /// Removes and returns the last element, if any.
    @inlinable public func popLast() -> Element? {
        guard storedCount > 0 else { return nil }
        storedCount -= 1
        return (base + storedCount).move()
    }

    @usableFromInline func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
