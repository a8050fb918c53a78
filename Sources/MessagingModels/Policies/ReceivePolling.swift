import SimulationKernel

/// How a consumer instance asks its queue for messages when the queue is pulled rather than
/// pushed (SQS `ReceiveMessage`, Azure Storage Queue Get Messages, a Service Bus receive
/// batch): each receive call returns up to `maxMessages` messages (within the instance's
/// prefetch credit), and an instance with credit and nothing to receive keeps calling.
///
/// - Long polling (`wait` > 0): a call waits until a message is available, which it returns at
///   once, or until `wait` has passed, when it returns empty and the instance calls again.
///   Deliveries are as prompt as a push; an idle instance makes one empty receive per `wait`.
/// - Short polling (`wait` 0): a call returns at once, empty or not; an instance that got
///   nothing calls again after `pollInterval`. A message that arrives between two polls waits
///   for the next one, so short polling adds up to `pollInterval` to the queue wait.
///
/// Empty receives are computed, not simulated call by call: an instance that has waited `g`
/// seconds since its last call returned made `⌊g / wait⌋` empty long polls (or `⌊g /
/// pollInterval⌋` empty short polls before the one that finds a message, plus the one at the
/// start when it ends the run idle), so an idle hour costs no events.
///
/// The poll loop assumed for short polling is the one SDK consumers and hand-written loops
/// use: after a receive that returned messages the instance calls again as soon as it has
/// credit (at once when it has), and after an empty one it waits `pollInterval`. With
/// `maxBackoff` the wait doubles after each empty poll in a row, from `pollInterval` up
/// to `maxBackoff` (the Azure Functions queue trigger's back-off; its ±20 % random
/// spread is left out, so poll times stay computable without events), and a receive that
/// returns messages starts the next idle stretch at `pollInterval` again.
///
/// JSON, on a consumer: `"receiveWait": "20s"` (0 … 20 s on SQS), `"pollInterval": "1s"`
/// (> 0, default 1 s, short polling only — the real services leave it to the client loop),
/// `"maxPollBackoff": "1m"` (≥ `pollInterval`, short polling only; default none: a constant
/// interval), `"batch": {"maxMessages": 10}` (1 … 10 on SQS, 1 … 32 on Azure Storage Queue;
/// default 1).
/// - Note: Source: Amazon SQS Developer Guide, "Amazon SQS short and long polling"
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html:
///   long polling returns as soon as a message is available or when the wait time expires,
///   at most 20 s; short polling returns at once, empty or not); `ReceiveMessage`
///   `MaxNumberOfMessages` 1 … 10; Azure Storage "Get Messages" `numofmessages` 1 … 32
///   (https://learn.microsoft.com/rest/api/storageservices/get-messages); Azure Functions,
///   "Azure Queue storage trigger", section "Polling algorithm"
///   (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#polling-algorithm:
///   a random exponential back-off from about 200 ms after an empty poll up to
///   `maxPollingInterval`, default 1 minute).
public struct ReceivePolling: Sendable, Equatable {
    /// Most messages one receive call returns (≥ 1).
    public var maxMessages: Int
    /// Long-poll wait [s]; zero = short polling.
    public var wait: SimDuration
    /// Time between two short polls of an idle instance [s]; > 0 (unused when `wait` > 0).
    public var pollInterval: SimDuration

    /// Longest wait between two empty short polls [s]: the wait doubles from `pollInterval`
    /// after each empty poll up to this; nil = every wait is `pollInterval`.
    public var maxBackoff: SimDuration?

    /// The poll interval when a scenario gives none: 1 s.
    public static let defaultPollInterval = SimDuration(seconds: 1)

    public init(maxMessages: Int = 1, wait: SimDuration = .zero, pollInterval: SimDuration = ReceivePolling.defaultPollInterval,
                maxBackoff: SimDuration? = nil) {
        precondition(maxMessages >= 1 && pollInterval > .zero, "a receive returns at least one message; polls are apart")
        precondition(maxBackoff.map { $0 >= pollInterval } ?? true, "the back-off never waits less than the first interval")
        self.maxMessages = maxMessages
        self.wait = wait
        self.pollInterval = pollInterval
        self.maxBackoff = maxBackoff
    }

    /// The first short poll of an idle stretch at or after `waited` [ns] since it began: its
    /// index (how many polls came before it) and its offset from the start [ns]. Polls are at
    /// offsets 0, d₀, d₀ + d₁, … with dₖ = `pollInterval` (or min(`pollInterval` × 2ᵏ,
    /// `maxBackoff`) with a back-off).
    /// - Complexity: O(log(maxBackoff / pollInterval)).
    public func firstPoll(atOrAfter waited: Int64) -> (index: Int, offset: Int64) {
        guard waited > 0 else { return (0, 0) }
        let base = pollInterval.nanoseconds
        guard let cap = maxBackoff?.nanoseconds, cap > base else {
            let k = (waited - 1) / base + 1
            return (Int(k), k * base)
        }
        var index = 0
        var offset: Int64 = 0
        var step = base
        while step < cap {
            if offset >= waited { return (index, offset) }
            offset += step
            index += 1
            step = step > cap / 2 ? cap : step * 2
        }
        guard offset < waited else { return (index, offset) }
        let k = (waited - offset - 1) / cap + 1
        return (index + Int(k), offset + k * cap)
    }

    /// Whether the instance long-polls.
    public var isLongPoll: Bool { wait > .zero }
    /// The time between two empty calls of an idle instance: the wait, or the poll interval.
    public var emptyPeriod: SimDuration { isLongPoll ? wait : pollInterval }
}
