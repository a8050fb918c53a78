import Foundation

/// The properties every `mqlab run --format json` report must have, whatever the scenario.
///
/// Checked: the ledger balances for every destination and overall (the `messages` totals are
/// the sums of the destinations'), the by-reason breakdowns add up, no figure is negative,
/// every latency block is ordered (min ≤ p50 ≤ p95 ≤ p99 ≤ p999 ≤ max, min ≤ mean ≤ max), every
/// utilization is within [0, 1], a queue's final depth is at most its ledger `remaining`
/// (equal when the run completed or went idle: nothing is then in flight or held), and where a
/// `fromIntendedSend` latency is reported (run, queues, streams) it counts the messages
/// `endToEnd` counts, with a mean at least as high (each is endToEnd plus a publish delay ≥ 0).
public enum ReportChecker {
    /// The violated properties of one report, each a short sentence naming the JSON path; empty
    /// when the report is sound.
    ///
    /// - Parameter json: the report as printed by `mqlab run --format json` (one scenario).
    public static func violations(inReport json: String) -> [String] {
        guard let data = json.data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return ["stdout is not one JSON object"] }
        var problems: [String] = []
        checkLedger(root, &problems)
        checkReasons(root, &problems)
        walk(root, path: "$", &problems)
        checkDepth(root, &problems)
        checkIntendedSend(root, &problems)
        checkReceives(root, &problems)
        return problems
    }

    /// A JSON number as a Double (true and false read as 1 and 0, which no check minds).
    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    static let outcomes = ["acked", "deadLettered", "expired", "dropped", "lost", "remaining"]

    static func checkLedger(_ root: [String: Any], _ problems: inout [String]) {
        guard let ledger = root["ledger"] as? [String: Any],
              let destinations = ledger["destinations"] as? [String: Any],
              let messages = root["messages"] as? [String: Any]
        else { problems.append("$.ledger or $.messages missing"); return }
        if (ledger["balanced"] as? Bool) != true { problems.append("$.ledger.balanced is not true") }
        var totals: [String: [String: Double]] = [:]
        for name in destinations.keys.sorted() {
            guard let entry = destinations[name] as? [String: Any] else { continue }
            let kind = entry["kind"] as? String ?? "?"
            let entered = number(entry["entered"]) ?? -1
            let sum = outcomes.reduce(0.0) { $0 + (number(entry[$1]) ?? 0) }
            if entered != sum {
                problems.append("$.ledger.destinations.\(name): entered \(entered) ≠ acked + deadLettered + expired + dropped + lost + remaining = \(sum)")
            }
            if (entry["balanced"] as? Bool) != true { problems.append("$.ledger.destinations.\(name).balanced is not true") }
            for key in outcomes { totals[kind, default: [:]][key, default: 0] += number(entry[key]) ?? 0 }
        }
        func total(_ key: String, _ kinds: [String]) -> Double { kinds.reduce(0) { $0 + (totals[$1]?[key] ?? 0) } }
        for key in ["acked", "deadLettered", "expired", "dropped"] {
            let expected = total(key, ["queue", "group"])
            if let found = number(messages[key]), found != expected {
                problems.append("$.messages.\(key) \(found) ≠ sum over queues and groups \(expected)")
            }
        }
        if let lost = number(messages["lost"]), lost != total("lost", ["queue", "group", "stream"]) {
            problems.append("$.messages.lost \(lost) ≠ sum over destinations \(total("lost", ["queue", "group", "stream"]))")
        }
        if let remaining = number(messages["remaining"]),
           remaining != total("remaining", ["queue", "group"]), remaining != total("remaining", ["queue", "group", "stream"]) {
            problems.append("$.messages.remaining \(remaining) ≠ sum over destinations \(total("remaining", ["queue", "group"]))")
        }
    }

    static func checkReasons(_ root: [String: Any], _ problems: inout [String]) {
        guard let messages = root["messages"] as? [String: Any] else { return }
        for (key, byReason) in [("deadLettered", "deadLetteredByReason"), ("dropped", "droppedByReason"), ("lost", "lostByReason")] {
            guard let reasons = messages[byReason] as? [String: Any], let total = number(messages[key]) else { continue }
            let sum = reasons.values.reduce(0.0) { $0 + (number($1) ?? 0) }
            if sum != total { problems.append("$.messages.\(byReason) sums to \(sum), $.messages.\(key) is \(total)") }
        }
    }

    /// Walks every value: no negative figure (but a relative difference, and the value an
    /// expectation compares with, which is the scenario's: `x > -1` is a valid requirement),
    /// ordered latency blocks, measured utilizations in [0, 1] (theory's offered load may
    /// exceed 1).
    static func walk(_ value: Any, path: String, _ problems: inout [String]) {
        if let object = value as? [String: Any] {
            checkStatistics(object, path: path, &problems)
            for key in object.keys.sorted() {
                let child = path + "." + key
                if key == "relativeDifference" { continue }
                if key == "expected", path.hasPrefix("$.expectations[") { continue }
                if key == "utilization", !path.hasSuffix(".theory"), let u = number(object[key]), !(u >= 0 && u <= 1 + 1e-9) {
                    problems.append("\(child) = \(u) is outside [0, 1]")
                }
                walk(object[key] as Any, path: child, &problems)
            }
        } else if let array = value as? [Any] {
            for (i, item) in array.enumerated() { walk(item, path: "\(path)[\(i)]", &problems) }
        } else if !(value is Bool), let n = number(value), !(n >= 0) {
            problems.append("\(path) = \(n) is negative")
        }
    }

    static func checkStatistics(_ stats: [String: Any], path: String, _ problems: inout [String]) {
        let keys = ["min", "p50", "p95", "p99", "p999", "max"]
        guard let count = number(stats["count"]), count > 0, stats["p50"] != nil else { return }
        let values = keys.map { number(stats[$0]) }
        guard values.allSatisfy({ $0 != nil }), let mean = number(stats["mean"]) else {
            problems.append("\(path): count \(count) but a statistic is null")
            return
        }
        let v = values.map { $0 ?? 0 }
        for i in 1..<v.count where v[i - 1] > v[i] {
            problems.append("\(path): \(keys[i - 1]) \(v[i - 1]) > \(keys[i]) \(v[i])")
        }
        let slack = 1e-9 * max(1, abs(mean))
        if mean < v[0] - slack || mean > v[5] + slack {
            problems.append("\(path): mean \(mean) outside [min \(v[0]), max \(v[5])]")
        }
    }

    static func checkIntendedSend(_ root: [String: Any], _ problems: inout [String]) {
        var blocks: [(String, [String: Any])] = []
        if let latency = root["latency"] as? [String: Any] { blocks.append(("$.latency", latency)) }
        let brokers = root["brokers"] as? [String: Any] ?? [:]
        for name in brokers.keys.sorted() {
            if let latency = (brokers[name] as? [String: Any])?["latency"] as? [String: Any] { blocks.append(("$.brokers.\(name).latency", latency)) }
        }
        for (path, latency) in blocks {
            guard let intended = latency["fromIntendedSend"] as? [String: Any], let actual = latency["endToEnd"] as? [String: Any] else { continue }
            let (counted, acked) = (number(intended["count"]) ?? -1, number(actual["count"]) ?? -1)
            if counted != acked {
                problems.append("\(path).fromIntendedSend.count \(counted) ≠ endToEnd.count \(acked)")
            }
            if let from = number(intended["mean"]), let mean = number(actual["mean"]), from < mean - 1e-9 * max(1, abs(mean)) {
                problems.append("\(path).fromIntendedSend.mean \(from) < endToEnd.mean \(mean)")
            }
        }
    }

    /// A polled queue's receive counts nest: false empty receives ≤ empty receives ≤ calls.
    static func checkReceives(_ root: [String: Any], _ problems: inout [String]) {
        guard let brokers = root["brokers"] as? [String: Any] else { return }
        for name in brokers.keys.sorted() {
            guard let receives = (brokers[name] as? [String: Any])?["receives"] as? [String: Any],
                  let calls = number(receives["calls"]), let empty = number(receives["empty"]) else { continue }
            if empty > calls { problems.append("$.brokers.\(name).receives.empty \(empty) > calls \(calls)") }
            if let falseEmpty = number(receives["falseEmpty"]), falseEmpty > empty {
                problems.append("$.brokers.\(name).receives.falseEmpty \(falseEmpty) > empty \(empty)")
            }
        }
    }

    static func checkDepth(_ root: [String: Any], _ problems: inout [String]) {
        guard let brokers = root["brokers"] as? [String: Any],
              let destinations = (root["ledger"] as? [String: Any])?["destinations"] as? [String: Any] else { return }
        let settled = ["completed", "idle"].contains(root["stopReason"] as? String ?? "")
        for name in brokers.keys.sorted() {
            guard let depth = (brokers[name] as? [String: Any])?["depth"] as? [String: Any],
                  let entry = destinations[name] as? [String: Any], entry["kind"] as? String == "queue",
                  let final = number(depth["final"]), let remaining = number(entry["remaining"]) else { continue }
            if settled ? final != remaining : final > remaining {
                problems.append("$.brokers.\(name).depth.final \(final) \(settled ? "≠" : ">") ledger remaining \(remaining) (stopReason \(root["stopReason"] as? String ?? "?"))")
            }
            if let maximum = number(depth["max"]), final > maximum {
                problems.append("$.brokers.\(name).depth.final \(final) > depth.max \(maximum)")
            }
        }
    }
}
