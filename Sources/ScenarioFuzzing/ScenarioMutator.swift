/// Random mutations of a JSON scenario: edge numbers, extreme durations, wrong types, deleted,
/// repeated and misspelt keys, swapped references, deep nesting, and newer keys (presets,
/// deduplication, re-sent publishes, consumer timeouts, lock renewal, claims, …) inserted with
/// values at or just past their limits, or where they do not apply.
///
/// A mutated scenario may be valid or not; either way mqlab must answer with a report (exit
/// 0 or 3) or a clear error (exit 2), never a crash or a hang.
public struct ScenarioMutator {
    var random: FuzzRandom

    /// - Parameter seed: the same seed and input give the same mutant.
    public init(seed: UInt64) { random = FuzzRandom(seed: seed ^ 0x6D75_7461_7465_2121) }

    /// Numbers at the edges of what the reader must handle.
    public static let edgeNumbers = ["0", "-1", "1", "0.5", "1e308", "-1e308", "1e-300", "99999999999999999999",
                                     "9223372036854775807", "9223372036854775808", "4294967296", "65536", "100000",
                                     "1.5", "2e9", "-0", "1e6"]
    /// Durations at the edges: tiny, huge, malformed.
    public static let edgeDurations = ["1ns", "0s", "0", "-1s", "300y", "1e20s", "106751d", "106752d", "9223372036s",
                                       "2m30s", "1.5", "1e-9", "ms", "", "10", "7d", "1h1h", "0.0000001ns", "NaNs", "infs"]
    /// Newer keys with values at or just past their limits, or misplaced (a key where it does
    /// not apply): the reader must accept them or name the rule they break.
    static let newerMembers: [(String, JSONValue)] = [
        ("technology", .string("rabbitmq-clasic")), ("technology", .string("kafka")), ("technology", .string("redis-streams")),
        ("technology", .string("sqs-fifo")), ("technology", .int(1)),
        ("deduplication", .object([("window", .string("0s"))])), ("deduplication", .object([("scope", .string("group"))])),
        ("deduplication", .object([])), ("deduplication", .object([("window", .string("1ns")), ("scope", .string("messageGroup"))])),
        ("publishTimeouts", .object([("fraction", .number("1.5")), ("resendAfter", .string("1s"))])),
        ("publishTimeouts", .object([("fraction", .number("1")), ("resendAfter", .string("1ns"))])),
        ("publishTimeouts", .object([("fraction", .number("0.5"))])),
        ("consumerTimeout", .string("-1s")), ("consumerTimeout", .string("1ns")), ("consumerTimeout", .string("10ms")),
        ("lockRenewal", .object([("maxDuration", .number("0"))])), ("lockRenewal", .object([])),
        ("lockRenewal", .object([("maxDuration", .string("1ns"))])),
        ("claim", .object([("minIdle", .string("1ms"))])), ("claim", .object([])), ("claim", .string("atStart")),
        ("claim", .string("atMiddle")), ("visibilityTimeout", .string("1ns")),
        ("rateLimit", .object([("rate", .number("0.001")), ("burst", .number("1"))])),
        ("rateLimit", .object([("rate", .number("1e9")), ("burst", .number("1000000000"))])),
        ("sizeBytes", .number("1073741825")), ("sizeBytes", .number("65537")),
        ("initialBacklog", .object([("messages", .number("3")), ("producer", .string("p9"))])),
        ("expect", .array([.string("messages.lost == 0"), .string("latency.endToEnd.p99 < 1 parsec")])),
        ("report", .object([("sampleEvery", .string("1ns"))])),
        ("publishInOrder", .bool(true)),
    ]
    static let names = ["w0", "w1", "s0", "s1", "t", "x", "xa", "st", "replies", "jobs", "c0", "p0", "g0", "nope", ""]

    /// Applies 1 … `maxMutations` mutations to `value`.
    public mutating func mutate(_ value: JSONValue, maxMutations: Int = 3) -> JSONValue {
        var result = value
        for _ in 0..<random.int(1...max(1, maxMutations)) {
            let paths = Self.paths(in: result)
            let path = random.pick(paths)
            result = Self.replacing(at: path[...], in: result) { self.mutateOne($0) }
        }
        return result
    }

    /// Every path to a value (indices into arrays and objects' member lists), the root first.
    static func paths(in value: JSONValue) -> [[Int]] {
        var out: [[Int]] = [[]]
        switch value {
        case let .array(items):
            for (i, item) in items.enumerated() { out += paths(in: item).map { [i] + $0 } }
        case let .object(members):
            for (i, member) in members.enumerated() { out += paths(in: member.1).map { [i] + $0 } }
        default: break
        }
        return out
    }

    static func replacing(at path: ArraySlice<Int>, in value: JSONValue, _ change: (JSONValue) -> JSONValue) -> JSONValue {
        guard let first = path.first else { return change(value) }
        switch value {
        case var .array(items):
            items[first] = replacing(at: path.dropFirst(), in: items[first], change)
            return .array(items)
        case var .object(members):
            members[first].1 = replacing(at: path.dropFirst(), in: members[first].1, change)
            return .object(members)
        default: return value
        }
    }

    mutating func mutateOne(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number:
            return random.chance(0.8) ? .number(random.pick(Self.edgeNumbers)) : wrongType()
        case let .string(s):
            switch random.int(0...5) {
            case 0, 1: return .string(random.pick(Self.edgeDurations))
            case 2: return .string(random.pick(Self.names))
            case 3: return .string(s + s.prefix(1))
            case 4: return .string(String(repeating: s.isEmpty ? "a" : s, count: random.int(2...50)))
            default: return wrongType()
            }
        case .bool, .null:
            return wrongType()
        case var .array(items):
            switch random.int(0...4) {
            case 0 where !items.isEmpty: items.remove(at: random.int(0...(items.count - 1)))
            case 1 where !items.isEmpty: items.append(items[random.int(0...(items.count - 1))])
            case 2 where items.count >= 2: items.swapAt(0, items.count - 1)
            case 3: items = []
            default: return wrongType()
            }
            return .array(items)
        case var .object(members):
            guard !members.isEmpty else { return wrongType() }
            let i = random.int(0...(members.count - 1))
            switch random.int(0...7) {
            case 7: members.append(random.pick(Self.newerMembers))
            case 0: members.remove(at: i)
            case 1: members.append(members[i])   // repeated key
            case 2: members[i].0 = Self.misspell(members[i].0, &random)
            case 3: members[i].1 = deepNesting()
            case 4: members.append(("unknownKey\(random.int(0...9))", .int(1)))
            case 5: members[i].1 = wrongType()
            default:
                let j = random.int(0...(members.count - 1))
                let value = members[i].1
                members[i].1 = members[j].1
                members[j].1 = value
            }
            return .object(members)
        }
    }

    mutating func wrongType() -> JSONValue {
        switch random.int(0...5) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .string("x")
        case 3: return .array([.int(1)])
        case 4: return .object([])
        default: return .number(random.pick(Self.edgeNumbers))
        }
    }

    mutating func deepNesting() -> JSONValue {
        var value = JSONValue.int(1)
        for _ in 0..<random.int(10...300) { value = random.chance(0.5) ? .array([value]) : .object([("a", value)]) }
        return value
    }

    static func misspell(_ key: String, _ random: inout FuzzRandom) -> String {
        guard key.count > 1 else { return key + "x" }
        var chars = Array(key)
        let i = random.int(0...(chars.count - 2))
        switch random.int(0...2) {
        case 0: chars.swapAt(i, i + 1)
        case 1: chars.remove(at: i)
        default: chars[i] = Character(chars[i].uppercased() == String(chars[i]) ? chars[i].lowercased() : chars[i].uppercased())
        }
        return String(chars)
    }
}
