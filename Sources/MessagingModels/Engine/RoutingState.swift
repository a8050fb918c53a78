import SimulationKernel

/// The simulation's run-time state for topics, exchanges, message templates, chained
/// publishes, request-reply and sagas. Plain queue traffic never touches it.
struct RoutingState {
    /// What a routed publish of one producer needs, copied out of its configuration.
    struct ProducerPlan {
        var destination: Destination
        var template: Int32
        var mandatory: Bool
        var request: RequestReplyConfiguration?
        var startsSaga: Bool
    }

    /// A consumer's follow-up publish with its template resolved to an index.
    struct Action {
        var destination: Destination
        var template: Int32
    }

    /// Where a routed publish goes, by entry broker, template and variant.
    struct RouteKey: Hashable {
        var entry: Destination
        var template: Int32
        var variant: Int32
    }

    /// The queues one publish reaches (a topic's may repeat a queue: one copy per subscription).
    struct Route {
        var queues: [QueueID]
        /// Matching subscriptions, indexed within the topic (topics only).
        var subscriptions: [Int32]
        var usedAlternateExchange: Bool
    }

    /// A request waiting for its reply.
    struct PendingRequest {
        var sentAt: SimTime
        var timeout: SimDuration
        var measured: Bool
    }

    /// An open saga.
    struct OpenSaga {
        var startedAt: SimTime
        var measured: Bool
    }

    /// Every template of the model; index 0 is `MessageTemplate.empty`.
    var templates: [MessageTemplate] = [.empty]
    /// By `SystemModel.producers` index.
    var producerPlans: [ProducerPlan] = []
    /// `endsSaga` of each consumer (by `SystemModel.consumers` index).
    var sagaEnds: [SagaOutcome?] = []
    /// Whether a consumer's outcome may publish, reply or end a saga.
    var hasCompletionActions: [Bool] = []
    /// Per producer instance: draws the template's choices, apart from the arrivals.
    var messageStreams: [RandomStream] = []
    /// Per consumer instance: draws follow-up messages' template choices, apart from service times.
    var outcomeStreams: [RandomStream] = []
    /// `onSuccess` and `onFailure` of each consumer (by `SystemModel.consumers` index).
    var successActions: [[Action]] = []
    var failureActions: [[Action]] = []
    var router = ExchangeRouter(exchanges: [])
    /// Routes computed so far (routing depends only on the key, so each is computed once).
    var routeIndex: [RouteKey: Int32] = [:]
    var routes: ContiguousArray<Route> = []
    /// By correlation id; dictionary order never reaches the output (only counted).
    var pendingRequests: [UInt64: PendingRequest] = [:]
    var openSagas: [UInt64: OpenSaga] = [:]
    var metrics = RoutingMetrics()

    init() {}

    init(model: SystemModel) {
        for producer in model.producers {
            producerPlans.append(ProducerPlan(
                destination: producer.destination, template: producer.message.map { register($0) } ?? 0,
                mandatory: producer.mandatory, request: producer.request, startsSaga: producer.startsSaga))
        }
        sagaEnds = model.consumers.map(\.endsSaga)
        let anyRequests = model.producers.contains { $0.request != nil }
        hasCompletionActions = model.consumers.map { !$0.onSuccess.isEmpty || $0.endsSaga != nil || anyRequests }
        for consumer in model.consumers {
            var success: [Action] = []
            for action in consumer.onSuccess { success.append(compile(action)) }
            var failure: [Action] = []
            for action in consumer.onFailure { failure.append(compile(action)) }
            successActions.append(success)
            failureActions.append(failure)
        }
        router = ExchangeRouter(exchanges: model.exchanges)
        metrics.topics = model.topics.map(RoutingMetrics.Topic.init)
        metrics.exchanges = model.exchanges.map { RoutingMetrics.Exchange(name: $0.name) }
        if model.producers.contains(where: { $0.request != nil }) { metrics.requestReply = RoutingMetrics.RequestReply() }
        if model.producers.contains(where: \.startsSaga) { metrics.sagas = RoutingMetrics.Sagas() }
    }

    private mutating func register(_ template: MessageTemplate) -> Int32 {
        templates.append(template)
        return Int32(templates.count - 1)
    }

    private mutating func compile(_ action: PublishAction) -> Action {
        Action(destination: action.destination, template: action.message.map { register($0) } ?? 0)
    }
}
