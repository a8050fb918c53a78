import Testing
import MessagingModels
import SimulationKernel

@Suite struct QueueBehaviourTests {
    @Test func overloadedRunCutOffByDrainTimeoutBalancesWithRemaining() {
        // Arrivals at twice the capacity for 100 s, then 10 s to drain: about 1,000 messages
        // cannot be processed and stay in the queue.
        let model = TestModels.singleQueue(seed: 3, arrivalRate: 20, duration: 100, servers: 1,
                                           service: .constant(0.1), drainTimeout: 10)
        let result = TestModels.run(model)
        let queue = result.metrics.queues[0]
        #expect(result.stopReason == .drainTimeout)
        #expect(result.end == SimTime.zero + SimDuration(seconds: 110))
        #expect(queue.remaining > 800)
        #expect(queue.enqueued == result.metrics.published)
        #expect(queue.isBalanced)
        #expect(queue.acked + queue.remaining == queue.enqueued)
        // A server that takes exactly 0.1 s per message and is never idle once the first
        // message arrived (at 2× load): one ack per 0.1 s until 110 s.
        let firstArrival = result.metrics.firstMeasuredPublish?.seconds ?? 0
        #expect(queue.acked == Int(((110 - firstArrival) / 0.1).rounded(.down)))
        #expect(result.metrics.consumers[0].busySeconds > 109.0)
    }

    @Test func runStopsWhenEverythingIsSettled() {
        let model = TestModels.singleQueue(arrivalRate: 10, count: 500, servers: 2, service: .exponential(mean: 0.1))
        let result = TestModels.run(model)
        #expect(result.stopReason == .completed)
        #expect(result.metrics.acked == 500)
        #expect(result.metrics.queues[0].remaining == 0)
        #expect(result.metrics.latency.endToEnd.count == 500)
    }

    @Test func durationBoundRunLastsAtLeastTheDuration() {
        let model = TestModels.singleQueue(arrivalRate: 1, duration: 50, servers: 1, service: .constant(0.01))
        let result = TestModels.run(model)
        #expect(result.stopReason == .completed)
        #expect(result.end >= SimTime.zero + SimDuration(seconds: 50))
        #expect(result.end < SimTime.zero + SimDuration(seconds: 51))
    }

    @Test func sameSeedSameTraceDifferentSeedDifferentTrace() {
        let a = TestModels.trace(TestModels.singleQueue(seed: 5, arrivalRate: 3, count: 200, servers: 2, service: .exponential(mean: 0.5)))
        let b = TestModels.trace(TestModels.singleQueue(seed: 5, arrivalRate: 3, count: 200, servers: 2, service: .exponential(mean: 0.5)))
        let c = TestModels.trace(TestModels.singleQueue(seed: 6, arrivalRate: 3, count: 200, servers: 2, service: .exponential(mean: 0.5)))
        #expect(a.count == 200 * 4)   // publish, deliver, start, ack per message
        #expect(a == b)
        #expect(a != c)
    }

    @Test func fifoOrderWithOneConsumer() {
        let lines = TestModels.trace(TestModels.singleQueue(arrivalRate: 5, count: 100, servers: 1, service: .exponential(mean: 0.3)))
        let starts = lines.filter { $0.contains(" start ") }.map { $0.split(separator: " ")[2] }
        #expect(starts == (1...100).map { "m\($0)"[...] })
    }

    /// RabbitMQ 3.10.8, two consumers, one slow (200 ms) and one fast: prefetch 1 gives 1/19,
    /// prefetch 10 gives 10/10 in strict alternation
    /// (shared/facts/observed-rabbitmq-redis.md, probe 10).
    @Test(arguments: [(1, 1, 19), (10, 10, 10)])
    func prefetchDecidesHowWorkIsShared(_ prefetch: Int, _ slowShare: Int, _ fastShare: Int) {
        let model = SystemModel(
            name: "prefetch", seed: 1, queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1e6), count: 20)],
            consumers: [
                ConsumerConfiguration(name: "slow", source: QueueID(0), service: .constant(0.2), prefetch: prefetch),
                ConsumerConfiguration(name: "fast", source: QueueID(0), service: .constant(0.001), prefetch: prefetch),
            ])
        let result = TestModels.run(model)
        #expect(result.metrics.consumers[0].processed == slowShare)
        #expect(result.metrics.consumers[1].processed == fastShare)
        if prefetch == 10 {
            let lines = TestModels.trace(model).filter { $0.contains(" deliver ") }
            let order = lines.map { $0.hasSuffix("slow") ? "A" : "B" }
            #expect(order == Array(repeating: ["A", "B"], count: 10).flatMap { $0 })
        }
    }

    @Test func memoryFollowsMessagesInFlight() {
        // 200,000 messages through a stable queue: the arena holds only what was in the
        // system at once.
        let result = TestModels.run(TestModels.singleQueue(arrivalRate: 0.5, count: 200_000, servers: 1, service: .exponential(mean: 1)))
        #expect(result.metrics.acked == 200_000)
        #expect(result.peakMessagesInSystem < 200)
    }

    @Test func warmupExcludesEarlyMessagesFromLatencyOnly() {
        let model = TestModels.singleQueue(arrivalRate: 10, count: 1_000, servers: 1, service: .constant(0.05), warmup: 50)
        let result = TestModels.run(model)
        #expect(result.metrics.acked == 1_000)
        #expect(result.metrics.publishedMeasured < 600)
        #expect(result.metrics.latency.endToEnd.count == result.metrics.publishedMeasured)
    }
}
