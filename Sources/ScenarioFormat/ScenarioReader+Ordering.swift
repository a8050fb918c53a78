import MessagingModels
import SimulationKernel

/// Keys of message ordering: queue `ordering`, `reorderProbability`, `duplicateProbability`,
/// `messageGroups`; consumer `resequence`. (Keys on queue messages are read with the stream
/// keys, `ScenarioReader+MessageKeys.swift`.)
extension ScenarioReader {
    static let orderingKeys = ["ordering", "reorderProbability", "duplicateProbability", "messageGroups"]

    /// Reads `"ordering": "fifo" | "bestEffort"` with its parameters on any broker; returns the
    /// queue's ordering, reports the keys on other broker types and unsupported combinations.
    ///
    /// ```json
    /// {"name": "orders", "ordering": "fifo", "messageGroups": true}
    /// {"name": "events", "ordering": "bestEffort", "reorderProbability": 0.01, "duplicateProbability": 0.001}
    /// ```
    func readOrdering(_ broker: ObjectReader, type: String, name: String) -> QueueOrdering {
        let mode = broker.choice("ordering", in: QueueOrdering.modes) ?? ScenarioDefaults.ordering.value
        let reorder = broker.probability("reorderProbability")
        let duplicate = broker.probability("duplicateProbability")
        let groups = broker.bool("messageGroups") ?? ScenarioDefaults.messageGroups.value
        guard BrokerDirectory.Kind(type: type) == .queue else {
            for key in Self.orderingKeys where broker.has(key) {
                broker.report(key, "\"\(key)\" applies to queues; \"\(name)\" is \(BrokerDirectory.Kind(type: type).article)")
            }
            return .fifo
        }
        if mode == "bestEffort" {
            if broker.has("messageGroups") {
                broker.report("messageGroups", "\"messageGroups\" applies to \"ordering\": \"fifo\" (SQS FIFO queues); a best-effort queue has no groups")
            }
            if broker.has("maxPriority") {
                broker.report("ordering", "\"ordering\": \"bestEffort\" and \"maxPriority\" are not supported together")
            }
            return .bestEffort(reorderProbability: reorder ?? ScenarioDefaults.reorderProbability.value,
                               duplicateProbability: duplicate ?? ScenarioDefaults.duplicateProbability.value)
        }
        for key in ["reorderProbability", "duplicateProbability"] where broker.has(key) {
            broker.report(key, "\"\(key)\" applies to \"ordering\": \"bestEffort\" (an SQS standard queue); \"\(name)\" is FIFO")
        }
        if groups {
            for other in ["maxPriority", "capacity"] where broker.has(other) {
                broker.report("messageGroups", "\"messageGroups\" and \"\(other)\" are not supported together")
            }
        }
        return .fifo(messageGroups: groups)
    }

    /// A consumer's `"resequence": {"window": D}` (D > 0); only queue consumers take one.
    func readResequence(_ consumer: ObjectReader, isGroupMember: Bool) -> ResequencePolicy? {
        guard let reader = consumer.object("resequence") else { return nil }
        let window = reader.duration("window", required: true, positive: true)
        reader.finish()
        if isGroupMember {
            consumer.report("resequence", "\"resequence\" applies to consumers of a queue; this consumer reads a stream with a group (records of a key stay in order in their partition)")
            return nil
        }
        return window.map { ResequencePolicy(window: SimDuration(seconds: $0)) }
    }
}
