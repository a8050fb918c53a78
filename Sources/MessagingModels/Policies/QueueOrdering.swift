import SimulationKernel

/// How a queue orders deliveries: strict FIFO (optionally with message groups), or the best
/// effort of an SQS standard queue.
///
/// JSON (on a queue broker): `"ordering": "fifo"` (default) with `"messageGroups": true`, or
/// `"ordering": "bestEffort"` with `"reorderProbability": 0.01, "duplicateProbability": 0.001`.
///
/// **Best effort is a model, not a measurement.** AWS documents only that a standard queue
/// delivers at least once, "occasionally" out of order and "on rare occasions" more than once,
/// without rates. mqlab models it so: when at least two messages are ready, with
/// `reorderProbability` the second is delivered before the head; at a first delivery (one no
/// other delivery holds), with `duplicateProbability` the message becomes visible again at the
/// head right after it (a copy left on a server the delivery did not reach): the copy is
/// delivered to the next consumer with credit, unless the first delivery is acked before that
/// (the copy is then deleted with it).
/// - Note: Source: AWS SQS Developer Guide, "Amazon SQS standard queues"
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/standard-queues.html:
///   at-least-once delivery, more than one copy may be delivered, best-effort ordering) and
///   "Amazon SQS at-least-once delivery" (a copy on an unavailable server is not deleted).
///
/// **Message groups** (`fifo` only): a message's key (`message.key` / `message.keys`) is its
/// group; a group has at most one message in flight, so order holds within a group while
/// groups are processed in parallel. Messages without a key form one group of their own.
///
/// Neither mode combines with `maxPriority`, nor message groups with `capacity`: the scenario
/// reader rejects these combinations, and a model built in code must not set them.
/// - Note: Source: Amazon SQS API Reference, `SendMessage` parameter `MessageGroupId`
///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html:
///   within one MessageGroupId messages are delivered one at a time in order; groups
///   interleave) and Azure Service Bus "Message sessions"
///   (https://learn.microsoft.com/azure/service-bus-messaging/message-sessions: a session is
///   locked to one receiver).
public enum QueueOrdering: Sendable, Equatable {
    /// First in, first out; with `messageGroups`, one message in flight per group.
    case fifo(messageGroups: Bool)
    /// SQS standard queue: occasional reordering and duplicate copies (probabilities 0 … 1).
    case bestEffort(reorderProbability: Double, duplicateProbability: Double)

    /// Plain FIFO without groups (the default).
    public static let fifo = QueueOrdering.fifo(messageGroups: false)
    /// Default `reorderProbability` of a best-effort queue (a model parameter, not a measurement).
    public static let defaultReorderProbability = 0.01
    /// Default `duplicateProbability` of a best-effort queue (a model parameter, not a measurement).
    public static let defaultDuplicateProbability = 0.001

    /// `fifo` or `bestEffort`, as in the scenario and the report.
    public var mode: String {
        if case .bestEffort = self { return "bestEffort" }
        return "fifo"
    }

    /// The JSON names of the modes.
    public static let modes = ["fifo", "bestEffort"]
}

/// Application-level resequencing on a consumer: processed messages are applied in per-key
/// sequence order, waiting at most `window` for a missing predecessor.
///
/// JSON (on a queue consumer): `"resequence": {"window": "2s"}` (window > 0). A message whose
/// sequence is the next expected for its key is applied at once, followed by any buffered
/// successors; a later one waits in the buffer. When a buffered message has waited `window`,
/// it is applied together with every buffered message of its key with a lower sequence, and the
/// missing ones are given up: if one of them comes later, it is applied at once and counts as an
/// ordering violation. The resequencer is shared by the consumer's instances and sits after the
/// ack: it delays when the effect is applied, not the ledger.
/// - Note: Source: Hohpe & Woolf, "Enterprise Integration Patterns" (2003), "Resequencer".
public struct ResequencePolicy: Sendable, Equatable {
    /// Longest wait of a buffered message for its predecessors [s]; > 0.
    public var window: SimDuration
    public init(window: SimDuration) { self.window = window }
}
