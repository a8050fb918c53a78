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
/// JSON, on a consumer: `"receiveWait": "20s"` (0 … 20 s on SQS), `"pollInterval": "1s"`
/// (> 0, default 1 s, short polling only — the real services leave it to the client loop),
/// `"batch": {"maxMessages": 10}` (1 … 10 on SQS, 1 … 32 on Azure Storage Queue; default 1).
/// - Note: Source: Amazon SQS Developer Guide, "Amazon SQS short and long polling"
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html:
///   long polling returns as soon as a message is available or when the wait time expires,
///   at most 20 s; short polling returns at once, empty or not); `ReceiveMessage`
///   `MaxNumberOfMessages` 1 … 10; Azure Storage "Get Messages" `numofmessages` 1 … 32
///   (https://learn.microsoft.com/rest/api/storageservices/get-messages).
public struct ReceivePolling: Sendable, Equatable {
    /// Most messages one receive call returns (≥ 1).
    public var maxMessages: Int
    /// Long-poll wait [s]; zero = short polling.
    public var wait: SimDuration
    /// Time between two short polls of an idle instance [s]; > 0 (unused when `wait` > 0).
    public var pollInterval: SimDuration

    /// The poll interval when a scenario gives none: 1 s.
    public static let defaultPollInterval = SimDuration(seconds: 1)

    public init(maxMessages: Int = 1, wait: SimDuration = .zero, pollInterval: SimDuration = ReceivePolling.defaultPollInterval) {
        precondition(maxMessages >= 1 && pollInterval > .zero, "a receive returns at least one message; polls are apart")
        self.maxMessages = maxMessages
        self.wait = wait
        self.pollInterval = pollInterval
    }

    /// Whether the instance long-polls.
    public var isLongPoll: Bool { wait > .zero }
    /// The time between two empty calls of an idle instance: the wait, or the poll interval.
    public var emptyPeriod: SimDuration { isLongPoll ? wait : pollInterval }
}
