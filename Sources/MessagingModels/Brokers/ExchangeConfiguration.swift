/// An AMQP 0-9-1 exchange (RabbitMQ): routes each published message to the queues (and
/// exchanges) whose bindings match its routing key or headers; stores nothing itself.
///
/// ```json
/// { "name": "orders-x", "type": "exchange", "exchangeType": "topic",
///   "bindings": [{ "queue": "eu", "bindingKey": "order.eu.*" }, { "exchange": "audit-x", "bindingKey": "#" }],
///   "alternateExchange": "unrouted-x" }
/// ```
/// - `direct`: the routing key equals the binding key (byte for byte).
/// - `fanout`: every binding matches; the routing key is ignored.
/// - `topic`: the binding key is a `TopicPattern` (`*` one word, `#` zero or more).
/// - `headers`: the binding's arguments are a `HeadersBinding` (`x-match` all/any/…-with-x).
///
/// A queue matched by several bindings gets one copy. A binding to another exchange routes the
/// message on through it with the same routing key and headers; each exchange is visited at
/// most once per publish, so cycles end. When an exchange's bindings match nothing and it has
/// an alternate exchange, the message goes on to that exchange. A publish that reaches no
/// queue is unroutable: dropped, or returned to a producer that set `mandatory`.
/// - Note: Source: AMQP 0-9-1 specification §3.1.3 (exchange types); RabbitMQ documentation
///   "Exchanges", "Alternate Exchanges", "Exchange to Exchange Bindings"; RabbitMQ
///   `deps/rabbit/src/rabbit_exchange.erl` `route/2` (work list, seen exchanges, alternate
///   exchange per exchange that routes nowhere); https://www.rabbitmq.com/docs/exchanges (a
///   fanout exchange ignores the routing key), https://www.rabbitmq.com/tutorials/tutorial-five-python
///   and the Java client's `Routing.java` test `doubleBinding` (a queue bound twice gets one
///   copy), https://www.rabbitmq.com/docs/ae (alternate exchanges); topic, headers, alternate
///   exchange and mandatory behaviour also observed on RabbitMQ 3.10.8.
public struct ExchangeConfiguration: Sendable {
    /// The AMQP exchange types.
    public enum Kind: String, Sendable, CaseIterable {
        case direct, fanout, topic, headers
    }

    /// Where a binding leads.
    public enum Target: Sendable, Hashable {
        case queue(QueueID)
        case exchange(ExchangeID)
    }

    /// How a binding decides, compiled from its binding key or arguments.
    public enum Matcher: Sendable {
        /// Direct: the routing key equals this (UTF-8 bytes).
        case exactKey(String)
        /// Fanout: always.
        case always
        /// Topic: the pattern matches the routing key.
        case pattern(TopicPattern)
        /// Headers: the binding matches the headers.
        case headers(HeadersBinding)

        /// Whether a message with `routingKey` and `headers` passes this binding.
        public func matches(routingKey: String, headers: [String: HeaderValue]?) -> Bool {
            switch self {
            case .exactKey(let key): return routingKey.utf8.elementsEqual(key.utf8)
            case .always: return true
            case .pattern(let pattern): return pattern.matches(routingKey)
            case .headers(let binding): return binding.matches(headers)
            }
        }
    }

    /// One binding of the exchange.
    public struct Binding: Sendable {
        public var target: Target
        public var matcher: Matcher
        public init(target: Target, matcher: Matcher) {
            self.target = target
            self.matcher = matcher
        }
    }

    /// Unique broker name.
    public var name: String
    public var kind: Kind
    /// In file order.
    public var bindings: [Binding]
    /// Where messages that match no binding go on to; nil: they are unroutable here.
    public var alternateExchange: ExchangeID?

    public init(name: String, kind: Kind, bindings: [Binding], alternateExchange: ExchangeID? = nil) {
        self.name = name
        self.kind = kind
        self.bindings = bindings
        self.alternateExchange = alternateExchange
    }
}
