import SimulationKernel

/// A scripted failure: something crashes at a given time and may come back.
///
/// JSON (top-level `faults` list): `{"at": "2m", "crash": "workers", "instance": 0,
/// "restartAfter": "30s"}` crashes one consumer instance (zero-based; all instances when
/// `instance` is absent); `{"at": "5m", "crash": "jobs", "restartAfter": "10s"}` restarts
/// the broker holding queue `jobs`.
public struct Fault: Sendable, Equatable {
    /// When it happens [s since start].
    public var at: SimDuration
    public var target: Target
    /// How long until it is back; nil = it stays down.
    public var restartAfter: SimDuration?

    public enum Target: Sendable, Equatable {
        /// Consumer instances crash: in-flight unacked messages return to the queue (manual
        /// ack) or are lost (auto ack).
        case consumer(index: Int, instance: Int?)
        /// The broker of a queue restarts: a non-durable queue loses its messages; a durable
        /// one keeps them, but every delivery in flight is returned (acks on the old
        /// connections fail).
        case queue(QueueID)
    }

    public init(at: SimDuration, target: Target, restartAfter: SimDuration?) {
        self.at = at
        self.target = target
        self.restartAfter = restartAfter
    }
}

/// A producer's reaction to a failed publish (broker down): retry after `interval` instead of
/// losing the message (publisher confirms: an unconfirmed publish is resent).
/// - Note: Source: RabbitMQ documentation, "Consumer Acknowledgements and Publisher Confirms"
///   (publishers should republish messages that were not confirmed).
public struct PublishRetry: Sendable, Equatable {
    /// Wait between attempts to publish [s], > 0.
    public var interval: SimDuration
    public init(interval: SimDuration) { self.interval = interval }
}
