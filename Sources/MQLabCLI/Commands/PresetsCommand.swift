import Foundation
import Technologies

/// `mqlab presets [NAME] [--format text|markdown|json]`: the technology presets a scenario can
/// name in `"technology"`. Without a name, one line each (name, broker types, summary); with
/// one, every documented default and limit with its value, unit and public source, the
/// scenario keys the preset fills, its limits, the published figures it is calibrated on, and
/// what it models and what it does not.
enum PresetsCommand {
    static let usage = "mqlab presets [NAME] [--format text|markdown|json]"

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--format"], usage: usage, help: Help.presets, console: console)
        guard let args = parsed else { return exit }
        let format = args.options["--format"] ?? "text"
        guard ["text", "markdown", "json"].contains(format) else {
            console.err("error: --format expects text, markdown or json, found \"\(format)\"\nusage: \(usage)\n")
            return .usage
        }
        guard args.positional.count <= 1 else {
            console.err("error: presets takes at most one technology name, found \(args.positional.count)\nusage: \(usage)\n")
            return .usage
        }
        guard let name = args.positional.first else {
            console.out(list(format: format))
            return .success
        }
        guard let technology = Technology(rawValue: name) else {
            let names = Technology.allCases.map(\.rawValue)
            let hint = names.first { MQLab.isNear(name, $0) }.map { " (did you mean \"\($0)\"?)" } ?? ""
            console.err("error: unknown technology \"\(name)\"\(hint); technologies: \(names.joined(separator: ", "))\n")
            return .usage
        }
        console.out(detail(Preset.for(technology), format: format))
        return .success
    }

    // MARK: The list

    static func list(format: String) -> String {
        let presets = Preset.all
        switch format {
        case "json":
            return json(["technologies": presets.map { ["name": $0.technology.rawValue, "brokerTypes": $0.brokerTypes, "summary": $0.summary] as [String: Any] }])
        case "markdown":
            var lines = ["| technology | broker types | summary |", "|---|---|---|"]
            lines += presets.map { "| `\($0.technology.rawValue)` | \($0.brokerTypes.joined(separator: ", ")) | \($0.summary) |" }
            return lines.joined(separator: "\n") + "\n\nDetails: `mqlab presets NAME`.\n"
        default:
            var lines = ["technology            broker types      summary"]
            lines += presets.map { pad($0.technology.rawValue, 21) + " " + pad($0.brokerTypes.joined(separator: ", "), 17) + " " + $0.summary }
            return lines.joined(separator: "\n") + "\n\ndetails: mqlab presets NAME · in a scenario: \"technology\": NAME on a broker, or at the top level\n"
        }
    }

    // MARK: One preset

    static func detail(_ preset: Preset, format: String) -> String {
        switch format {
        case "json": return json(document(preset))
        case "markdown": return markdown(preset)
        default: return text(preset)
        }
    }

    static func text(_ p: Preset) -> String {
        var out = ["\(p.technology.rawValue) — \(p.summary)", "",
                   "broker types: \(p.brokerTypes.joined(separator: ", "))"]
        for type in p.unsupportedTypes.keys.sorted() { out.append("  no \(type): \(p.unsupportedTypes[type] ?? "")") }
        if !p.facts.isEmpty {
            out += ["", "Documented defaults and limits (value, unit, source)"]
            for fact in p.facts {
                out.append("  \(fact.label): \(value(fact))" + (fact.scenarioKey.map { "  → \($0)" } ?? ""))
                out.append("      \(fact.source)")
            }
        }
        let fills = defaults(p)
        if !fills.isEmpty {
            out += ["", "Keys the preset fills when the scenario leaves them out"]
            out += fills.map { "  \($0)" }
        }
        if !p.limits.isEmpty {
            out += ["", "Limits (errors with the key's path)"]
            out += p.limits.map { "  \(limitKey($0)): \(rule($0.rule)) — \($0.reason)" }
        }
        if !p.published.isEmpty {
            out += ["", "Published figures the model is calibrated on"]
            for figure in p.published {
                out.append("  \(figure.metric): \(number(figure.value)) \(figure.unit) — \(figure.conditions)")
                out.append("      \(figure.source)")
            }
        }
        if !p.capacities.isEmpty || p.capacityNote != nil {
            out += ["", "Capacities the defaults give (value, unit, how, source)"]
            for capacity in p.capacities {
                out.append("  \(capacity.scenarioKey): \(number(capacity.value)) \(capacity.unit)\(capacity.assumed ? " (assumption)" : "") — \(capacity.derivation)")
                out.append("      \(capacity.source)")
            }
            if let note = p.capacityNote { out.append("  \(note)") }
        }
        out += ["", "What we model"] + p.modelled.map { "  - \($0)" }
        out += ["", "What we don't"] + p.notModelled.map { "  - \($0)" }
        return out.joined(separator: "\n") + "\n"
    }

    static func markdown(_ p: Preset) -> String {
        var out = ["## \(p.technology.rawValue)", "", p.summary, "",
                   "Broker types: \(p.brokerTypes.map { "`\($0)`" }.joined(separator: ", ")).", ""]
        for type in p.unsupportedTypes.keys.sorted() { out.append("- no `\(type)`: \(p.unsupportedTypes[type] ?? "")") }
        if !p.facts.isEmpty {
            out += ["", "| default or limit | value | scenario key | source |", "|---|---|---|---|"]
            out += p.facts.map { "| \($0.label) | \(value($0)) | \($0.scenarioKey.map { "`\($0)`" } ?? "") | \($0.source) |" }
        }
        let fills = defaults(p)
        if !fills.isEmpty { out += ["", "Keys the preset fills when the scenario leaves them out:", ""] + fills.map { "- `\($0)`" } }
        if !p.limits.isEmpty {
            out += ["", "| limit | rule | why |", "|---|---|---|"]
            out += p.limits.map { "| `\(limitKey($0))` | \(rule($0.rule)) | \($0.reason) |" }
        }
        if !p.published.isEmpty {
            out += ["", "| published figure | value | conditions | source |", "|---|---:|---|---|"]
            out += p.published.map { "| \($0.metric) | \(number($0.value)) \($0.unit) | \($0.conditions) | \($0.source) |" }
        }
        if !p.capacities.isEmpty {
            out += ["", "| capacity | value | how | source |", "|---|---:|---|---|"]
            out += p.capacities.map { "| `\($0.scenarioKey)` | \(number($0.value)) \($0.unit) | \($0.assumed ? "**assumption:** " : "")\($0.derivation) | \($0.source) |" }
        }
        if let note = p.capacityNote { out += ["", "**Capacities:** " + note] }
        out += ["", "**What we model**", ""] + p.modelled.map { "- \($0)" }
        out += ["", "**What we don't**", ""] + p.notModelled.map { "- \($0)" }
        return out.joined(separator: "\n") + "\n"
    }

    static func document(_ p: Preset) -> [String: Any] {
        func values(_ list: [(key: String, value: PresetValue)]) -> [String: Any] {
            Dictionary(list.map { ($0.key, presetValue($0.value)) }, uniquingKeysWith: { first, _ in first })
        }
        var object: [String: Any] = [
            "technology": p.technology.rawValue, "summary": p.summary, "brokerTypes": p.brokerTypes,
            "unsupportedTypes": p.unsupportedTypes,
            "facts": p.facts.map { fact -> [String: Any] in
                var entry: [String: Any] = ["name": fact.name, "label": fact.label, "source": fact.source]
                switch fact.value {
                case .number(let n): entry["value"] = n
                case .range(let a, let b): entry["value"] = [a, b]
                case .flag(let f): entry["value"] = f
                case .text(let t): entry["value"] = t
                }
                if let unit = fact.unit { entry["unit"] = unit }
                if let key = fact.scenarioKey { entry["scenarioKey"] = key }
                return entry
            },
            "defaults": p.brokerDefaults.mapValues(values),
            "consumerDefaults": p.consumerDefaults.mapValues(values),
            "producerOptInDefaults": p.producerOptInDefaults.mapValues(values),
            "limits": p.limits.map { ["key": limitKey($0), "rule": rule($0.rule), "reason": $0.reason] },
            "published": p.published.map { ["metric": $0.metric, "value": $0.value, "unit": $0.unit, "conditions": $0.conditions, "source": $0.source] as [String: Any] },
            "modelled": p.modelled, "notModelled": p.notModelled,
            "capacities": p.capacities.map {
                ["scenarioKey": $0.scenarioKey, "value": $0.value, "unit": $0.unit, "assumed": $0.assumed,
                 "derivation": $0.derivation, "source": $0.source] as [String: Any]
            },
        ]
        if let count = p.deadLetterMaxReceiveCount { object["deadLetterMaxReceiveCount"] = count }
        if let note = p.capacityNote { object["capacityNote"] = note }
        return object
    }

    // MARK: Formatting

    /// "brokers[].visibilityTimeout", "producers[].message.sizeBytes" or
    /// "consumers[].receiveWait".
    static func limitKey(_ limit: PresetLimit) -> String {
        (limit.onProducer ? "producers[]." : limit.onConsumer ? "consumers[]." : "brokers[].") + limit.key
    }

    /// The keys a preset fills, as "queue: visibilityTimeout 30s".
    static func defaults(_ p: Preset) -> [String] {
        var lines: [String] = []
        for type in p.brokerDefaults.keys.sorted() {
            let list = p.brokerDefaults[type] ?? []
            lines.append("\(type): " + list.map { "\($0.key) \(describe($0.value))" }.joined(separator: ", "))
        }
        if let count = p.deadLetterMaxReceiveCount { lines.append("deadLetter without maxReceiveCount: maxReceiveCount \(count)") }
        for type in p.consumerDefaults.keys.sorted() {
            let list = p.consumerDefaults[type] ?? []
            lines.append("consumers of a \(type): " + list.map { "\($0.key) \(describe($0.value))" }.joined(separator: ", "))
        }
        for type in p.producerOptInDefaults.keys.sorted() {
            let list = p.producerOptInDefaults[type] ?? []
            lines.append("producers of a \(type) that set batch: " + list.map { "\($0.key) \(describe($0.value))" }.joined(separator: ", "))
        }
        return lines
    }

    static func describe(_ value: PresetValue) -> String {
        switch value {
        case .seconds(let s): return number(s) + "s"
        case .integer(let n): return String(n)
        case .rate(let r): return number(r) + "/s"
        case .fraction(let f): return number(f)
        case .bool(let b): return b ? "true" : "false"
        case .word(let w): return "\"\(w)\""
        case .distribution(let d):
            switch d {
            case .constant(let s): return "constant \(number(s * 1000)) ms"
            case .exponential(let m): return "exponential, mean \(number(m * 1000)) ms"
            case .lognormal(let m, let sd): return "lognormal, mean \(number(m * 1000)) ms, stddev \(number(sd * 1000)) ms"
            }
        }
    }

    static func presetValue(_ value: PresetValue) -> Any {
        switch value {
        case .seconds(let s): return number(s) + "s"
        case .integer(let n): return n
        case .rate(let r): return r
        case .fraction(let f): return f
        case .bool(let b): return b
        case .word(let w): return w
        case .distribution: return describe(value)
        }
    }

    static func rule(_ rule: PresetLimit.Rule) -> String {
        switch rule {
        case .forbidden: return "not allowed"
        case .secondsRange(let a, let b): return "\(number(a)) s … \(number(b)) s"
        case .numberRange(let a, let b): return "\(number(a)) … \(number(b))"
        case .notValue(let v): return "not \(describe(v))"
        }
    }

    static func value(_ fact: PresetFact) -> String {
        let unit = fact.unit.map { " " + $0 } ?? ""
        switch fact.value {
        case .number(let n): return number(n) + unit
        case .range(let a, let b): return "\(number(a)) … \(number(b))" + unit
        case .flag(let f): return f ? "yes" : "no"
        case .text(let t): return t
        }
    }

    /// 30, 0.75, 1048576: whole numbers without a fraction.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%g", x)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Sorted-key JSON with a final newline.
    static func json(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        return text + "\n"
    }
}
