import SimulationKernel

/// Broker-side duplicate detection on a queue: a message sent again with the id of one the
/// queue accepted less than `window` ago is accepted (the send succeeds) but not stored, so
/// no second copy is delivered.
///
/// JSON: `"deduplication": {"window": "5m", "scope": "queue"}`.
/// - `window`: how long an accepted id is remembered [s], > 0; default 5 min (SQS FIFO's
///   fixed interval). The id stays remembered after the message was received and deleted.
/// - `scope`: `"queue"` (default) or `"messageGroup"`: whether ids are unique per queue or per
///   message group (SQS high-throughput FIFO's `DeduplicationScope`).
///
/// The deduplication id is the message id: an explicit `MessageDeduplicationId`, or
/// content-based deduplication of messages whose bodies differ. In this model only a
/// producer's re-sent copy (`PublishTimeouts`) carries an id seen before, and it always
/// shares its original's message group, so both scopes suppress the same copies.
///
/// - Note: Source: Amazon SQS API reference, `SendMessage` `MessageDeduplicationId` (a 5-minute
///   deduplication interval, tracked even after the message is received and deleted) and
///   `CreateQueue` attributes `ContentBasedDeduplication`, `DeduplicationScope`
///   (https://github.com/boto/botocore/blob/develop/botocore/data/sqs/2012-11-05/service-2.json);
///   Azure Service Bus `RequiresDuplicateDetection` with `DuplicateDetectionHistoryTimeWindow`
///   (20 s … 7 days; https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.administration.queueproperties.duplicatedetectionhistorytimewindow).
public struct DeduplicationPolicy: Sendable, Equatable {
    /// What an id is unique within.
    public enum Scope: String, Sendable, CaseIterable {
        case queue, messageGroup
    }

    /// SQS FIFO's deduplication interval (5 min), the default `window`.
    public static let sqsInterval = SimDuration(seconds: 300)

    /// How long an accepted id is remembered [s], > 0.
    public var window: SimDuration
    public var scope: Scope

    public init(window: SimDuration = DeduplicationPolicy.sqsInterval, scope: Scope = .queue) {
        self.window = window
        self.scope = scope
    }
}
