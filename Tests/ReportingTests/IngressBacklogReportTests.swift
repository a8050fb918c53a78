import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

/// A broker ingress that cannot keep up (`IngressMetrics`): publishes the run ended before
/// storing are remaining and left out of the ingress figures, and a saturated ingress shows
/// in `pendingIngress`/`pendingIngressMax`, a `saturatedIngress` warning and Little's law.
/// Exact small models with constant times.
@Suite struct IngressBacklogReportTests {
    /// `count` messages of 1 GiB at 10/s (0.1, 0.2, … s) into a queue whose broker stores 1
    /// byte/s, publishing for 1 s with a 2 s drain: the first message would be stored 2³⁰ s
    /// (34 years) after its send, the tenth past the clock's last instant (2⁶³ ns).
    static func gigabyteModel(count: Int) -> SystemModel {
        var queue = QueueConfiguration(name: "q")
        queue.profile = BrokerProfile(bytesPerSecond: 1)
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: count)
        producer.messageSizeBytes = 1 << 30
        let consumer = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.01))
        return SystemModel(name: "gigabyte", seed: 1, duration: SimDuration(seconds: 1), drainTimeout: SimDuration(seconds: 2),
                           queues: [queue], producers: [producer], consumers: [consumer])
    }

    @Test(arguments: [5, 10]) func messagesNeverStoredAreRemainingNotLatency(count: Int) throws {
        // Five: stored times within the clock's range; ten: the tenth saturates at its end.
        // Either way the drain timeout ends the run at 3 s with nothing stored.
        let result = TestModels.run(Self.gigabyteModel(count: count))
        #expect(result.stopReason == .drainTimeout && result.end == SimTime.zero + SimDuration(seconds: 3))
        let r = Report(result: result)
        let q = try #require(r.brokers["q"])
        #expect(r.messages.published == count && r.messages.remaining == count && r.ledger.balanced)
        let profile = try #require(q.profile)
        // Nothing was stored: no publish latency (it was 9.2e9 s), no wait (the messages
        // behind the first never started).
        #expect(profile.publishLatency?.count == 0 && profile.publishLatency?.max == nil)
        #expect(profile.waited == 0 && profile.waitMeanSeconds == 0)
        // Busy from the first send (0.1 s) to the end, not for the 34 years of its service.
        #expect(abs(try #require(profile.utilization) - 2.9 / 3) < 1e-5)
        #expect(q.pendingIngress == count && q.pendingIngressMax == count)
        let warning = try #require(r.warnings.first { $0.code == ReportWarning.saturatedIngress })
        #expect(warning.message.hasPrefix("the ingress of queue \"q\" is saturated: \(count) messages were still waiting for it when the drain timeout ended the run"))
    }

    /// 1,000 messages at 200/s (one every 5 ms from 5 ms) into a queue whose broker stores
    /// 100/s, read by one consumer taking 1 ms: the broker, not the consumer, is the
    /// bottleneck.
    static func saturatedModel() -> SystemModel {
        var queue = QueueConfiguration(name: "jobs")
        queue.profile = BrokerProfile(messagesPerSecond: 100)
        let producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 200), count: 1_000)
        let consumer = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.001))
        return SystemModel(name: "saturated", seed: 1, queues: [queue], producers: [producer], consumers: [consumer])
    }

    @Test func aSaturatedIngressIsVisible() throws {
        let model = Self.saturatedModel()
        let result = TestModels.run(model)
        var r = Report(result: result)
        r.addTheory(for: model, result: result)
        let jobs = try #require(r.brokers["jobs"])
        // Stored every 10 ms from 15 ms: the last at 10.005 s, acked 1 ms later. Each goes
        // straight to the idle consumer: the depth stays 0.
        #expect(abs(r.simulatedSeconds - 10.006) < 1e-9)
        #expect(jobs.depth.max == 0)
        // At the last send (5 s), 1,000 sent and 499 stored (at 0.015 … 4.995 s): 501 waiting.
        #expect(jobs.pendingIngressMax == 501 && jobs.pendingIngress == 0)
        #expect(r.warnings.map(\.code) == [ReportWarning.saturatedIngress])
        #expect(r.warnings[0].message.hasPrefix("the ingress of queue \"jobs\" is saturated: it was busy 100.0% of the publishing period and up to 501 publishes waited for it at once (mean wait 2.50 s)"))
        // Theory names the ingress, and Little's law says where the wait was.
        #expect(jobs.theory?.reason?.hasPrefix("queue \"jobs\"'s broker stores at most 100 messages/s (its ingress") == true)
        let text = try TextRenderer().render([r])
        #expect(text.contains("the messages also waited outside the queue's depth (the broker's ingress, up to 501 publishes at once (pendingIngressMax)"), "\(text)")
        let json = try JSONRenderer().render([r])
        #expect(json.contains(#""pendingIngressMax" : 501"#))
    }

    /// The same ingress with a consumer of 50/s, slower than the broker: the run drains for
    /// 20 s, the ingress is busy 10 s of it (50%), but all of the 5 s of publishing.
    @Test func anIngressSaturatedWhilePublishingWarnsWhateverTheDrain() throws {
        var model = Self.saturatedModel()
        model.consumers[0].service = .constant(0.02)
        let r = Report(result: TestModels.run(model))
        let utilization = try #require(r.brokers["jobs"]?.profile?.utilization)
        #expect(r.simulatedSeconds > 20 && abs(utilization - 0.5) < 0.01)
        let warning = try #require(r.warnings.first { $0.code == ReportWarning.saturatedIngress })
        #expect(warning.message.hasPrefix("the ingress of queue \"jobs\" is saturated: it was busy 100.0% of the publishing period and up to 501 publishes waited for it at once"))
    }

    /// 1,000 records at 200/s (one every 5 ms) to a stream of 3 partitions whose only limit is
    /// 3 brokers of 100 records/s each: broker 0 leads partitions 0 and 2. One partition
    /// (records round-robin over 1 partition) saturates its broker while brokers 1 and 2 lead
    /// nothing: the warning names the busiest broker, and the utilization is broker 0's.
    @Test func aStreamLimitedByItsBrokersWarnsAndCountsOnlyLeaders() throws {
        var model = StreamModels.model(partitions: 1, partitioner: .roundRobin, rate: 200, count: 1_000,
                                       groups: [StreamModels.group("g")], consumers: [StreamModels.member("c", group: 0, service: .constant(0.001))])
        model.streams[0].brokers = StreamBrokers(count: 3, capacity: IngressCapacity(messagesPerSecond: 100, bytesPerSecond: nil)!)
        let r = Report(result: TestModels.run(model))
        let profile = try #require(r.brokers["events"]?.profile)
        #expect(profile.brokers?.map(\.partitions) == [1, 0, 0])
        // Busy 10 s (1,000 records at 100/s) of a run that ends when the last is processed.
        let leader = try #require(profile.brokers?.first?.utilization)
        #expect(abs(leader - 10 / r.simulatedSeconds) < 1e-6 && profile.utilization == leader)
        #expect(profile.brokers?.dropFirst().map(\.utilization) == [0, 0])
        let warning = try #require(r.warnings.first { $0.code == ReportWarning.saturatedIngress })
        #expect(warning.message.hasPrefix("the ingress of stream \"events\" (its busiest broker) is saturated: it was busy 100.0% of the publishing period"))
    }

    @Test func aQueueWithoutIngressHasNoPendingFigures() throws {
        var model = Self.saturatedModel()
        model.queues[0].profile = nil
        let r = TestModels.report(model)
        #expect(r.brokers["jobs"]?.pendingIngress == nil && r.brokers["jobs"]?.pendingIngressMax == nil)
        #expect(r.warnings.isEmpty)
    }
}

/// `serviceBusThrottling`: Service Bus brokers over a Standard-tier namespace's 1,000 credits/s
/// (a send and a receive per message through one queue: 2 credits).
@Suite struct ServiceBusCreditTests {
    /// `rate` messages/s for 10 s (exactly `10 × rate` messages) into queue "q", each taken in
    /// 1 ms by one of 4 consumers.
    static func report(rate: Double) -> Report {
        let producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: rate), count: Int(rate * 10))
        let consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 4, service: .constant(0.001))
        let model = SystemModel(name: "sb", seed: 1, queues: [QueueConfiguration(name: "q")], producers: [producer], consumers: [consumer])
        var r = Report(result: TestModels.run(model))
        r.addTechnologies(["q": .azureServiceBus])
        return r
    }

    @Test func sixHundredMessagesASecondExceedTheNamespacesCredits() throws {
        let r = Self.report(rate: 600)
        // 6,000 sends + 6,000 receives over the 10.001 s the run lasted.
        let warning = try #require(r.warnings.first { $0.code == ReportWarning.serviceBusThrottling })
        #expect(warning.message.hasPrefix(#"the Service Bus brokers ("q") used 1,200 credits/s on average"#), "\(warning.message)")
        #expect(Self.report(rate: 400).warnings.allSatisfy { $0.code != ReportWarning.serviceBusThrottling })
    }
}
