import SimulationKernel

/// At-least-once publishing: a share of a producer's sends reach the broker and are stored,
/// but the confirmation (a publisher confirm, the HTTP response of an SQS `SendMessage`) does
/// not come back in time, so the producer sends the same message — the same id — again.
///
/// JSON on a producer: `"publishTimeouts": {"fraction": 0.01, "resendAfter": "10s"}`.
/// - `fraction`: share of publishes whose confirmation is lost, 0 … 1.
/// - `resendAfter`: time from the first send to the re-send (the client's timeout plus its
///   retry backoff) [s], > 0.
///
/// The copy is an independent message with the original's id, key and poison flag; a queue
/// with `deduplication` accepts it without storing it if the original is still within the
/// window. Without deduplication both are delivered and processed (`duplicateProcessing`),
/// unless the consumer is idempotent. Only producers that publish straight to a queue re-send.
///
/// - Note: Source: Amazon SQS API reference, `SendMessage` `MessageDeduplicationId` ("If a
///   message with a particular MessageDeduplicationId is sent successfully, any messages sent
///   with the same MessageDeduplicationId are accepted successfully but aren't delivered";
///   https://github.com/boto/botocore/blob/develop/botocore/data/sqs/2012-11-05/service-2.json);
///   RabbitMQ "Consumer Acknowledgements and Publisher Confirms" (a publisher that does not
///   get its confirm must republish, which may duplicate; https://www.rabbitmq.com/docs/confirms).
public struct PublishTimeouts: Sendable, Equatable {
    /// Share of publishes sent twice, 0 … 1.
    public var fraction: Double
    /// Delay from the first send to the re-send [s], > 0.
    public var resendAfter: SimDuration

    public init(fraction: Double, resendAfter: SimDuration) {
        self.fraction = fraction
        self.resendAfter = resendAfter
    }
}
