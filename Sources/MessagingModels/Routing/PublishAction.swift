/// A message a consumer publishes when it finishes a message: the building block of pipelines,
/// event-driven fan-outs and sagas (`onSuccess`, `onFailure`).
///
/// ```json
/// "onSuccess": [{ "publishTo": "payments", "routingKey": "payment.requested" }]
/// ```
/// The new message carries the finished message's correlation id (so a saga or a request can
/// be followed through the chain) and is published at the instant processing ends, before
/// the ack. Its routing key and headers come from `message`, drawn from the consumer
/// instance's random stream.
public struct PublishAction: Sendable {
    /// Where the new message goes.
    public var destination: Destination
    /// Its routing key and headers; nil: routing key `""`, no headers.
    public var message: MessageTemplate?

    public init(destination: Destination, message: MessageTemplate? = nil) {
        self.destination = destination
        self.message = message
    }
}
