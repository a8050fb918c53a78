/// Values waiting for an event that names them by slot: `store` puts a value in a free slot
/// (reusing slots `take` freed, so memory follows what is pending, not how many were ever
/// stored) and returns the slot for the event to carry; `take` returns it and frees the slot.
/// Slots are 32-bit so an event stays small.
public struct SlotPool<Value> {
    private var slots: [Value?] = []
    private var free: [Int32] = []

    public init() {}

    /// Values stored and not yet taken.
    public var count: Int { slots.count - free.count }

    /// Stores `value` and returns its slot.
    public mutating func store(_ value: Value) -> Int32 {
        if let slot = free.popLast() {
            slots[Int(slot)] = value
            return slot
        }
        slots.append(value)
        return Int32(slots.count - 1)
    }

    /// The value in `slot` (stored and not taken), freeing the slot.
    /// - Precondition: `slot` came from `store` and was not taken since.
    public mutating func take(_ slot: Int32) -> Value {
        let value = slots[Int(slot)]!
        slots[Int(slot)] = nil
        free.append(slot)
        return value
    }

    /// The values stored and not yet taken, in slot order.
    public var values: [Value] { slots.compactMap { $0 } }
}
