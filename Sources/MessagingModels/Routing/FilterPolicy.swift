/// An Amazon SNS subscription filter policy on message attributes: which published messages a
/// subscription receives.
///
/// A policy maps attribute names to a list of conditions. A message matches when **every**
/// key of the policy matches (AND across keys) and a key matches when **any** of its
/// conditions holds (OR within the list). Attributes the policy does not name are ignored;
/// an empty policy matches everything. For an array attribute (`String.Array`,
/// `Number.Array`) each element is matched on its own and one matching element suffices.
///
/// | condition (JSON)                              | holds when the attribute …                     |
/// |-----------------------------------------------|------------------------------------------------|
/// | `"rugby"`                                     | is the string `rugby` (case-sensitive)         |
/// | `301.5`                                       | is a number equal to 301.5                     |
/// | `{"prefix": "eu-"}` / `{"suffix": ".png"}`    | is a string starting / ending with it          |
/// | `{"numeric": [">=", 0, "<", 100]}`            | is a number within the bounds (`=`, `<`, `<=`, `>`, `>=`) |
/// | `{"exists": true}` / `{"exists": false}`      | is present / absent                            |
/// | `{"anything-but": ["a", 100]}`                | is present and equals none of them             |
/// | `{"anything-but": {"prefix": "test"}}`        | is a string not starting with it               |
///
/// Only `{"exists": false}` can hold for an absent attribute. Strings and numbers never equal
/// each other (`"100"` is not `100`).
///
/// ```swift
/// let policy = FilterPolicy(["customer_interests": [.equals("rugby"), .equals("tennis")]])
/// policy.matches(["customer_interests": .string("rugby")])   // true
/// ```
/// - Note: Source: AWS SNS documentation, "Amazon SNS subscription filter policies",
///   "String value matching", "Numeric value matching", "Key matching" and "Subscription
///   filter policy constraints" (at most 5 keys, numbers from −1e9 to 1e9 with 5 decimal
///   digits): https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html,
///   https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html and
///   https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html.
public struct FilterPolicy: Sendable, Equatable {
    /// A message attribute as a filter policy sees it.
    public enum Attribute: Sendable, Equatable {
        case string(String)
        case number(Double)
        case stringArray([String])
        case numberArray([Double])
    }

    /// A numeric comparison operator.
    public enum Comparison: String, Sendable, Equatable, CaseIterable {
        case equal = "="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .equal: return value == bound
            case .less: return value < bound
            case .lessOrEqual: return value <= bound
            case .greater: return value > bound
            case .greaterOrEqual: return value >= bound
            }
        }
    }

    /// A value an `anything-but` condition excludes.
    public enum Excluded: Sendable, Equatable {
        case string(String)
        case number(Double)
    }

    /// One condition of a key's list.
    public enum Condition: Sendable, Equatable {
        /// Exact string match.
        case equals(String)
        /// Exact numeric match.
        case equalsNumber(Double)
        case prefix(String)
        case suffix(String)
        /// Every comparison holds (one, or a lower and an upper bound).
        case numeric([(Comparison, Double)])
        case exists(Bool)
        /// Present and none of these.
        case anythingBut([Excluded])
        /// A string without this prefix.
        case anythingButPrefix(String)

        public static func == (lhs: Condition, rhs: Condition) -> Bool {
            switch (lhs, rhs) {
            case let (.equals(a), .equals(b)), let (.prefix(a), .prefix(b)), let (.suffix(a), .suffix(b)),
                 let (.anythingButPrefix(a), .anythingButPrefix(b)):
                return a == b
            case let (.equalsNumber(a), .equalsNumber(b)): return a == b
            case let (.numeric(a), .numeric(b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            case let (.exists(a), .exists(b)): return a == b
            case let (.anythingBut(a), .anythingBut(b)): return a == b
            default: return false
            }
        }
    }

    /// Most keys a policy may have.
    /// - Note: Source: AWS SNS "Subscription filter policy constraints" (`sns/filter_max_keys`).
    public static let maxKeys = 5
    /// Numbers in a policy lie within ±1e9.
    /// - Note: Source: AWS SNS "Subscription filter policy constraints" (`sns/filter_numeric_range`).
    public static let numericLimit = 1e9

    /// The policy's keys with their conditions, sorted by the UTF-8 bytes of the key.
    public let keys: [(name: String, conditions: [Condition])]

    public init(_ policy: [String: [Condition]]) {
        keys = policy.map { (name: $0.key, conditions: $0.value) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    public static func == (lhs: FilterPolicy, rhs: FilterPolicy) -> Bool {
        lhs.keys.count == rhs.keys.count && zip(lhs.keys, rhs.keys).allSatisfy { $0.name == $1.name && $0.conditions == $1.conditions }
    }

    /// Whether a message with these attributes passes the policy.
    public func matches(_ attributes: [String: Attribute]) -> Bool {
        keys.allSatisfy { key in
            let attribute = attributes[key.name]
            return key.conditions.contains { FilterPolicy.holds($0, for: attribute) }
        }
    }

    /// The attributes a filter sees for AMQP-style headers: strings stay strings, numbers are
    /// numbers, booleans become the strings `"true"`/`"false"`, and void headers are absent.
    public static func attributes(of headers: [String: HeaderValue]?) -> [String: Attribute] {
        var attributes: [String: Attribute] = [:]
        for (name, value) in headers ?? [:] {
            switch value {
            case .string(let s): attributes[name] = .string(s)
            case .integer(let n), .timestamp(let n): attributes[name] = .number(Double(n))
            case .double(let d): attributes[name] = .number(d)
            case .bool(let b): attributes[name] = .string(b ? "true" : "false")
            case .void: break
            }
        }
        return attributes
    }

    static func holds(_ condition: Condition, for attribute: Attribute?) -> Bool {
        guard let attribute else {
            if case .exists(false) = condition { return true }
            return false
        }
        switch condition {
        case .exists(let present):
            return present
        case .equals(let expected):
            return anyString(attribute) { $0.utf8.elementsEqual(expected.utf8) }
        case .equalsNumber(let expected):
            return anyNumber(attribute) { $0 == expected }
        case .prefix(let prefix):
            return anyString(attribute) { $0.utf8.starts(with: prefix.utf8) }
        case .suffix(let suffix):
            return anyString(attribute) { $0.utf8.reversed().starts(with: suffix.utf8.reversed()) }
        case .numeric(let bounds):
            return anyNumber(attribute) { value in bounds.allSatisfy { $0.0.holds(value, $0.1) } }
        case .anythingBut(let excluded):
            switch attribute {
            case .string(let s): return !excluded.contains(.string(s))
            case .number(let n): return !excluded.contains(.number(n))
            case .stringArray(let a): return a.contains { !excluded.contains(.string($0)) }
            case .numberArray(let a): return a.contains { !excluded.contains(.number($0)) }
            }
        case .anythingButPrefix(let prefix):
            return anyString(attribute) { !$0.utf8.starts(with: prefix.utf8) }
        }
    }

    private static func anyString(_ attribute: Attribute, _ test: (String) -> Bool) -> Bool {
        switch attribute {
        case .string(let s): return test(s)
        case .stringArray(let a): return a.contains(where: test)
        case .number, .numberArray: return false
        }
    }

    private static func anyNumber(_ attribute: Attribute, _ test: (Double) -> Bool) -> Bool {
        switch attribute {
        case .number(let n): return test(n)
        case .numberArray(let a): return a.contains(where: test)
        case .string, .stringArray: return false
        }
    }
}
