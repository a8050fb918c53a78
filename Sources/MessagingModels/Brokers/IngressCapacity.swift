import SimulationKernel

/// How fast a broker stores what is sent to it: at most `messagesPerSecond` messages and
/// `bytesPerSecond` bytes per second, through one first-come first-served server (a queue's
/// ingress, or one stream partition's).
///
/// A message of `S` bytes holds the server for `max(1 / messagesPerSecond, S / bytesPerSecond)`
/// seconds (each term only when its limit is set), so small messages are bound by the message
/// rate and large ones by the byte rate. A message whose size is unknown (its producer has no
/// `message.sizeBytes`) takes no byte capacity.
///
/// `serviceTime(sizeBytes:)` is the one place that computes the time: every ingress (queue
/// brokers in `Simulation+BrokerEntry.swift`, stream partitions in
/// `Simulation+StreamCapacity.swift`) asks it, so a change to what one call costs (a batch of
/// messages in one request) is made here once.
public struct IngressCapacity: Sendable, Equatable {
    /// Most messages stored per second (> 0); nil = no message limit.
    public var messagesPerSecond: Double?
    /// Most bytes stored per second (> 0); nil = no byte limit.
    public var bytesPerSecond: Double?

    /// A capacity with at least one limit; nil when both are nil.
    public init?(messagesPerSecond: Double?, bytesPerSecond: Double?) {
        guard messagesPerSecond != nil || bytesPerSecond != nil else { return nil }
        self.messagesPerSecond = messagesPerSecond
        self.bytesPerSecond = bytesPerSecond
    }

    /// Time one call storing `messages` messages of `sizeBytes` bytes each (nil = unknown, no
    /// byte cost) holds the server: `max(slots / messagesPerSecond, messages × sizeBytes /
    /// bytesPerSecond)` [s], rounded to the clock's nanoseconds; zero when neither limit
    /// applies.
    /// - Parameters:
    ///   - sizeBytes: Each message's body size [bytes]; nil = unknown.
    ///   - messages: Messages stored by the call (a send batch), ≥ 1; default 1.
    ///   - slots: Slots of the message rate the call takes; nil = `messages` (an ingress that
    ///     counts API calls gives 1 for a whole batch).
    public func serviceTime(sizeBytes: Int?, messages: Int = 1, slots: Int? = nil) -> SimDuration {
        var seconds = 0.0
        if let rate = messagesPerSecond { seconds = Double(slots ?? messages) / rate }
        if let bytes = bytesPerSecond, let size = sizeBytes { seconds = max(seconds, Double(size) * Double(messages) / bytes) }
        return SimDuration(seconds: seconds)
    }
}
