/// Routes one publish through a set of AMQP exchanges to the queues it reaches, as RabbitMQ's
/// `rabbit_exchange:route/2` does: a work list of exchanges, each visited once, whose matching
/// bindings add queues or further exchanges, and whose alternate exchange joins the work list
/// when its own bindings match nothing.
///
/// Pure: the outcome depends only on the exchanges, the entry exchange, the routing key and
/// the headers, so the simulation computes it once per message variant.
/// - Note: Source: RabbitMQ `deps/rabbit/src/rabbit_exchange.erl` (`route1/3`,
///   `process_alternate/2`, `process_route/2`); observed on RabbitMQ 3.10.8: a queue bound by
///   5 matching patterns gets 1 copy; an unroutable message goes to the alternate exchange, and
///   mandatory returns only what no exchange routed (https://www.rabbitmq.com/docs/ae,
///   https://www.rabbitmq.com/docs/publishers section "Unroutable Message Handling").
public struct ExchangeRouter: Sendable {
    /// What one publish reached.
    public struct Outcome: Sendable, Equatable {
        /// The queues that get a copy: each once, in ascending `QueueID` order (file order).
        public var queues: [QueueID]
        /// Whether some exchange on the way matched nothing and passed the message to its
        /// alternate exchange.
        public var usedAlternateExchange: Bool
    }

    public let exchanges: [ExchangeConfiguration]

    public init(exchanges: [ExchangeConfiguration]) { self.exchanges = exchanges }

    /// The queues a message published to `entry` with `routingKey` and `headers` reaches.
    /// - Complexity: O(bindings of the exchanges visited × cost of one match).
    public func route(from entry: ExchangeID, routingKey: String, headers: [String: HeaderValue]?) -> Outcome {
        var seen = [Bool](repeating: false, count: exchanges.count)
        var work = [entry.index]
        seen[entry.index] = true
        var queues: [Int] = []
        var usedAlternate = false
        var next = 0
        while next < work.count {
            let exchange = exchanges[work[next]]
            next += 1
            var matchedAny = false
            for binding in exchange.bindings where binding.matcher.matches(routingKey: routingKey, headers: headers) {
                matchedAny = true
                switch binding.target {
                case .queue(let queue):
                    if !queues.contains(queue.index) { queues.append(queue.index) }
                case .exchange(let target):
                    if !seen[target.index] {
                        seen[target.index] = true
                        work.append(target.index)
                    }
                }
            }
            if !matchedAny, let alternate = exchange.alternateExchange {
                usedAlternate = true
                if !seen[alternate.index] {
                    seen[alternate.index] = true
                    work.append(alternate.index)
                }
            }
        }
        return Outcome(queues: queues.sorted().map(QueueID.init), usedAlternateExchange: usedAlternate)
    }
}
