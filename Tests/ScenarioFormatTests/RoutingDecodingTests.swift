import Foundation
import MessagingModels
import SimulationKernel
import Testing
@testable import ScenarioFormat

/// Topics, exchanges, templates and chained handlers decode into the model they describe.
@Suite struct RoutingDecodingTests {
    static let document = #"""
    {"name": "r", "brokers": [
        {"name": "x", "type": "exchange", "exchangeType": "topic", "alternateExchange": "ae",
         "bindings": [{"queue": "eu", "bindingKey": "order.eu.*"}, {"exchange": "ae", "bindingKey": "audit.#"}]},
        {"name": "eu"},
        {"name": "t", "type": "topic", "subscriptions": [
            {"name": "mail", "queue": "eu", "filter": {"channel": ["email", {"prefix": "mail-"}], "amount": {"numeric": [">=", 0, "<", 100]}}},
            {"name": "all", "queue": "eu"}]},
        {"name": "ae", "type": "exchange", "exchangeType": "headers",
         "bindings": [{"queue": "eu", "arguments": {"x-match": "any", "region": "eu", "vip": true, "present": null}}]},
        {"name": "replies"}],
     "producers": [
        {"name": "p", "publishTo": "x", "count": 1, "arrivals": {"poisson": {"rate": 1}}, "mandatory": true, "startsSaga": true,
         "message": {"routingKey": {"oneOf": ["order.eu.new", "order.us.new"], "weights": [3, 1]}, "headers": {"region": "eu", "n": 2, "f": 0.5}}},
        {"name": "q", "publishTo": "t", "count": 1, "arrivals": {"poisson": {"rate": 1}}, "request": {"replyTo": "replies", "timeout": "250ms"}}],
     "consumers": [{"name": "c", "consumeFrom": "eu", "service": {"constant": "1ms"}, "failureRate": 0.25, "endsSaga": "compensated",
                    "onSuccess": [{"publishTo": "t", "headers": {"channel": "email"}}], "onFailure": [{"publishTo": "ae"}]}]}
    """#

    @Test func decodesTheRoutingModel() throws {
        let model = try Scenario.decode(Data(Self.document.utf8), file: "r.json").model
        #expect(model.queues.map(\.name) == ["eu", "replies"])
        #expect(model.topics.map(\.name) == ["t"] && model.exchanges.map(\.name) == ["x", "ae"])
        let x = model.exchanges[0]
        #expect(x.kind == .topic && x.alternateExchange == ExchangeID(1))
        #expect(x.bindings.map(\.target) == [.queue(QueueID(0)), .exchange(ExchangeID(1))])
        let router = ExchangeRouter(exchanges: model.exchanges)
        #expect(router.route(from: ExchangeID(0), routingKey: "order.eu.new", headers: nil).queues == [QueueID(0)])
        #expect(router.route(from: ExchangeID(0), routingKey: "order.us.new", headers: ["present": .void]).queues == [QueueID(0)])
        #expect(router.route(from: ExchangeID(0), routingKey: "order.us.new", headers: ["vip": false]).queues == [])
        let mail = try #require(model.topics[0].subscriptions.first?.filter)
        #expect(mail.matches(["channel": .string("mail-x"), "amount": .number(99)]))
        #expect(!mail.matches(["channel": .string("email"), "amount": .number(100)]))
        #expect(model.topics[0].subscriptions[1].queue == QueueID(0) && model.topics[0].subscriptions[1].filter == nil)

        let p = model.producers[0]
        #expect(p.destination == .exchange(ExchangeID(0)) && p.mandatory && p.startsSaga)
        #expect(p.message?.routingKey == WeightedChoice(["order.eu.new", "order.us.new"], weights: [3, 1]))
        #expect(p.message?.headers(of: 0) == ["region": "eu", "n": .integer(2), "f": .double(0.5)])
        let q = model.producers[1]
        #expect(q.destination == .topic(TopicID(0)))
        #expect(q.request?.replyTo == QueueID(1) && q.request?.timeout == SimDuration(seconds: 0.25))
        let c = model.consumers[0]
        #expect(c.failureRate == 0.25 && c.endsSaga == .compensated)
        #expect(c.onSuccess.map(\.destination) == [.topic(TopicID(0))])
        #expect(c.onSuccess.first?.message?.headers(of: 0) == ["channel": "email"])
        #expect(c.onFailure.map(\.destination) == [.exchange(ExchangeID(1))] && c.onFailure.first?.message == nil)
    }
}
