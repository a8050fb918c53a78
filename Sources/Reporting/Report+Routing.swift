import MessagingModels

extension Report {
    /// What a topic or an exchange did with the publishes made to it (`brokers.<name>.routing`).
    /// A topic or exchange stores nothing: its `enqueued` counts publishes into it and its
    /// depth is always 0; the copies it made are counted by the queues that received them.
    public struct RoutingFigures: Codable, Sendable, Equatable {
        /// Copies put in queues: one per matching subscription (topic) or per distinct queue
        /// reached (exchange).
        public var copies: Int
        /// Publishes that reached no queue.
        public var unroutable: Int
        /// Exchanges: unroutable publishes returned to a `mandatory` producer.
        public var returned: Int?
        /// Exchanges: publishes that reached queues through an alternate exchange.
        public var alternateRouted: Int?
        /// Topics: copies per subscription, by subscription name.
        public var subscriptions: [String: Int]?
    }

    /// Request-reply over all requesting producers (`requestReply`).
    public struct RequestReplyFigures: Codable, Sendable, Equatable {
        /// Requests published.
        public var requests: Int
        /// Replies received within the timeout.
        public var replies: Int
        /// Requests without a reply within the timeout (late replies included).
        public var timeouts: Int
        /// Replies after the timeout, counted and discarded.
        public var lateReplies: Int
        /// Second replies to one request (a request processed twice).
        public var duplicateReplies: Int
        /// Requests still within their timeout when the run was cut off.
        public var outstanding: Int
        /// Request publish → reply, replies within the timeout of measured requests [s].
        public var roundTrip: LatencyStatistics
    }

    /// Saga outcomes (`sagas`): started = completed + compensated + stuck.
    public struct SagaFigures: Codable, Sendable, Equatable {
        public var started: Int
        public var completed: Int
        public var compensated: Int
        /// Open when the run ended.
        public var stuck: Int
        /// Start → completion of measured completed sagas [s].
        public var completionTime: LatencyStatistics
    }

    /// Adds the figures of topics, exchanges, request-reply and sagas.
    mutating func addRouting(_ routing: RoutingMetrics) {
        messages.unroutable += routing.unroutable
        messages.returned += routing.returned
        let empty = Depth(mean: 0, max: 0, final: 0)
        let noLatency = Latency(LatencyMetrics())
        for topic in routing.topics {
            var subscriptions: [String: Int] = [:]
            for (name, matched) in zip(topic.subscriptionNames, topic.matched) { subscriptions[name, default: 0] += matched }
            brokers[topic.name] = BrokerFigures(
                type: "topic", enqueued: topic.published, depth: empty, latency: noLatency,
                routing: RoutingFigures(copies: topic.copies, unroutable: topic.unroutable, subscriptions: subscriptions))
        }
        for exchange in routing.exchanges {
            brokers[exchange.name] = BrokerFigures(
                type: "exchange", enqueued: exchange.published, depth: empty, latency: noLatency,
                routing: RoutingFigures(copies: exchange.copies, unroutable: exchange.unroutable, returned: exchange.returned,
                                        alternateRouted: exchange.alternateRouted))
        }
        if let figures = routing.requestReply {
            requestReply = RequestReplyFigures(
                requests: figures.requests, replies: figures.replies, timeouts: figures.timeouts,
                lateReplies: figures.lateReplies, duplicateReplies: figures.duplicateReplies,
                outstanding: figures.outstanding, roundTrip: LatencyStatistics(figures.roundTrip))
        }
        if let figures = routing.sagas {
            sagas = SagaFigures(
                started: figures.started, completed: figures.completed, compensated: figures.compensated,
                stuck: figures.stuck, completionTime: LatencyStatistics(figures.completionTime))
        }
    }
}
