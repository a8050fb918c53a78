import MessagingModels
import SimulationKernel

extension ScenarioReader {
    /// A queue's `"deduplication": {"window": "5m", "scope": "queue"}` (`DeduplicationPolicy`);
    /// `window` defaults to 5 minutes, `scope` to `"queue"`.
    func readDeduplication(_ broker: ObjectReader) -> DeduplicationPolicy? {
        guard let reader = broker.object("deduplication") else { return nil }
        defer { reader.finish() }
        var policy = DeduplicationPolicy(window: SimDuration(seconds: ScenarioDefaults.deduplicationWindow.value),
                                         scope: ScenarioDefaults.deduplicationScope.value)
        if let window = reader.duration("window", positive: true) { policy.window = SimDuration(seconds: window) }
        if let scope = reader.choice("scope", in: DeduplicationPolicy.Scope.allCases.map(\.rawValue)) {
            policy.scope = DeduplicationPolicy.Scope(rawValue: scope) ?? ScenarioDefaults.deduplicationScope.value
        }
        return policy
    }

    /// A queue's `"consumerTimeout": "30m"` (RabbitMQ's delivery acknowledgement timeout);
    /// not on a queue with a visibility timeout, which returns unacked messages itself.
    func readConsumerTimeout(_ broker: ObjectReader, hasVisibilityTimeout: Bool) -> SimDuration? {
        guard let seconds = broker.duration("consumerTimeout", positive: true) else { return nil }
        if hasVisibilityTimeout {
            broker.report("consumerTimeout", "a consumer timeout is RabbitMQ's; a queue with a \"visibilityTimeout\" already returns unacked messages when it expires: set one of them")
            return nil
        }
        return SimDuration(seconds: seconds)
    }

    /// A consumer's `"lockRenewal": {"maxDuration": "5m"}` (`LockRenewal`; `maxDuration`
    /// defaults to the SDK's 5 minutes). Only on a consumer of a queue with a
    /// `visibilityTimeout` (the lock it renews); `source` is that queue, nil when the consumer
    /// reads something else (or, when not `resolved`, names no broker: reported elsewhere).
    func readLockRenewal(_ consumer: ObjectReader, resolved: Bool, source: QueueConfiguration?) -> LockRenewal? {
        guard let reader = consumer.object("lockRenewal") else { return nil }
        defer { reader.finish() }
        var renewal = LockRenewal()
        if let seconds = reader.duration("maxDuration", positive: true) { renewal.maxDuration = SimDuration(seconds: seconds) }
        guard resolved else { return nil }
        guard let source, source.visibilityTimeout != nil else {
            consumer.report("lockRenewal", "lock renewal extends a peek-lock: consume from a queue with a \"visibilityTimeout\" (technology \"azure-service-bus\" sets one)")
            return nil
        }
        return renewal
    }

    /// A producer's `"publishTimeouts": {"fraction": 0.01, "resendAfter": "10s"}`
    /// (`PublishTimeouts`); both keys are required. Only a producer that publishes straight to
    /// a queue (no topic, exchange, stream, message template, request or saga) re-sends.
    func readPublishTimeouts(_ producer: ObjectReader, publishesToQueue: Bool) -> PublishTimeouts? {
        guard let reader = producer.object("publishTimeouts") else { return nil }
        defer { reader.finish() }
        let fraction = reader.number("fraction", required: true, expectation: "a probability from 0 to 1", isValid: { $0 >= 0 && $0 <= 1 })
        let after = reader.duration("resendAfter", required: true, positive: true)
        guard publishesToQueue else {
            producer.report("publishTimeouts", "re-sent publishes apply to a producer that publishes straight to a queue without a message template, request or saga")
            return nil
        }
        guard let fraction, let after else { return nil }
        return PublishTimeouts(fraction: fraction, resendAfter: SimDuration(seconds: after))
    }
}
