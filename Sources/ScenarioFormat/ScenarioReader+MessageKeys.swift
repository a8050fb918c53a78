import MessagingModels
import SimulationKernel

extension ScenarioReader {
    static let keyDistributions = ["uniform", "zipf"]
    /// Most generated keys (`keys.count`) and listed keys (`keys.values`) per producer.
    static let maxKeys = 1_000_000

    /// Reads the keys of `producer`'s messages (`message.key` / `message.keys`) and, for a
    /// stream producer, `acks` and `idempotent`. Returns the stream publishing (nil when the
    /// producer does not publish to a stream, reporting `acks` and `idempotent` as misplaced)
    /// and the keys (for a producer publishing to a queue, topic or exchange: message groups
    /// and per-key order; a topic's or exchange's copies carry the key of their publish).
    ///
    /// ```json
    /// "message": {"key": "user-42"}
    /// "message": {"keys": {"count": 100, "distribution": "zipf", "exponent": 1.1}}
    /// "message": {"keys": {"values": ["a", "b"]}}
    /// "acks": 0 | 1 | "all",  "idempotent": true
    /// ```
    /// `message` is the producer's `message` object, read here last (its other keys already
    /// read by the caller), so its unknown keys are reported once.
    func readStreamPublishing(_ producer: ObjectReader, message: ObjectReader?, stream: StreamID?, brokerName: String?) -> (publishing: StreamPublishing?, keys: MessageKeys) {
        var keys = MessageKeys.none
        if let message {
            keys = readMessageKeys(message) ?? .none
            message.finish()
        }
        let acks = readAcks(producer)
        let idempotent = producer.value("idempotent").flatMap { value -> Bool? in
            guard case .bool(let flag) = value else {
                producer.report("idempotent", "expected true or false, found \(value.brief)")
                return nil
            }
            return flag
        }
        guard let stream else {
            for key in ["acks", "idempotent"] where producer.has(key) {
                producer.report(key, "\"\(key)\" only applies to a producer that publishes to a stream; \"\(brokerName ?? "")\" is not a stream")
            }
            return (nil, keys)
        }
        return (StreamPublishing(stream: stream, keys: keys, acks: acks ?? ScenarioDefaults.acks.value, idempotent: idempotent ?? ScenarioDefaults.idempotent.value), .none)
    }

    /// `message.key` (a string) or `message.keys` (generated or listed keys); not both.
    func readMessageKeys(_ message: ObjectReader) -> MessageKeys? {
        let fixed = message.string("key")
        guard let keys = message.object("keys") else { return fixed.map(MessageKeys.fixed) }
        let several = readKeyList(keys)
        keys.finish()
        if fixed != nil {
            message.report("keys", "set either \"key\" (one fixed key) or \"keys\" (several), not both")
            return nil
        }
        return several
    }

    /// `{"count": N, "distribution": …, "exponent": …}` or `{"values": […]}`.
    private func readKeyList(_ keys: ObjectReader) -> MessageKeys? {
        if let values = keys.array("values") {
            for other in ["count", "distribution", "exponent"] where keys.has(other) {
                keys.report(other, "\"\(other)\" does not apply to listed \"values\" (drawn uniformly)")
            }
            guard !values.isEmpty else {
                keys.report("values", "expected at least one key, found []")
                return nil
            }
            guard values.count <= Self.maxKeys else {
                keys.report("values", "expected at most \(Self.maxKeys) keys, found \(values.count)")
                return nil
            }
            var list: [String] = []
            var seen = Set<String>()
            for (value, path) in values {
                guard case .string(let key) = value else {
                    diagnostics.report(path, "expected a string key, found \(value.brief)")
                    continue
                }
                guard seen.insert(key).inserted else {
                    diagnostics.report(path, "key \"\(key)\" is listed twice; list each key once (keys are drawn uniformly)")
                    continue
                }
                list.append(key)
            }
            return list.count == values.count ? .values(list) : nil
        }
        let count = keys.integer("count", in: 1...Self.maxKeys, required: true)
        let distribution = keys.string("distribution") ?? ScenarioDefaults.keyDistribution.value
        let exponentGiven = keys.has("exponent")
        var exponent: Double?
        if !Self.keyDistributions.contains(distribution) {
            keys.report("distribution", "unknown key distribution \"\(distribution)\"\(Suggestion.didYouMean(distribution, in: Self.keyDistributions)); expected one of: \(Self.keyDistributions.joined(separator: ", "))")
            return nil
        }
        if distribution == "zipf" {
            exponent = keys.number("exponent", expectation: "a Zipf exponent > 0 and ≤ 100", isValid: { $0 > 0 && $0 <= 100 }) ?? ScenarioDefaults.keyExponent.value
        } else if exponentGiven {
            keys.report("exponent", "\"exponent\" only applies to \"distribution\": \"zipf\"")
        }
        guard let count else { return nil }
        return .generated(count: count, zipfExponent: exponent)
    }

    /// `acks`: 0, 1, -1 or "all" (Kafka's -1 means all); strings "0" and "1" are accepted too.
    func readAcks(_ producer: ObjectReader) -> Acks? {
        guard let value = producer.value("acks") else { return nil }
        switch value {
        case .number(0), .string("0"): return Acks.none
        case .number(1), .string("1"): return .leader
        case .number(-1), .string("all"), .string("-1"): return .all
        default:
            producer.report("acks", "expected 0, 1 or \"all\", found \(value.brief)")
            return nil
        }
    }
}
