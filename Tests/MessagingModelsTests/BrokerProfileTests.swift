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
