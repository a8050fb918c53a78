import Testing
import MessagingModels
import SimulationKernel

/// Broker profiles (`QueueConfiguration.profile`): an ingress capacity that makes publishes
/// wait their turn, and a publish latency; exact small models with constant times.
@Suite struct BrokerProfileTests {
    typealias R = RoutingEngineTests
    typealias D = DeadLetterCycleTests
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }
    static let worker = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01))

    static func queue(latency: Distribution? = nil, rate: Double? = nil) -> QueueConfiguration {
        var q = QueueConfiguration(name: "q")
        q.profile = BrokerProfile(publishLatency: latency, messagesPerSecond: rate)
        return q
    }

    @Test func publishesPastTheIngressCapacityWaitTheirTurn() throws {
        // 5 msg/s (0.2 s each) for sends at 0.1 … 0.5 s: stored at 0.3, 0.5, 0.7, 0.9, 1.1 s;
        // four waited 0.1, 0.2, 0.3 and 0.4 s.
        let model = SystemModel(name: "ingress", seed: 1, queues: [Self.queue(rate: 5)], producers: [D.five()], consumers: [Self.worker])
        var simulation = Simulation(model: model)
        var starts: [Double] = []
        simulation.trace = { if $0.kind == "deliver" { starts.append($0.time.seconds) } }
        let result = simulation.run()
        #expect(zip(starts, [0.3, 0.5, 0.7, 0.9, 1.1]).allSatisfy { abs($0 - $1) < 1e-9 })
        let ingress = result.metrics.queues[0].ingress
        #expect(ingress.waited == 4 && abs(ingress.waitSeconds - 1.0) < 1e-9 && abs(ingress.busySeconds - 1.0) < 1e-9)
        #expect(abs(try #require(ingress.publishLatency.maximum) - 0.6) < 1e-9)
        #expect(result.end == SimTime.zero + Self.seconds(1.11))
        R.expectBalanced(result)
    }

    /// A queue's journey shows the ingress as a stream's does: `ingress` at the send (the
    /// message waits for, or is being stored by, the broker's ingress), then the delivery
    /// once stored.
    @Test func theIngressIsAStepOfAQueuesTrace() {
        let model = SystemModel(name: "ingress", seed: 1, queues: [Self.queue(rate: 5)], producers: [D.five()], consumers: [Self.worker])
        let steps = TestModels.traced(model).1.filter { $0.messageID == 2 }.map { "\($0.kind) \($0.entity) \($0.time.seconds)" }
        #expect(Array(steps.prefix(3)) == ["publish p 0.2", "ingress q 0.2", "deliver w 0.5"])
        // Without a capacity (a publish latency alone) there is no ingress step.
        let latency = SystemModel(name: "latency", seed: 1, queues: [Self.queue(latency: .constant(0.05))], producers: [D.five()],
                                  consumers: [Self.worker])
        #expect(!TestModels.traced(latency).1.contains { $0.kind == "ingress" })
    }

    @Test func aPublishLatencyDelaysEveryMessageByItsDraw() throws {
        let model = SystemModel(name: "latency", seed: 1, queues: [Self.queue(latency: .constant(0.05))], producers: [D.five()],
                                consumers: [Self.worker])
        let result = R.run(model)
        let m = result.metrics.queues[0]
        #expect(m.delayed == 0 && m.ingress.waited == 0 && m.ingress.publishLatency.count == 5)
        #expect(abs(try #require(m.latency.endToEnd.mean) - 0.06) < 1e-9)
        #expect(result.end == SimTime.zero + Self.seconds(0.56))
        R.expectBalanced(result)
    }

    @Test func theDelayStartsOnceTheMessageIsStored() {
        var q = Self.queue(latency: .constant(0.05))
        q.delay = Self.seconds(1)
        let model = SystemModel(name: "latency-delay", seed: 1, queues: [q], producers: [D.five()], consumers: [Self.worker])
        let result = R.run(model)
        #expect(result.metrics.queues[0].delayed == 5)
        #expect(result.end == SimTime.zero + Self.seconds(1.56))
        R.expectBalanced(result)
    }

    @Test func deadLetteredMessagesTakeIngressCapacityButNoPublishLatency() {
        // q rejects each message at once; dlq's broker stores 100 msg/s after a 1 s publish
        // latency that dead-lettering (inside the broker) does not pay.
        let q = QueueConfiguration(name: "q", deadLetter: DeadLetterPolicy(queue: QueueID(1)))
        var dlq = QueueConfiguration(name: "dlq")
        dlq.profile = BrokerProfile(publishLatency: .constant(1), messagesPerSecond: 100)
        let model = SystemModel(name: "dlq-profile", seed: 1, queues: [q, dlq], producers: [D.five()], consumers: [D.rejecter(on: 0)])
        let result = R.run(model)
        let ingress = result.metrics.queues[1].ingress
        #expect(ingress.publishLatency.count == 0 && abs(ingress.busySeconds - 0.05) < 1e-9)
        // Rejected at 0.11 … 0.51 s, stored 10 ms later: the last at 0.52 s.
        #expect(result.end == SimTime.zero + Self.seconds(0.52))
        R.expectBalanced(result)
    }

    @Test func aSaturatedIngressMakesTheWaitGrowWithoutBound() throws {
        // Poisson 120/s into a 100/s ingress for 20 s: the backlog of unstored publishes grows
        // by about 20 per second, so the last publishes wait several seconds.
        var p = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .poisson(ratePerSecond: 120))
        p.duration = Self.seconds(20)
        let model = SystemModel(name: "saturated", seed: 3, queues: [Self.queue(rate: 100)], producers: [p],
                                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.001))])
        let result = R.run(model)
        let ingress = result.metrics.queues[0].ingress
        #expect(try #require(ingress.publishLatency.maximum) > 2)
        #expect(abs(ingress.busySeconds - Double(result.metrics.queues[0].enqueued) / 100) < 1e-6)
        R.expectBalanced(result)
    }
}

/// Deliver and ack latencies (`BrokerProfile.deliverLatency`, `.ackLatency`): the round trip a
/// prefetch of 1 pays per message, and what a crash does to deliveries and acks on the way.
@Suite struct ConsumerHopTests {
    typealias R = RoutingEngineTests
    typealias D = DeadLetterCycleTests
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    static func model(prefetch: Int, count: Int = 20, instances: Int = 1, deliver: Double = 0.01, ack: Double = 0.01,
                      visibilityTimeout: Double? = nil, faults: [Fault] = []) -> SystemModel {
        var q = QueueConfiguration(name: "q", visibilityTimeout: visibilityTimeout.map(seconds))
        q.profile = BrokerProfile(deliverLatency: .constant(deliver), ackLatency: .constant(ack))
        q.initialBacklog = InitialBacklog(messages: count, producer: 0)
        var p = D.five()
        p.count = 0
        var c = ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.01))
        c.prefetch = prefetch
        c.instances = instances
        return SystemModel(name: "hops", seed: 1, queues: [q], producers: [p], consumers: [c], faults: faults)
    }

    @Test func prefetchOnePaysARoundTripPerMessageAndPrefetchHidesIt() {
        // 20 messages waiting, 10 ms of work each, 10 ms each way. Prefetch 1: deliver (10 ms),
        // work (10 ms), ack (10 ms) before the next delivery: 30 ms per message, 0.6 s in all.
        // Prefetch 10: deliveries stream in behind the work; only the first delivery and the
        // last ack show: 10 ms + 20 × 10 ms + 10 ms = 0.22 s.
        let one = R.run(Self.model(prefetch: 1))
        let ten = R.run(Self.model(prefetch: 10))
        #expect(one.end == SimTime.zero + Self.seconds(0.6))
        #expect(ten.end == SimTime.zero + Self.seconds(0.22))
        #expect(one.metrics.queues[0].acked == 20 && ten.metrics.queues[0].acked == 20)
        R.expectBalanced(one)
        R.expectBalanced(ten)
    }

    @Test func anAckStillOnItsWayWhenTheVisibilityTimeoutRunsOutCausesARedelivery() {
        // Visibility 25 ms < deliver 10 + work 10 + ack 10: the message reappears at 25 ms,
        // before its ack arrives (30 ms), and goes to the second worker — a duplicate delivery
        // that worker processes again although the ack deletes the message meanwhile.
        let result = R.run(Self.model(prefetch: 1, count: 1, instances: 2, visibilityTimeout: 0.025))
        #expect(result.metrics.duplicateDeliveries == 1 && result.metrics.duplicateProcessing == 1)
        #expect(result.metrics.queues[0].acked == 1)
        R.expectBalanced(result)
    }

    @Test func aCrashLosesTheAcksOnTheWayAndTheMessagesComeBack() {
        // Crash at 25 ms: the first message's ack (sent at 20 ms, due at 30 ms) is lost, so it
        // is requeued and processed again after the restart at 1 s; nothing is lost.
        let crash = Fault(at: Self.seconds(0.025), target: .consumer(index: 0, instance: nil), restartAfter: Self.seconds(1))
        let result = R.run(Self.model(prefetch: 1, count: 2, faults: [crash]))
        let m = result.metrics.queues[0]
        #expect(m.acked == 2 && m.lost == 0 && m.redeliveries == 1)
        R.expectBalanced(result)
    }
}
