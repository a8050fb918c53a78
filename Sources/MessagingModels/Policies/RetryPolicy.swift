import SimulationKernel

/// A consumer's handling of failed attempts: how many attempts a message gets and how long
/// to wait before the next one.
///
/// JSON: `"retry": {"maxAttempts": 5, "backoff": {"exponential": {"initial": "100ms",
/// "multiplier": 2, "max": "10s"}}, "jitter": "full"}`.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all (the first one included) before the message is rejected, ≥ 1.
    public var maxAttempts: Int
    public var backoff: Backoff
    public var jitter: Jitter

    public init(maxAttempts: Int, backoff: Backoff = .none, jitter: Jitter = .none) {
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.jitter = jitter
    }

    /// Delay before the next attempt.
    public enum Backoff: Sendable, Equatable {
        /// Requeue at once, at the head of the queue (RabbitMQ `basic.nack` with requeue).
        case none
        /// The same delay after every failure [s].
        case constant(SimDuration)
        /// `initial × multiplier^(n−1)` after the n-th failure, capped at `max` [s].
        case exponential(initial: SimDuration, multiplier: Double, max: SimDuration)
    }

    /// Randomisation of the backoff, to spread retries of many clients apart.
    /// - Note: Source: M. Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog,
    ///   2015 (full jitter: uniform in [0, d]; equal jitter: d/2 + uniform in [0, d/2]).
    public enum Jitter: String, Sendable, CaseIterable {
        case none, full, equal
    }

    /// The delay after the `failures`-th failed attempt (1-based), drawn from `stream` when
    /// jittered.
    public func delay(afterFailure failures: Int, stream: inout RandomStream) -> SimDuration {
        let base: Double
        switch backoff {
        case .none:
            return .zero
        case .constant(let d):
            base = d.seconds
        case .exponential(let initial, let multiplier, let cap):
            var d = initial.seconds
            for _ in 1..<max(1, failures) {
                d *= multiplier
                if d >= cap.seconds { break }
            }
            base = min(d, cap.seconds)
        }
        switch jitter {
        case .none: return SimDuration(seconds: base)
        case .full: return SimDuration(seconds: base * stream.nextUnit())
        case .equal: return SimDuration(seconds: base / 2 + base / 2 * stream.nextUnit())
        }
    }
}
