import Testing
import MessagingModels
import SimulationKernel

/// Consumer pauses, downstream outages, the circuit breaker and the autoscaler on small
/// deterministic systems (constant times), with hand-computed values.
@Suite struct ResilienceTests {
    typealias D = DeliverySemanticsTests
    static func s(_ seconds: Double) -> SimDuration { SimDuration(seconds: seconds) }
    static func ns(_ seconds: Double) -> Int64 { SimDuration(seconds: seconds).nanoseconds }

    /// A producer publishing at `rate` per second (first at 1/rate), `count` messages.
    static func constant(_ rate: Double, count: Int, name: String = "p") -> ProducerConfiguration {
        ProducerConfiguration(name: name, target: QueueID(0), arrivals: .constant(ratePerSecond: rate), count: count)
    }

    // MARK: Pauses

    /// Messages at 1 … 5 s, 0.5 s each, a pause from 2.2 s to 3.7 s: the attempt running at
    /// 2.2 s finishes, the message of 3 s waits until 3.7 s, the one of 4 s until 4.2 s.
    @Test func pauseDelaysExactlyTheMessagesArrivingDuringIt() {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.5))
        consumer.pauses = [ScheduledWindow(at: Self.s(2.2), length: Self.s(1.5))]
        let model = SystemModel(name: "pause", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(1, count: 5)], consumers: [consumer])
        let (result, trace) = D.run(model)
        #expect(FlowControlTests.times(trace, " start ") == [1, 2, 3.7, 4.2, 5].map(Self.ns))
        #expect(result.metrics.resilience?.consumers[0]?.pausedSeconds == 1.5)
        #expect(result.metrics.acked == 5)
        D.expectBalanced(result)
    }

    /// A crash during a pause, restarted before it ends: the instance stays gated until the
    /// pause is over.
    @Test func instanceRestartedDuringPauseStaysGated() {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), service: .constant(0.1))
        consumer.pauses = [ScheduledWindow(at: Self.s(1.5), length: Self.s(3))]
        var model = SystemModel(name: "pause-crash", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(1, count: 3)], consumers: [consumer])
        model.faults = [Fault(at: Self.s(2.5), target: .consumer(index: 0, instance: nil), restartAfter: Self.s(1))]
        let (result, trace) = D.run(model)
        #expect(FlowControlTests.times(trace, " start ") == [1, 4.5, 4.6].map(Self.ns))
        #expect(result.metrics.acked == 3)
        D.expectBalanced(result)
    }

    // MARK: Circuit breaker

    /// Two instances, 0.1 s per call, a message every 0.5 s from 0.5 s (40), one attempt each
    /// (a failure is rejected and dropped); the downstream is out from 5 s to 8 s. Breaker:
    /// window 1 s, at least 2 calls, all failing.
    /// - 5.1 s: the call of 5.0 s fails; window (4.1, 5.1] = {ok 4.6, fail 5.1}: stays closed.
    /// - 5.6 s: window (4.6, 5.6] = {fail 5.1, fail 5.6}: opens.
    /// - 7.6 s: half-open; 6.0 s's message is the probe (fails at 7.7 s, outage), 6.5 s's is
    ///   held back by the other instance; 7.7 s: open again.
    /// - 9.7 s: half-open; the held 6.5 s message is the probe and succeeds at 9.8 s: closed;
    ///   the other instance's held 7.0 s message starts then.
    static func breakerModel() -> SystemModel {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 2, service: .constant(0.1),
                                             retry: RetryPolicy(maxAttempts: 1))
        consumer.downstream = Downstream(outages: [ScheduledWindow(at: Self.s(5), length: Self.s(3))])
        consumer.circuitBreaker = TestModels.circuitBreaker(failureThreshold: 1, window: Self.s(1), openFor: Self.s(2),
                                                       halfOpenProbes: 1, minimumCalls: 2)
        return SystemModel(name: "breaker", seed: 1, queues: [QueueConfiguration(name: "q")],
                           producers: [Self.constant(2, count: 40)], consumers: [consumer])
    }

    @Test func breakerOpensHalfOpensAndClosesAtTheExpectedTimes() throws {
        let (result, trace) = D.run(Self.breakerModel())
        let breaker = try #require(result.metrics.resilience?.consumers[0]?.breaker)
        #expect(breaker.transitions.map(\.at.nanoseconds) == [5.6, 7.6, 7.7, 9.7, 9.8].map(Self.ns))
        #expect(breaker.transitions.map(\.state) == [.open, .halfOpen, .open, .halfOpen, .closed])
        #expect(breaker.opened == 2 && breaker.halfOpened == 2 && breaker.closed == 1 && breaker.transitionCount == 5)
        #expect(abs(breaker.openSeconds - 4) < 1e-9)
        // 6.5 s's message held from 7.6 s to 9.7 s, 7.0 s's from 9.7 s to 9.8 s.
        #expect(breaker.heldBack == 2)
        #expect(abs(breaker.heldBackSeconds - 2.2) < 1e-9)
        let starts = FlowControlTests.times(trace, " start ")
        #expect(Array(starts[9...13]) == [5, 5.5, 7.6, 9.7, 9.8].map(Self.ns))
        let downstream = try #require(result.metrics.resilience?.consumers[0]?.downstream)
        #expect(downstream.calls == 40 && downstream.failures == 3 && downstream.outageSeconds == 3)
        #expect(result.metrics.queues[0].dropped == 3 && result.metrics.acked == 37)
        D.expectBalanced(result)
    }

    /// Without the breaker every call in the outage fails: 6 messages (5.0 … 7.5 s) dropped.
    @Test func withoutBreakerEveryCallInTheOutageFails() throws {
        var model = Self.breakerModel()
        model.consumers[0].circuitBreaker = nil
        let (result, _) = D.run(model)
        #expect(result.metrics.resilience?.consumers[0]?.downstream?.failures == 6)
        #expect(result.metrics.queues[0].dropped == 6 && result.metrics.acked == 34)
        #expect(result.metrics.resilience?.consumers[0]?.breaker == nil)
        D.expectBalanced(result)
    }

    /// The half-open probe is cut off by a crash of both instances at 7.65 s (restarted at
    /// 7.75 s): its slot is freed, so the restarted probe instance takes the head message as a
    /// new probe at 7.75 s, which fails at 7.85 s (outage): open again; half-open at 9.85 s,
    /// whose probe succeeds at 9.95 s.
    @Test func probeCutOffByACrashFreesItsSlot() throws {
        var model = Self.breakerModel()
        model.faults = [Fault(at: Self.s(7.65), target: .consumer(index: 0, instance: nil), restartAfter: Self.s(0.1))]
        let (result, _) = D.run(model)
        let breaker = try #require(result.metrics.resilience?.consumers[0]?.breaker)
        #expect(breaker.transitions.map(\.at.nanoseconds) == [5.6, 7.6, 7.85, 9.85, 9.95].map(Self.ns))
        #expect(breaker.transitions.last?.state == .closed)
        #expect(result.stopReason == .completed && result.metrics.queues[0].remaining == 0)
        D.expectBalanced(result)
    }

    // MARK: Autoscaling

    /// 10 messages/s (100, from 0.1 s), 1 s each, one instance to start, target 5 per
    /// instance, evaluated every 10 s, cooldown 30 s; a trickle (0.04/s: 25, 50, 75 s) keeps
    /// the run going. At 10 s the instance has taken 10 of the 99 messages published: depth
    /// 89 → ⌈89 / 5⌉ = 18 instances. The backlog drains by 15 s; the evaluations at 20 s and
    /// 30 s are within the cooldown, the one at 40 s scales in to min 1.
    @Test func autoscalerReachesTheExpectedCountAndScalesInAfterTheCooldown() throws {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 20, service: .constant(1))
        consumer.autoscale = TestModels.autoscale(min: 1, max: 20, targetDepthPerInstance: 5, cooldown: Self.s(30),
                                             interval: Self.s(10))
        let model = SystemModel(name: "autoscale", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(10, count: 100), Self.constant(0.04, count: 3, name: "trickle")],
                                consumers: [consumer])
        let (result, _) = D.run(model)
        let scaling = try #require(result.metrics.resilience?.consumers[0]?.autoscaling)
        #expect(scaling.instances.map(\.at.nanoseconds) == [0, 10, 40].map(Self.ns))
        #expect(scaling.instances.map(\.count) == [1, 18, 1])
        #expect(scaling.peak == 18 && scaling.final == 1 && scaling.scaleOuts == 1 && scaling.scaleIns == 1)
        #expect(result.end == SimTime.zero + Self.s(76))
        #expect(abs(scaling.instanceSeconds - (1 * 10 + 18 * 30 + 1 * 36)) < 1e-6)
        #expect(abs(scaling.meanInstances - 586.0 / 76) < 1e-9)
        #expect(result.metrics.acked == 103)
        D.expectBalanced(result)
    }

    /// An autoscaler evaluating every nanosecond costs no more than the changes it reacts to:
    /// one message a second, each taken at once by the idle instance, never changes the depth,
    /// so after its first evaluation (1 ns) the autoscaler sleeps; it used to evaluate 10¹¹
    /// times over the 100 s run.
    @Test func aOneNanosecondIntervalOnAnIdleQueueSleeps() throws {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 3, service: .constant(0.5))
        consumer.autoscale = TestModels.autoscale(min: 1, max: 3, targetDepthPerInstance: 1, cooldown: .zero,
                                             interval: SimDuration(nanoseconds: 1))
        let model = SystemModel(name: "autoscale-1ns", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(1, count: 100)], consumers: [consumer])
        let (result, _) = D.run(model)
        let scaling = try #require(result.metrics.resilience?.consumers[0]?.autoscaling)
        #expect(result.stopReason == .completed && result.end == SimTime.zero + Self.s(100.5))
        #expect(result.events < 400)          // 2 per message, 100 producer steps, a few evaluations
        #expect(scaling.scaleOuts == 0 && scaling.scaleIns == 0 && scaling.final == 1)
        #expect(result.metrics.acked == 100)
        D.expectBalanced(result)
    }

    /// The autoscaler test above with a 1 ns interval: each change of the depth wakes it, so it
    /// scales out step by step as the backlog grows, and a sleeping autoscaler with a scale-in
    /// waiting for its cooldown wakes when it ends (410 events, not 10¹¹ evaluations).
    @Test func aOneNanosecondIntervalReactsToEachChangeAndHonoursTheCooldown() throws {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 20, service: .constant(1))
        consumer.autoscale = TestModels.autoscale(min: 1, max: 20, targetDepthPerInstance: 5, cooldown: Self.s(30),
                                             interval: SimDuration(nanoseconds: 1))
        let model = SystemModel(name: "autoscale-1ns", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(10, count: 100), Self.constant(0.04, count: 3, name: "trickle")],
                                consumers: [consumer])
        let (result, _) = D.run(model)
        let scaling = try #require(result.metrics.resilience?.consumers[0]?.autoscaling)
        #expect(result.events < 1_000)
        // The first message (0.1 s) goes straight to the running instance; the next ones wait:
        // at 0.7 s the depth reaches 6 → ⌈6 / 5⌉ = 2 instances, evaluated at that instant.
        #expect(scaling.instances.map(\.count) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 1])
        #expect(scaling.instances[1].at == SimTime.zero + Self.s(0.7))
        // The scale-in the empty queue calls for waits for the cooldown: 30 s after the last
        // scale-out (9.9 s), exactly, on the 1 ns grid.
        #expect(scaling.instances[9].at == SimTime.zero + Self.s(39.9) && scaling.instances[8].at == SimTime.zero + Self.s(9.9))
        #expect(scaling.scaleIns == 1 && scaling.final == 1)
        #expect(result.metrics.acked == 103)
        D.expectBalanced(result)
    }

    /// A start-up delay: the new instances take deliveries only `startupDelay` after the
    /// decision; instance names and streams are those of a fixed count of `max`.
    @Test func startupDelayPostponesNewInstances() throws {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 20, service: .constant(1))
        consumer.autoscale = TestModels.autoscale(min: 1, max: 20, targetDepthPerInstance: 5, cooldown: Self.s(30),
                                             startupDelay: Self.s(2.5), interval: Self.s(10))
        let model = SystemModel(name: "autoscale", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(10, count: 100)], consumers: [consumer])
        let (result, trace) = D.run(model)
        let scaling = try #require(result.metrics.resilience?.consumers[0]?.autoscaling)
        #expect(scaling.instances.first?.count == 1 && scaling.instances[1].at.nanoseconds == Self.ns(12.5))
        #expect(scaling.peak == 18)
        #expect(!trace.contains { $0.contains(" start ") && $0.hasSuffix(" c#1") && Int64($0.split(separator: " ")[0])! < Self.ns(12.5) })
        #expect(trace.contains { $0.hasPrefix("\(Self.ns(12.5)) start ") && $0.hasSuffix(" c#17") })
        #expect(result.metrics.acked == 100)
        D.expectBalanced(result)
    }
    /// Scale-in of a busy instance: messages at 1 … 10 s, 1.5 s each, on 2 instances (min 1,
    /// no cooldown, evaluated at 9.5 s): the queue is empty, so the highest-numbered instance,
    /// c#1, stops — it is busy with the message of 8 s until 9.5 s, takes nothing more, and is
    /// stopped when that attempt ends. c#0 alone finishes at 12 s.
    @Test func stoppingInstanceFinishesWhatItHoldsThenStops() throws {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 2, service: .constant(1.5))
        consumer.autoscale = TestModels.autoscale(min: 1, max: 2, initial: 2, targetDepthPerInstance: 100, cooldown: .zero,
                                             interval: Self.s(9.5))
        let model = SystemModel(name: "scale-in", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(1, count: 10)], consumers: [consumer])
        let (result, trace) = D.run(model)
        let scaling = try #require(result.metrics.resilience?.consumers[0]?.autoscaling)
        #expect(scaling.instances.map(\.at.nanoseconds) == [0, Self.ns(9.5)])
        #expect(scaling.instances.map(\.count) == [2, 1])
        #expect(trace.contains("\(Self.ns(9.5)) stopped m0 c#1"))
        #expect(trace.contains("\(Self.ns(9.5)) ack m8 c#1"))
        #expect(!trace.contains { $0.contains(" deliver ") && $0.hasSuffix(" c#1") && Int64($0.split(separator: " ")[0])! >= Self.ns(9.5) })
        #expect(result.end == SimTime.zero + Self.s(12))
        #expect(scaling.scaleIns == 1 && scaling.final == 1)
        D.expectBalanced(result)
    }

    /// Autoscaling that never acts leaves a run as it was: the instances and their random
    /// streams are those of the same fixed count.
    @Test func autoscaledInstancesDrawLikeAFixedCount() {
        let fixed = TestModels.singleQueue(arrivalRate: 20, count: 300, servers: 3, service: .exponential(mean: 0.1))
        var scaled = fixed
        scaled.consumers[0].autoscale = TestModels.autoscale(min: 3, max: 3, targetDepthPerInstance: 1e9, interval: Self.s(1))
        let (a, traceA) = D.run(fixed)
        let (b, traceB) = D.run(scaled)
        #expect(traceA == traceB.filter { !$0.contains(" m0 ") })
        #expect(a.metrics.acked == 300 && b.metrics.acked == 300)
        D.expectBalanced(b)
    }

    /// Crashes of autoscaled instances: 20 messages/s, 50 ms each, 2 running of at most 6
    /// (target 10 per instance, every 5 s). Both running instances crash at 12 s for good; the
    /// 4 stopped slots have no process to crash. At 15 s the 60 waiting messages ask for
    /// ⌈60 / 10⌉ = 6 fresh instances, which drain the queue: every message is acked.
    @Test func crashedAutoscaledInstancesAreReplaced() throws {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 6, service: .constant(0.05))
        consumer.autoscale = TestModels.autoscale(min: 2, max: 6, targetDepthPerInstance: 10, cooldown: Self.s(10), interval: Self.s(5))
        let model = SystemModel(name: "autoscale-crash", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(20, count: 600)], consumers: [consumer],
                                faults: [Fault(at: Self.s(12), target: .consumer(index: 0, instance: nil), restartAfter: nil)])
        let (result, trace) = D.run(model)
        let scaling = try #require(result.metrics.resilience?.consumers[0]?.autoscaling)
        #expect(result.metrics.consumers[0].crashes == 2)
        #expect(Array(scaling.instances.map(\.count).prefix(3)) == [2, 0, 6])
        #expect(Array(scaling.instances.map(\.at.nanoseconds).prefix(3)) == [0, 12, 15].map(Self.ns))
        #expect(trace.contains { $0.hasPrefix("\(Self.ns(15)) start ") && $0.hasSuffix(" c#0") })
        #expect(result.metrics.acked == 600 && result.metrics.queues[0].remaining == 0)
        D.expectBalanced(result)
    }

    /// One of two instances crashes for good at 12 s (30 messages/s, one instance serves 20):
    /// the autoscaler counts one running and at 15 s, with 31 waiting, starts ⌈31 / 10⌉ = 4,
    /// one of them fresh in the freed slot; it scales back to 2 after the cooldown.
    @Test func aLostInstanceFreesItsSlot() throws {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 4, service: .constant(0.05))
        consumer.autoscale = TestModels.autoscale(min: 2, max: 4, targetDepthPerInstance: 10, cooldown: Self.s(10), interval: Self.s(5))
        let model = SystemModel(name: "autoscale-crash-one", seed: 1, queues: [QueueConfiguration(name: "q")],
                                producers: [Self.constant(30, count: 900)], consumers: [consumer],
                                faults: [Fault(at: Self.s(12), target: .consumer(index: 0, instance: 0), restartAfter: nil)])
        let (result, _) = D.run(model)
        let scaling = try #require(result.metrics.resilience?.consumers[0]?.autoscaling)
        #expect(Array(scaling.instances.map(\.count).prefix(3)) == [2, 1, 4])
        #expect(Array(scaling.instances.map(\.at.nanoseconds).prefix(3)) == [0, 12, 15].map(Self.ns))
        #expect(scaling.final == 2 && scaling.peak == 4)
        #expect(result.metrics.consumers[0].crashes == 1)
        #expect(result.metrics.acked == 900)
        D.expectBalanced(result)
    }

    /// A pause from time 0 holds an initial backlog too: nothing starts before it ends.
    @Test func aPauseFromTheStartHoldsTheBacklog() {
        var queue = QueueConfiguration(name: "q")
        queue.initialBacklog = InitialBacklog(messages: 5, producer: 0)
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 2, service: .constant(0.001))
        consumer.pauses = [ScheduledWindow(at: Self.s(0), length: Self.s(10))]
        let model = SystemModel(name: "pause0", seed: 1, queues: [queue],
                                producers: [Self.constant(1, count: 1)], consumers: [consumer])
        let (result, trace) = D.run(model)
        let starts = trace.filter { $0.contains(" start ") }.compactMap { Int64($0.split(separator: " ")[0]) }
        #expect(starts.count == 6 && starts.allSatisfy { $0 >= Self.ns(10) })
        #expect(result.metrics.acked == 6)
        D.expectBalanced(result)
    }
}
