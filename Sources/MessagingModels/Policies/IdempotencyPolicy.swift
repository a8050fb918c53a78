import SimulationKernel

/// An idempotent consumer: it remembers the ids of messages it processed for `window`, and a
/// delivery of a remembered id is acked without running the side effect again
/// (effectively-once processing on top of at-least-once delivery).
///
/// JSON: `"idempotency": {"window": "10m"}`. The store is shared by all instances of the
/// consumer, as a database table would be; two deliveries processed at the same time are
/// both run (the store only knows finished work), as in real systems without a lock.
public struct IdempotencyPolicy: Sendable, Equatable {
    /// How long a processed id is remembered [s], > 0.
    public var window: SimDuration
    public init(window: SimDuration) { self.window = window }
}

/// The processed-id store of one idempotent consumer: id → time the entry expires.
/// Memory follows the ids processed within one window.
struct IdempotencyStore {
    private var expiries: [UInt64: SimTime] = [:]
    private var purgeAt = 1024

    /// True if `id` was processed and is still remembered at `now`.
    func contains(_ id: UInt64, at now: SimTime) -> Bool {
        guard let expiry = expiries[id] else { return false }
        return expiry > now
    }

    /// Remembers `id` until `now + window`.
    mutating func insert(_ id: UInt64, at now: SimTime, window: SimDuration) {
        expiries[id] = now + window
        if expiries.count >= purgeAt {
            // Order of removal does not matter: only membership is ever read.
            expiries = expiries.filter { $0.value > now }
            purgeAt = max(1024, expiries.count * 2)
        }
    }
}
