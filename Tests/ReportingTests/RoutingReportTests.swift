import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

/// Report figures of topics, exchanges, request-reply and sagas.
@Suite struct RoutingReportTests {
    /// A requester (5 requests, 1 s apart, served in 0.25 s) and a topic with one filtered
    /// subscription, fed by a producer whose messages half match.
    static func report() -> Report {
        var client = ProducerConfiguration(name: "client", destination: .queue(QueueID(0)), arrivals: .constant(ratePerSecond: 1), count: 5)
        client.request = RequestReplyConfiguration(replyTo: QueueID(1), timeout: SimDuration(seconds: 1))
        client.startsSaga = true
        let events = ProducerConfiguration(
            name: "events", destination: .topic(TopicID(0)), arrivals: .constant(ratePerSecond: 1), count: 4,
            message: MessageTemplate(headers: [.init(name: "kind", values: WeightedChoice(["a", "b"]))]))
        var server = ConsumerConfiguration(name: "server", source: QueueID(0), service: .constant(0.25))
        server.endsSaga = .completed
        let model = SystemModel(
            name: "routing", seed: 3,
            queues: [QueueConfiguration(name: "requests"), QueueConfiguration(name: "replies"), QueueConfiguration(name: "a-only")],
            topics: [TopicConfiguration(name: "t", subscriptions: [.init(name: "a", queue: QueueID(2), filter: FilterPolicy(["kind": [.equals("a")]]))])],
            producers: [client, events],
            consumers: [server, ConsumerConfiguration(name: "a-reader", source: QueueID(2), service: .constant(0.1))])
        return TestModels.report(model)
    }

    @Test func requestReplySagaAndTopicFigures() throws {
        let r = Self.report()
        let rr = try #require(r.requestReply)
        #expect(rr.requests == 5 && rr.replies == 5 && rr.timeouts == 0 && rr.lateReplies == 0 && rr.outstanding == 0)
        #expect(rr.roundTrip.count == 5 && rr.roundTrip.mean == 0.25)
        #expect(r.sagas == Report.SagaFigures(started: 5, completed: 5, compensated: 0, stuck: 0, completionTime: rr.roundTrip))
        let topic = try #require(r.brokers["t"])
        #expect(topic.type == "topic" && topic.enqueued == 4)
        let routing = try #require(topic.routing)
        #expect(routing.copies + routing.unroutable == 4)
        #expect(routing.subscriptions == ["a": routing.copies])
        #expect(r.messages.unroutable == routing.unroutable)
        #expect(r.brokers["a-only"]?.enqueued == routing.copies)
        // Every publish: 5 requests, 5 replies, 4 events.
        #expect(r.messages.published == 14)
        #expect(r.ledger.balanced)
        let text = try TextRenderer().render([r])
        #expect(text.contains("Request-reply: requests 5 · replies 5 · timeouts 0 (late replies 0) · outstanding 0"))
        #expect(text.contains("Sagas: started 5 · completed 5 · compensated 0 · stuck 0"))
        #expect(text.contains("topic · published 4 · copies \(routing.copies) · unroutable \(routing.unroutable)"))
    }

    @Test func plainReportsHaveNoRoutingSections() throws {
        let json = try JSONRenderer().render([ReportTests.smallReport()])
        #expect(!json.contains("requestReply") && !json.contains("sagas") && !json.contains("\"routing\""))
        #expect(json.contains("\"returned\" : 0"))
        let r = Self.report()
        #expect(try JSONDecoder().decode(Report.self, from: Data(try JSONRenderer().render([r]).utf8)) == r)
    }
}
