import SimulationKernel

/// What a producer (or a consumer's follow-up publish) puts on each message besides its body:
/// the AMQP routing key and the headers, each fixed or drawn per message.
///
/// ```json
/// "message": { "routingKey": { "oneOf": ["order.eu.created", "order.us.created"], "weights": [3, 1] },
///              "headers": { "region": { "oneOf": ["eu", "us"] }, "priority": 5 } }
/// ```
/// - `routingKey`: a string or `{"oneOf": […], "weights": […]}`; default `""`.
/// - `headers`: name → a string, number or boolean, or a `oneOf` of them; default none.
///   The same map serves as AMQP 0-9-1 headers (headers exchanges) and as SNS message
///   attributes (topic subscription filters): strings are `String` attributes and numbers
///   `Number` attributes; a boolean is the `String` `"true"`/`"false"` to a filter, since SNS
///   has no boolean attribute type.
///
/// A message records what was drawn as one integer, its *variant*: a mixed-radix number with
/// one digit per dimension (routing key first, then the headers in name order). A message
/// therefore stores no strings, and everything that depends only on the routing key and
/// headers (the queues a topic or exchange routes it to) can be computed once per variant.
///
/// Other message properties (a poison fraction, a partition key) are meant to be added here
/// as further fields.
/// - Note: Source: AMQP 0-9-1 `basic.publish` (routing-key) and `basic.properties` (headers
///   field table); AWS SNS "Amazon SNS message attributes" and "Subscription filter policies".
public struct MessageTemplate: Sendable, Equatable {
    /// One header and its possible values.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var values: WeightedChoice<HeaderValue>
        public init(name: String, values: WeightedChoice<HeaderValue>) {
            self.name = name
            self.values = values
        }
    }

    /// Most variants one template may have (the product of its choice counts).
    public static let maxVariants = 1 << 20

    /// The routing key's possible values.
    public var routingKey: WeightedChoice<String>
    /// Headers, sorted by the UTF-8 bytes of their names.
    public var headers: [Header]

    /// The message with routing key `""` and no headers (what a plain publish carries).
    public static let empty = MessageTemplate()

    public init(routingKey: WeightedChoice<String> = WeightedChoice(fixed: ""), headers: [Header] = []) {
        self.routingKey = routingKey
        self.headers = headers.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Number of distinct variants: the product of the choice counts.
    public var variantCount: Int {
        headers.reduce(routingKey.count) { $0.multipliedReportingOverflow(by: $1.values.count).partialValue }
    }

    /// Whether every message is the same (no `oneOf` anywhere): drawing takes no random number.
    public var isFixed: Bool { routingKey.count == 1 && headers.allSatisfy { $0.values.count == 1 } }

    /// Draws one message's variant from `stream` (one draw per dimension with a choice).
    public func draw(_ stream: inout RandomStream) -> Int32 {
        var variant = routingKey.draw(&stream)
        var radix = routingKey.count
        for header in headers {
            variant += radix * header.values.draw(&stream)
            radix *= header.values.count
        }
        return Int32(truncatingIfNeeded: variant)
    }

    /// The routing key of `variant`.
    public func routingKey(of variant: Int32) -> String {
        routingKey.values[Int(variant) % routingKey.count]
    }

    /// The headers of `variant` (nil when the template has none).
    public func headers(of variant: Int32) -> [String: HeaderValue]? {
        guard !headers.isEmpty else { return nil }
        var rest = Int(variant) / routingKey.count
        var table: [String: HeaderValue] = [:]
        for header in headers {
            table[header.name] = header.values.values[rest % header.values.count]
            rest /= header.values.count
        }
        return table
    }
}
