import Foundation
import Technologies

/// Writes technology presets into a scenario document before it is read: `"technology": NAME`
/// on a broker, or at the top level as every broker's default.
///
/// ```json
/// {"technology": "sqs-standard",
///  "brokers": [{"name": "jobs", "deadLetter": {"queue": "jobs-dlq"}}, {"name": "jobs-dlq"},
///              {"name": "events", "type": "stream", "technology": "kafka", "partitions": 6}], …}
/// ```
/// For each broker with a technology, in this order: the broker type must be one the
/// technology offers; the keys the scenario gives are checked against the technology's limits
/// (`Preset.limits`, on the broker and on the producers publishing to it); then every preset
/// default the scenario leaves out is filled in (`Preset.brokerDefaults`, the `profile`
/// subkeys one by one, a `deadLetter` without `maxReceiveCount`, and the consumers' keys) —
/// explicit keys win. The result is read like any scenario.
public enum TechnologyPresets {
    /// `document` with `technology` as its top-level technology and no broker-level ones, so
    /// every broker runs on it (for comparing one workload across technologies). Read the
    /// result with `Scenario.decode(document:file:)`.
    public static func setting(_ technology: Technology, in document: JSONValue) -> JSONValue {
        guard case .object(var top) = document else { return document }
        top["technology"] = .string(technology.rawValue)
        if case .array(let brokers)? = top["brokers"] {
            top["brokers"] = .array(brokers.map { broker in
                guard case .object(var fields) = broker else { return broker }
                fields["technology"] = nil
                return .object(fields)
            })
        }
        return .object(top)
    }

    /// The JSON a preset value is written as: durations as `"<seconds>s"` strings (a bare
    /// number would read as seconds too, but warns), distributions as their one-key object.
    static func json(_ value: PresetValue) -> JSONValue {
        switch value {
        case .seconds(let s): return .string(durationText(s))
        case .integer(let n): return .number(Double(n))
        case .rate(let r): return .number(r)
        case .fraction(let f): return .number(f)
        case .bool(let b): return .bool(b)
        case .word(let w): return .string(w)
        case .distribution(let d):
            switch d {
            case .constant(let s): return .object(["constant": .string(durationText(s))])
            case .exponential(let m): return .object(["exponential": .object(["mean": .string(durationText(m))])])
            case .lognormal(let m, let sd):
                return .object(["lognormal": .object(["mean": .string(durationText(m)), "stddev": .string(durationText(sd))])])
            }
        }
    }

    /// "30s", "0.003s", "1800s".
    static func durationText(_ seconds: Double) -> String { JSONValue.format(seconds) + "s" }
}

/// Applies the presets of one document, reporting problems to `diagnostics`
/// (TechnologyPresets describes the order).
struct TechnologyApplication {
    let diagnostics: Diagnostics
    static let names = Technology.allCases.map(\.rawValue)

    /// `root` with the presets written in, and the technology of each broker by name.
    func apply(_ root: JSONValue) -> (JSONValue, [String: Technology]) {
        guard case .object(var top) = root else { return (root, [:]) }
        let fallback = technology(top["technology"], path: "$.technology")
        guard case .array(var brokers)? = top["brokers"] else { return (root, [:]) }
        reportMisplacedClaims(brokers, fallback: fallback)
        var chosen: [String: Technology] = [:]
        var consumerDefaults: [String: [(key: String, value: PresetValue)]] = [:]
        var producerDefaults: [String: [(key: String, value: PresetValue)]] = [:]
        for index in brokers.indices {
            guard case .object(var broker) = brokers[index] else { continue }
            let path = "$.brokers[\(index)]"
            let own = broker["technology"].flatMap { $0 == .null ? nil : $0 }
            guard let technology = own != nil ? self.technology(own, path: path + ".technology") : fallback else { continue }
            let preset = Preset.for(technology)
            let type: String
            switch broker["type"] {
            case nil, .null?: type = "queue"
            case .string(let t)?: type = t
            default: continue   // the reader reports it
            }
            guard ScenarioReader.brokerTypes.contains(type) else { continue }
            let name: String
            if case .string(let n)? = broker["name"] { name = n } else { name = "" }
            if technology == .redisStreams, type == "queue" { applyClaim(&broker, path: path) }
            guard preset.brokerTypes.contains(type) else {
                let from = own == nil ? " (the scenario's \"technology\")" : ""
                let why = preset.unsupportedTypes[type].map { ": " + $0 } ?? ""
                let typePath = broker["type"] == nil ? path : path + ".type"
                let written = broker["type"] == nil ? "type \"queue\" (the default)" : "type \"\(type)\""
                diagnostics.report(typePath, "technology \"\(technology.rawValue)\"\(from) has no broker of \(written)\(why); it offers: \(preset.brokerTypes.joined(separator: ", "))")
                continue
            }
            let before = diagnostics.limitErrors.count
            checkLimits(preset, broker: broker, path: path, name: name, producers: top["producers"], consumers: top["consumers"])
            // A broker beyond its limits gets no defaults: they could only add confusing errors.
            guard diagnostics.limitErrors.count == before else { continue }
            for (key, value) in preset.brokerDefaults[type] ?? [] {
                fill(&broker, key: key, with: TechnologyPresets.json(value))
            }
            for (key, value) in preset.optInDefaults[type] ?? [] {
                if case .object? = broker[String(key.prefix { $0 != "." })] { fill(&broker, key: key, with: TechnologyPresets.json(value)) }
            }
            if let limit = preset.deadLetterMaxReceiveCount, case .object(var policy)? = broker["deadLetter"],
               policy["maxReceiveCount"] == nil || policy["maxReceiveCount"] == .null {
                policy["maxReceiveCount"] = .number(Double(limit))
                broker["deadLetter"] = .object(policy)
            }
            if !name.isEmpty {
                chosen[name] = technology
                if let defaults = preset.consumerDefaults[type] { consumerDefaults[name] = defaults }
                if let defaults = preset.producerOptInDefaults[type] { producerDefaults[name] = defaults }
            }
            brokers[index] = .object(broker)
        }
        top["brokers"] = .array(brokers)
        if !consumerDefaults.isEmpty, case .array(var consumers)? = top["consumers"] {
            for index in consumers.indices {
                guard case .object(var consumer) = consumers[index],
                      case .string(let source)? = consumer["consumeFrom"], let defaults = consumerDefaults[source] else { continue }
                for (key, value) in defaults { fill(&consumer, key: key, with: TechnologyPresets.json(value)) }
                consumers[index] = .object(consumer)
            }
            top["consumers"] = .array(consumers)
        }
        if !producerDefaults.isEmpty, case .array(var producers)? = top["producers"] {
            for index in producers.indices {
                guard case .object(var producer) = producers[index],
                      case .string(let target)? = producer["publishTo"], let defaults = producerDefaults[target] else { continue }
                for (key, value) in defaults {
                    if case .object? = producer[String(key.prefix { $0 != "." })] { fill(&producer, key: key, with: TechnologyPresets.json(value)) }
                }
                producers[index] = .object(producer)
            }
            top["producers"] = .array(producers)
        }
        return (.object(top), chosen)
    }

    /// Redis Streams' `"claim": {"minIdle": D}` on a queue (one consumer group): consumers
    /// XAUTOCLAIM pending entries idle for at least D, so an entry not XACKed within D (its
    /// consumer crashed, or its processing failed and it was left pending) is delivered again
    /// with its delivery counter incremented. Modelled as a visibility timeout of D (the
    /// receive count is the delivery counter, and `deadLetter.maxReceiveCount` moves an entry
    /// after that many deliveries, as applications do with the counter). D > 0.
    /// - Note: Source: https://redis.io/docs/latest/commands/xautoclaim/ (min-idle-time;
    ///   claiming increments the delivery counter); https://redis.io/docs/latest/develop/data-types/streams/
    ///   (pending entries list, recovering from permanent failures).
    func applyClaim(_ broker: inout [String: JSONValue], path: String) {
        guard let claim = broker["claim"], claim != .null else { return }
        let claimPath = path + ".claim"
        guard case .object(let fields) = claim else {
            diagnostics.report(claimPath, "expected an object such as {\"minIdle\": \"30s\"}, found \(claim.brief)")
            return
        }
        for key in fields.keys.sorted() where key != "minIdle" {
            diagnostics.report(claimPath + "." + key, "unknown key \"\(key)\"\(Suggestion.didYouMean(key, in: ["minIdle"])); valid keys: minIdle")
        }
        let seconds: Double?
        switch fields["minIdle"] {
        case .number(let n)?: seconds = n
        case .string(let text)?: seconds = DurationSyntax.seconds(text)
        case nil, .null?:
            diagnostics.report(claimPath, "missing required key \"minIdle\" (the idle time after which consumers claim a pending entry)")
            return
        default: seconds = nil
        }
        guard let seconds, seconds > 0, seconds <= DurationSyntax.maxSeconds else {
            diagnostics.report(claimPath + ".minIdle", "expected a duration > 0 such as \"30s\", found \(fields["minIdle"]?.brief ?? "null")")
            return
        }
        if let timeout = broker["visibilityTimeout"], timeout != .null {
            diagnostics.report(path + ".visibilityTimeout", "set either \"claim\" (Redis Streams: claim entries idle for minIdle) or \"visibilityTimeout\", not both")
            return
        }
        broker["visibilityTimeout"] = fields["minIdle"]
    }

    /// Reports `claim` on brokers that are not Redis Streams queues.
    func reportMisplacedClaims(_ brokers: [JSONValue], fallback: Technology?) {
        for (index, broker) in brokers.enumerated() {
            guard case .object(let fields) = broker, let claim = fields["claim"], claim != .null else { continue }
            var own: Technology?
            if case .string(let name)? = fields["technology"] { own = Technology(rawValue: name) }
            let technology = fields["technology"] == nil ? fallback : own
            var type = "queue"
            if case .string(let t)? = fields["type"] { type = t }
            if technology == .redisStreams && type == "queue" { continue }
            diagnostics.report("$.brokers[\(index)].claim", "\"claim\" (XAUTOCLAIM of idle pending entries) applies to a queue with technology \"redis-streams\"; this broker is \(technology.map { "\"\($0.rawValue)\" " } ?? "")\(type == "queue" ? "a queue" : "a \(type)")\(technology == nil ? " without a technology" : "")")
        }
    }

    /// The technology named by `value`, or nil with an error (unknown name, not a string).
    func technology(_ value: JSONValue?, path: String) -> Technology? {
        guard let value, value != .null else { return nil }
        guard case .string(let name) = value else {
            diagnostics.report(path, "expected a technology name (a string), found \(value.brief); technologies: \(Self.names.joined(separator: ", "))")
            return nil
        }
        guard let technology = Technology(rawValue: name) else {
            diagnostics.report(path, "unknown technology \"\(name)\"\(Suggestion.didYouMean(name, in: Self.names)); technologies: \(Self.names.joined(separator: ", "))")
            return nil
        }
        return technology
    }

    /// Sets `key` (or `profile.<sub>`) of `object` to `value` when it is absent or null.
    func fill(_ object: inout [String: JSONValue], key: String, with value: JSONValue) {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 1 {
            if object[key] == nil || object[key] == .null { object[key] = value }
            return
        }
        switch object[parts[0]] {
        case nil, .null?:
            object[parts[0]] = .object([parts[1]: value])
        case .object(var inner)?:
            if inner[parts[1]] == nil || inner[parts[1]] == .null { inner[parts[1]] = value }
            object[parts[0]] = .object(inner)
        default:
            break   // not an object: the reader reports it
        }
    }

    /// Reports every key of the broker, and of the producers publishing to it, that breaks a
    /// limit of its technology.
    func checkLimits(_ preset: Preset, broker: [String: JSONValue], path: String, name: String, producers: JSONValue?,
                     consumers: JSONValue? = nil) {
        let producerObjects = entities(producers, reading: "publishTo", name: name, list: "producers")
        let consumerObjects = entities(consumers, reading: "consumeFrom", name: name, list: "consumers")
        if let cap = preset.sendBatchMaxBytes {
            for (fields, base) in producerObjects {
                if case .number(let bytes)? = lookup(fields, "batch.maxBytes"), bytes > Double(cap.bytes) {
                    diagnostics.reportLimit(base + ".batch.maxBytes", "expected at most \(JSONValue.format(Double(cap.bytes))) bytes on technology \"\(preset.technology.rawValue)\", found \(JSONValue.format(bytes)): \(cap.reason)")
                    continue
                }
                // With maxBytes a batch is also cut by bytes (within the limit just checked).
                guard lookup(fields, "batch.maxBytes") == nil, case .number(let count)? = lookup(fields, "batch.maxMessages"),
                      case .number(let size)? = lookup(fields, "message.sizeBytes"), count * size > Double(cap.bytes) else { continue }
                diagnostics.reportLimit(base + ".batch.maxMessages", related: [base + ".message.sizeBytes"], "\(JSONValue.format(count)) messages of \(JSONValue.format(size)) bytes make a batch of \(JSONValue.format(count * size)) bytes; technology \"\(preset.technology.rawValue)\" allows at most \(JSONValue.format(Double(cap.bytes))): \(cap.reason)")
            }
        }
        for limit in preset.limits {
            let places = limit.onProducer ? producerObjects : limit.onConsumer ? consumerObjects : [(broker, path)]
            for (fields, base) in places {
                guard let value = lookup(fields, limit.key) else { continue }
                check(limit, value: value, path: base + "." + limit.key, technology: preset.technology)
            }
        }
    }

    /// The objects of `list` (`producers`, `consumers`) whose `key` names broker `name`, with
    /// their paths.
    func entities(_ value: JSONValue?, reading key: String, name: String, list: String) -> [(fields: [String: JSONValue], path: String)] {
        guard case .array(let items)? = value, !name.isEmpty else { return [] }
        return items.enumerated().compactMap { index, item in
            guard case .object(let fields) = item, case .string(let target)? = fields[key], target == name else { return nil }
            return (fields, "$.\(list)[\(index)]")
        }
    }

    /// The value at a dotted `key` of `object`; nil when absent or null.
    func lookup(_ object: [String: JSONValue], _ key: String) -> JSONValue? {
        var current: JSONValue = .object(object)
        for part in key.split(separator: ".") {
            guard case .object(let fields) = current, let next = fields[String(part)], next != .null else { return nil }
            current = next
        }
        return current
    }

    func check(_ limit: PresetLimit, value: JSONValue, path: String, technology: Technology) {
        let tech = "technology \"\(technology.rawValue)\""
        switch limit.rule {
        case .forbidden:
            if value == .bool(false) { return }   // "messageGroups": false asks for nothing
            diagnostics.reportLimit(path, "\(tech) does not allow \"\(limit.key.split(separator: ".").last ?? "")\": \(limit.reason)")
        case .secondsRange(let low, let high):
            let seconds: Double?
            switch value {
            case .number(let n): seconds = n
            case .string(let s): seconds = DurationSyntax.seconds(s)
            default: seconds = nil
            }
            guard let seconds, seconds < low || seconds > high else { return }
            diagnostics.reportLimit(path, "expected \(JSONValue.format(low)) s … \(JSONValue.format(high)) s on \(tech), found \(JSONValue.format(seconds)) s: \(limit.reason)")
        case .numberRange(let low, let high):
            guard case .number(let n) = value, n < low || n > high else { return }
            diagnostics.reportLimit(path, "expected \(JSONValue.format(low)) … \(JSONValue.format(high)) on \(tech), found \(JSONValue.format(n)): \(limit.reason)")
        case .notValue(let forbidden):
            guard value == TechnologyPresets.json(forbidden) else { return }
            diagnostics.reportLimit(path, "\(tech) does not allow \(value.brief) here: \(limit.reason)")
        }
    }
}
