import SimulationKernel

/// What routing, chained publishes, request-reply and sagas did in one run: the figures of
/// topics and exchanges (which store nothing, so have no queue metrics) and of the patterns
/// built on top of them. Part of `RunMetrics`.
public struct RoutingMetrics: Sendable {
    /// One topic's figures.
    public struct Topic: Sendable, Equatable {
        public var name: String
        /// Publishes into the topic.
        public var published = 0
        /// Copies made (one per matching subscription).
        public var copies = 0
        /// Publishes no subscription accepted.
        public var unroutable = 0
        /// Copies per subscription, indexed like `TopicConfiguration.subscriptions`.
        public var matched: [Int]
        public var subscriptionNames: [String]

        public init(_ topic: TopicConfiguration) {
            name = topic.name
            matched = Array(repeating: 0, count: topic.subscriptions.count)
            subscriptionNames = topic.subscriptions.map(\.name)
        }
    }

    /// One exchange's figures, counting the publishes made to it (not those it received
    /// through exchange-to-exchange or alternate-exchange routing).
    public struct Exchange: Sendable, Equatable {
        public var name: String
        /// Publishes into the exchange.
        public var published = 0
        /// Copies put in queues (one per distinct queue reached).
        public var copies = 0
        /// Publishes that reached no queue.
        public var unroutable = 0
        /// Unroutable publishes returned to a `mandatory` producer (a subset of `unroutable`).
        public var returned = 0
        /// Publishes that reached queues only after some exchange passed them to its
        /// alternate exchange.
        public var alternateRouted = 0

        public init(name: String) { self.name = name }
    }

    /// Request-reply figures over all requesting producers.
    public struct RequestReply: Sendable {
        /// Requests published.
        public var requests = 0
        /// Replies received within the timeout.
        public var replies = 0
        /// Requests with no reply within the timeout: late replies, requests never answered
        /// whose timeout passed before the run ended, and requests never answered when the run
        /// completed (no reply could come any more).
        public var timeouts = 0
        /// Replies that came after the timeout (counted and discarded; also in `timeouts`).
        public var lateReplies = 0
        /// Replies to a request already answered (a copy of the request processed twice).
        public var duplicateReplies = 0
        /// Requests still waiting, within their timeout, when the run was cut off.
        public var outstanding = 0
        /// Request publish → reply, for replies within the timeout of measured requests [s].
        public var roundTrip = LatencyHistogram()

        public init() {}
    }

    /// Saga figures.
    public struct Sagas: Sendable {
        public var started = 0
        public var completed = 0
        public var compensated = 0
        /// Open when the run ended.
        public var stuck = 0
        /// Start → completion of measured completed sagas [s].
        public var completionTime = LatencyHistogram()

        public init() {}
    }

    /// Publishes (to topics and exchanges) that reached no queue.
    public var unroutable = 0
    /// Unroutable publishes returned to `mandatory` producers.
    public var returned = 0
    /// Indexed by `TopicID`.
    public var topics: [Topic] = []
    /// Indexed by `ExchangeID`.
    public var exchanges: [Exchange] = []
    /// nil when no producer sends requests.
    public var requestReply: RequestReply?
    /// nil when no producer starts sagas.
    public var sagas: Sagas?

    public init() {}
}
