import MessagingModels
import SimulationKernel

/// Keys of send batches and receive polling: a producer's `batch`, a consumer's `batch`,
/// `receiveWait` and `pollInterval`.
extension ScenarioReader {
    /// A producer's `"batch": {"maxMessages": 10, "maxBytes": 16384, "linger": "50ms"}`
    /// (`maxMessages` 1 … 10,000, `maxBytes` 1 … 2³⁰, at least one of them; `linger` ≥ 0,
    /// default 0). Only a producer that publishes straight to a queue or to a stream batches;
    /// a leaky-bucket rate limit (which sends one message at a time) and `publishTimeouts`
    /// (re-sends of single messages) do not combine with it.
    func readProducerBatch(_ producer: ObjectReader, publishesToQueue: Bool, publishesToStream: Bool, rateLimit: RateLimit?) -> ProducerBatching? {
        guard let reader = producer.object("batch") else { return nil }
        defer { reader.finish() }
        let maxMessages = reader.integer("maxMessages", in: 1...10_000)
        let maxBytes = reader.integer("maxBytes", in: 1...(1 << 30))
        let linger = reader.duration("linger") ?? ScenarioDefaults.linger.value
        if !reader.has("maxMessages") && !reader.has("maxBytes") {
            // A misspelt key is reported by `finish()`, with the key it probably meant.
            if reader.hasUnknownKeys { return nil }
            producer.report("batch", "expected at least one of \"maxMessages\" (messages per batch) and \"maxBytes\" (bytes per batch, Kafka's batch.size), found neither")
            return nil
        }
        guard publishesToQueue || publishesToStream else {
            producer.report("batch", "\"batch\" applies to a producer that publishes straight to a queue or a stream (no topic, exchange, message template, request or saga)")
            return nil
        }
        if rateLimit?.algorithm == .leakyBucket {
            producer.report("batch", "\"batch\" does not combine with a leaky-bucket \"rateLimit\", which sends one message at a time; use a token bucket")
            return nil
        }
        if producer.has("publishTimeouts") {
            producer.report("batch", "\"batch\" does not combine with \"publishTimeouts\" (re-sends of single messages)")
            return nil
        }
        guard maxMessages != nil || maxBytes != nil else { return nil }
        return ProducerBatching(maxMessages: maxMessages, maxBytes: maxBytes, linger: SimDuration(seconds: linger))
    }

    /// A queue consumer's receive calls: `"batch": {"maxMessages": 10}` (1 … 10,000, default
    /// 1), `"receiveWait": "20s"` (≥ 0, default 0: short polling) and `"pollInterval": "1s"`
    /// (> 0, default 1 s; short polling only) and `"maxPollBackoff": "1m"` (≥ `pollInterval`,
    /// short polling only; default none: the interval stays `pollInterval`). Any of them makes
    /// the consumer poll; nil when none is there (the broker pushes).
    func readReceivePolling(_ consumer: ObjectReader, isGroupMember: Bool) -> ReceivePolling? {
        let keys = ["batch", "receiveWait", "pollInterval", "maxPollBackoff"].filter { consumer.has($0) }
        guard !keys.isEmpty else { return nil }
        var maxMessages: Int? = 1
        if let reader = consumer.object("batch") {
            maxMessages = reader.integer("maxMessages", in: 1...10_000, required: true)
            reader.finish()
        }
        let wait = consumer.duration("receiveWait") ?? 0
        let interval = consumer.duration("pollInterval", positive: true) ?? ReceivePolling.defaultPollInterval.seconds
        if consumer.has("pollInterval"), wait > 0 {
            consumer.report("pollInterval", "\"pollInterval\" paces short polls (\"receiveWait\" 0); with a long poll (\"receiveWait\" \(JSONValue.format(wait)) s) the consumer calls again as soon as a call returns: remove one of them")
        }
        var maxInterval = consumer.duration("maxPollBackoff", positive: true)
        if let most = maxInterval {
            if wait > 0 {
                consumer.report("maxPollBackoff", "\"maxPollBackoff\" backs off short polls (\"receiveWait\" 0); with a long poll (\"receiveWait\" \(JSONValue.format(wait)) s) the consumer calls again as soon as a call returns: remove one of them")
                maxInterval = nil
            } else if most < interval {
                consumer.report("maxPollBackoff", "expected a duration ≥ \"pollInterval\" (\(JSONValue.format(interval)) s; the back-off starts there and doubles up to maxPollBackoff), found \(JSONValue.format(most)) s")
                maxInterval = nil
            }
        }
        if isGroupMember {
            consumer.report(keys[0], "\"\(keys[0])\" applies to consumers of a queue; a group member reads a stream, whose fetches are not modelled as receive calls")
            return nil
        }
        guard let maxMessages, interval > 0 else { return nil }
        return ReceivePolling(maxMessages: maxMessages, wait: SimDuration(seconds: wait), pollInterval: SimDuration(seconds: interval),
                              maxBackoff: maxInterval.map(SimDuration.init(seconds:)))
    }
}
