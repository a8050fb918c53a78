/// A RabbitMQ headers-exchange binding: the `x-match` mode and the header conditions a message must meet.
///
/// A headers exchange ignores the routing key and routes on the message's header table. The
/// binding's arguments hold the conditions and, under the key `x-match`, how to combine them:
///
/// | `x-match`            | routed when                          | `x-`-prefixed keys |
/// |----------------------|--------------------------------------|--------------------|
/// | `all` (the default)  | every condition holds                | ignored            |
/// | `any`                | at least one condition holds         | ignored            |
/// | `all-with-x`         | every condition holds                | considered         |
/// | `any-with-x`         | at least one condition holds         | considered         |
///
/// The `x-match` argument itself is never a condition. "Ignored" applies to binding arguments
/// and message headers alike: under `all`/`any` an `x-` argument is dropped, so a message's
/// `x-` headers can never satisfy anything. A condition with a ``HeaderValue/void`` value is a
/// presence test (any value, even void, satisfies it); any other value must be present and
/// equal by RabbitMQ's term equality (see ``HeaderValue``). Consequences worth knowing:
/// `all` with no remaining conditions matches every message, even one without headers, and
/// `any` with no remaining conditions matches none. A message without a header table behaves
/// as one with an empty table.
///
/// ```swift
/// let binding = try HeadersBinding(arguments: ["x-match": "any", "format": "pdf", "type": "report"])
/// binding.matches(["format": "pdf"])   // true
/// binding.matches(nil)                 // false
/// ```
///
/// - Complexity: `matches(_:)` is O(*c*) dictionary lookups for *c* conditions.
/// - Note: Source: RabbitMQ `deps/rabbit/src/rabbit_exchange_type_headers.erl` (matching,
///   `validate_binding/2`) and `deps/rabbit/src/mc_amqpl.erl` (how message headers are turned
///   into routing values); RabbitMQ documentation "Exchanges" (headers exchange) and the
///   AMQP 0-9-1 specification, section 3.1.3.4 "The Headers Exchange Type". `all-with-x` and
///   `any-with-x` exist since RabbitMQ 3.10.
public struct HeadersBinding: Sendable, Hashable {
    /// How a binding combines its conditions: the `x-match` argument.
    public enum MatchMode: String, Sendable, Hashable, CaseIterable {
        /// Every condition must hold; `x-` keys are ignored. The default when `x-match` is absent.
        case all
        /// At least one condition must hold; `x-` keys are ignored.
        case any
        /// Every condition must hold; `x-` keys (other than `x-match`) are conditions too.
        case allWithX = "all-with-x"
        /// At least one condition must hold; `x-` keys (other than `x-match`) are conditions too.
        case anyWithX = "any-with-x"

        /// Whether binding arguments whose key starts with `x-` are kept as conditions.
        public var considersXPrefixedKeys: Bool {
            self == .allWithX || self == .anyWithX
        }

        /// Whether every condition must hold (`true`) or at least one (`false`).
        public var requiresAllConditions: Bool {
            self == .all || self == .allWithX
        }
    }

    /// Why binding arguments were rejected; RabbitMQ answers such a bind with 406 PRECONDITION_FAILED.
    ///
    /// - Note: Source: RabbitMQ `rabbit_exchange_type_headers.erl` `validate_binding/2`.
    public enum ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
        /// `x-match` is a string but not one of `all`, `any`, `all-with-x`, `any-with-x`
        /// (the comparison is case-sensitive).
        case invalidMatchValue(String)
        /// `x-match` is not a string (for example the integer `23`, or void).
        case invalidMatchType(HeaderValue)

        public var description: String {
            switch self {
            case .invalidMatchValue(let value):
                return "invalid x-match value \"\(value)\"; expected all, any, all-with-x or any-with-x"
            case .invalidMatchType(let value):
                return "invalid x-match type \(value.typeName) (value \(value.valueDescription)); expected a string"
            }
        }
    }

    /// One condition kept from the binding arguments.
    private struct Condition: Sendable, Hashable {
        let key: String
        /// `.void` means "key present"; anything else must be equal.
        let expected: HeaderValue
    }

    /// The binding key that selects the match mode.
    public static let matchModeKey = "x-match"

    /// How the conditions combine.
    public let mode: MatchMode

    /// The binding arguments as given, including `x-match` if it was present.
    public let arguments: [String: HeaderValue]

    /// The arguments that take part in matching under `mode`, sorted by the UTF-8 bytes of
    /// their keys so the order never depends on dictionary layout.
    private let conditions: [Condition]

    /// Validates binding arguments and compiles them into a binding.
    ///
    /// - Parameter arguments: The binding's argument table. `x-match`, if present, must be the
    ///   string `all`, `any`, `all-with-x` or `any-with-x`; absent means `all`.
    /// - Throws: `ValidationError.invalidMatchType` when `x-match` is not a string,
    ///   `ValidationError.invalidMatchValue` when it is an unknown string.
    public init(arguments: [String: HeaderValue]) throws(ValidationError) {
        let mode: MatchMode
        switch arguments[HeadersBinding.matchModeKey] {
        case nil:
            mode = .all
        case .string(let text)?:
            guard let parsed = MatchMode(rawValue: text) else { throw .invalidMatchValue(text) }
            mode = parsed
        case let other?:
            throw .invalidMatchType(other)
        }
        self.init(validatedMode: mode, arguments: arguments)
    }

    /// Creates a binding from a mode and conditions, which cannot fail.
    ///
    /// Equivalent to `init(arguments:)` with `conditions` plus `x-match` set to `mode`; an
    /// `x-match` key inside `conditions` is replaced.
    ///
    /// - Parameters:
    ///   - mode: How the conditions combine.
    ///   - conditions: Header names and the value each must have (``HeaderValue/void`` for
    ///     "present with any value").
    public init(mode: MatchMode, conditions: [String: HeaderValue]) {
        var arguments = conditions
        arguments[HeadersBinding.matchModeKey] = .string(mode.rawValue)
        self.init(validatedMode: mode, arguments: arguments)
    }

    private init(validatedMode mode: MatchMode, arguments: [String: HeaderValue]) {
        self.mode = mode
        self.arguments = arguments
        conditions = arguments
            .filter { key, _ in HeadersBinding.isCondition(key, in: mode) }
            .map { Condition(key: $0.key, expected: $0.value) }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// Returns whether a message with these headers is routed through this binding.
    ///
    /// - Parameter headers: The message's header table, or `nil` when it has none (treated
    ///   as an empty table).
    /// - Returns: For `all`/`all-with-x`, whether every condition holds (vacuously `true`
    ///   without conditions); for `any`/`any-with-x`, whether at least one holds.
    /// - Complexity: O(*c*) dictionary lookups for *c* conditions.
    public func matches(_ headers: [String: HeaderValue]?) -> Bool {
        let table = headers ?? [:]
        if mode.requiresAllConditions {
            return conditions.allSatisfy { HeadersBinding.holds($0, in: table) }
        } else {
            return conditions.contains { HeadersBinding.holds($0, in: table) }
        }
    }

    /// Whether a binding argument takes part in matching: `x-match` never does; other
    /// `x-`-prefixed keys only under the `*-with-x` modes. The prefix test is on bytes and
    /// case-sensitive (`X-Foo` is an ordinary key).
    private static func isCondition(_ key: String, in mode: MatchMode) -> Bool {
        if key.utf8.elementsEqual(matchModeKey.utf8) { return false }
        if key.utf8.starts(with: "x-".utf8) { return mode.considersXPrefixedKeys }
        return true
    }

    private static func holds(_ condition: Condition, in headers: [String: HeaderValue]) -> Bool {
        guard let actual = headers[condition.key] else { return false }
        if condition.expected == .void { return true }
        return condition.expected.routingEquals(header: actual)
    }
}

/// A value in an AMQP 0-9-1 field table: a message header or a binding argument.
///
/// The cases cover the field types that matter for routing, with AMQP's wire types folded
/// together the way RabbitMQ's routing compares them: every integer type (`short`,
/// `signedint`, `long`, …) is `.integer`, `float` and `double` are `.double`, `longstr`
/// and `binary` are `.string`.
///
/// `==` is structural equality of this enum. Routing uses RabbitMQ's *term* equality instead
/// (Erlang `=:=` on the decoded values), which differs in these ways:
/// - strings are compared by UTF-8 bytes, not Unicode canonical equivalence;
/// - an integer never equals a double (`1` ≠ `1.0`), and a number never equals a string
///   (`1` ≠ `"1"`); doubles compare exactly, `0.0` ≠ `-0.0`, and NaN equals nothing;
/// - a `.timestamp` **message header** is converted to milliseconds (× 1000) before
///   comparison while a binding argument is not, so `.timestamp(s)` in a binding equals the
///   header `.integer(s)`, and the header `.timestamp(s)` equals the binding `.integer(s * 1000)`;
///   equal non-zero timestamps on both sides never match. This is RabbitMQ's behaviour
///   (`mc_amqpl:routing_headers/2`), kept so routing agrees with the real broker.
///
/// - Note: Source: AMQP 0-9-1 specification, section 4.2.5.5 "Field Tables"; RabbitMQ
///   `deps/rabbit/src/rabbit_exchange_type_headers.erl` (`=:=` on values) and
///   `deps/rabbit/src/mc_amqpl.erl` (`routing_value(timestamp, V) -> V * 1000`).
public enum HeaderValue: Sendable, Hashable {
    /// A string (`longstr`, `shortstr` or `binary` on the wire).
    case string(String)
    /// An integer of any AMQP integer type.
    case integer(Int64)
    /// A floating-point number (`float` or `double` on the wire).
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// A timestamp [s since the Unix epoch], AMQP's 64-bit POSIX time.
    case timestamp(Int64)
    /// No value (AMQP `void`). As a binding argument it means "header present with any value".
    case void

    /// The AMQP-ish name of the case, for messages.
    var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .double: return "double"
        case .bool: return "bool"
        case .timestamp: return "timestamp"
        case .void: return "void"
        }
    }

    /// The value alone, for messages.
    var valueDescription: String {
        switch self {
        case .string(let value): return "\"\(value)\""
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        case .timestamp(let value): return String(value)
        case .void: return "void"
        }
    }

    /// The value as RabbitMQ's router sees it: an Erlang term, reduced to what equality needs.
    private enum RoutingTerm {
        case bytes(String)
        case integer(Int64)
        /// An integer outside `Int64` (a scaled timestamp); Erlang keeps it as a bignum,
        /// which no binding value can equal.
        case unrepresentableInteger
        case float(Double)
        case boolean(Bool)
        case undefined

        func isIdentical(to other: RoutingTerm) -> Bool {
            switch (self, other) {
            case let (.bytes(lhs), .bytes(rhs)):
                return lhs.utf8.elementsEqual(rhs.utf8)
            case let (.integer(lhs), .integer(rhs)):
                return lhs == rhs
            case let (.float(lhs), .float(rhs)):
                return lhs == rhs && lhs.sign == rhs.sign
            case let (.boolean(lhs), .boolean(rhs)):
                return lhs == rhs
            case (.undefined, .undefined):
                return true
            default:
                return false
            }
        }
    }

    /// This value as a binding argument: taken as is.
    private var bindingTerm: RoutingTerm {
        switch self {
        case .string(let value): return .bytes(value)
        case .integer(let value), .timestamp(let value): return .integer(value)
        case .double(let value): return .float(value)
        case .bool(let value): return .boolean(value)
        case .void: return .undefined
        }
    }

    /// This value as a message header: timestamps become milliseconds.
    private var headerTerm: RoutingTerm {
        guard case .timestamp(let seconds) = self else { return bindingTerm }
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? .unrepresentableInteger : .integer(milliseconds)
    }

    /// Whether this binding value equals the message header value `header` for routing.
    func routingEquals(header: HeaderValue) -> Bool {
        bindingTerm.isIdentical(to: header.headerTerm)
    }
}

extension HeaderValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension HeaderValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension HeaderValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension HeaderValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
