import SimulationKernel

/// An idempotent consumer: it remembers the ids of messages it processed for `window`, and a
/// delivery of a remembered id is acked without running the side effect again
/// (effectively-once processing on top of at-least-once delivery).
///
/// JSON: `"idempotency": {"window": "10m", "claim": "atEnd" | "atStart"}`. The store is shared
/// by all instances of the consumer, as a database table or a Redis key space would be.
///
/// - `claim: "atEnd"` (the default): check at the start, record at the end. Two copies of a
///   message processed at the same time both pass the check, because the store only knows
///   finished work, and both run the side effect: the check-then-set race.
/// - `claim: "atStart"`: an atomic set-if-absent when processing starts (Redis
///   `SET id claimed NX PX window`, or an INSERT on a unique key), held while the attempt runs.
///   A copy that finds the id done is acked without running; a copy that finds it claimed by an
///   attempt still in progress is not run and not acked either: it is left to the queue, as a
///   failed attempt would be (on a queue with a visibility timeout it reappears when that
///   expires; otherwise it waits until the claim expires, then is requeued), so that if the
///   holder fails the message is not lost. A successful attempt turns its claim into a done
///   entry for `window`; a failed or timed-out attempt deletes its claim so a retry can run.
///   A crashed holder cannot delete its claim: it expires `window` after it was taken (the
///   `PX` of the `SET`), and until then the message's copies wait.
/// - Note: Source: Redis documentation, "SET" (https://redis.io/docs/latest/commands/set/:
///   `NX` sets the key only if it does not exist, `PX` its expiry); Powertools for AWS Lambda
///   documentation, "Idempotency" (https://docs.powertools.aws.dev/lambda/python/latest/utilities/idempotency/:
///   an in-progress record makes a concurrent duplicate fail and be retried rather than
///   skipped, and expires so a crashed invocation does not block the key forever).
public struct IdempotencyPolicy: Sendable, Equatable {
    /// When the id is recorded: after a successful attempt (`atEnd`, racy) or atomically when
    /// an attempt starts (`atStart`).
    public enum Claim: String, Sendable, Equatable, CaseIterable {
        case atEnd
        case atStart
    }

    /// How long a processed id is remembered, and how long an unreleased claim holds [s], > 0.
    public var window: SimDuration
    /// Default `.atEnd` (check-then-set, as before the key existed).
    public var claim: Claim

    public init(window: SimDuration, claim: Claim = .atEnd) {
        self.window = window
        self.claim = claim
    }
}

/// What the store holds for an id at a given time.
enum IdempotencyEntry: Equatable {
    /// Processed: a copy is acked without running.
    case done
    /// Claimed by an attempt of consumer instance `holder` (global instance index) that has not
    /// finished, or whose holder crashed; the claim expires at `expiry`.
    case claimed(holder: Int32, expiry: SimTime)
}

/// The id store of one idempotent consumer: id → entry and the time it expires.
/// Memory follows the ids processed or claimed within one window.
struct IdempotencyStore {
    private var entries: [UInt64: (expiry: SimTime, holder: Int32?)] = [:]
    private var purgeAt = 1024

    /// True if `id` was processed and is still remembered at `now`.
    func contains(_ id: UInt64, at now: SimTime) -> Bool {
        entry(for: id, at: now) == .done
    }

    /// The live entry of `id` at `now`, nil if there is none or it expired.
    func entry(for id: UInt64, at now: SimTime) -> IdempotencyEntry? {
        guard let entry = entries[id], entry.expiry > now else { return nil }
        if let holder = entry.holder { return .claimed(holder: holder, expiry: entry.expiry) }
        return .done
    }

    /// Remembers `id` as processed until `now + window`.
    mutating func insert(_ id: UInt64, at now: SimTime, window: SimDuration) {
        set(id, (now + window, nil), at: now)
    }

    /// Claims `id` for instance `holder` until `now + window` if no live entry exists
    /// (set-if-absent); returns the entry that prevented it otherwise.
    mutating func claim(_ id: UInt64, holder: Int32, at now: SimTime, window: SimDuration) -> IdempotencyEntry? {
        if let existing = entry(for: id, at: now) { return existing }
        set(id, (now + window, holder), at: now)
        return nil
    }

    /// Deletes `id`'s claim if `holder` still holds it (a failed attempt releases only its own
    /// claim, never one taken after its own expired).
    mutating func release(_ id: UInt64, holder: Int32) {
        if let entry = entries[id], entry.holder == holder { entries[id] = nil }
    }

    private mutating func set(_ id: UInt64, _ entry: (expiry: SimTime, holder: Int32?), at now: SimTime) {
        entries[id] = entry
        if entries.count >= purgeAt {
            // Order of removal does not matter: only membership is ever read.
            entries = entries.filter { $0.value.expiry > now }
            purgeAt = max(1024, entries.count * 2)
        }
    }
}
