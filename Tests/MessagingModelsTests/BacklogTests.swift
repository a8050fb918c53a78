import Testing
import MessagingModels
import SimulationKernel

/// Queues that start with messages waiting (`InitialBacklog`).
@Suite struct BacklogTests {
    /// A backlog of `backlog` messages, a producer adding one message per second for `count`
    /// seconds, and `workers` consumer instances taking 1 s per message.
    static func run(backlog: Int, count: Int, workers: Int, warmup: Double = 0,
                    configure: (inout SystemModel) -> Void = { _ in }) -> (SimulationResult, [TraceEntry]) {
        var queue = QueueConfiguration(name: "jobs")
        queue.initialBacklog = InitialBacklog(messages: backlog, producer: 0)
        var model = SystemModel(
            name: "backlog", seed: 5, warmup: SimDuration(seconds: warmup), queues: [queue],
            producers: [ProducerConfiguration(name: "web", target: QueueID(0), arrivals: .constant(ratePerSecond: 1), count: count)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: workers, service: .constant(1))])
        configure(&model)
        return TestModels.traced(model)
    }

    @Test func theBacklogDrainsBeforeNewMessages() {
        // 10 waiting + 10 new (at 1 … 10 s), 2 workers at 1 s each: FIFO, so the new ones
        // wait behind the backlog; the last, published at 10 s, ends the run at 11 s.
        let (result, steps) = Self.run(backlog: 10, count: 10, workers: 2)
        let m = result.metrics
        #expect(m.published == 20 && m.acked == 20)
        #expect(result.end == SimTime.zero + SimDuration(seconds: 11))
        #expect(m.queues[0].enqueued == 20 && m.queues[0].acked == 20)
        // The backlog is published at time 0, ids 1 … 10, before the producer's first message.
        let publishes = steps.filter { $0.kind == "publish" }
        #expect(publishes.prefix(10).allSatisfy { $0.time == .zero && $0.entity == "backlog/jobs" })
        #expect(publishes.prefix(10).map(\.messageID) == Array(1...10))
        #expect(publishes[10].entity == "web" && publishes[10].time == SimTime.zero + SimDuration(seconds: 1))
        // Started in publish order: message k starts at ⌊(k−1)/2⌋ s, or when it is published
        // if that is later (only the last one, k = 20, published at 10 s).
        let starts = steps.filter { $0.kind == "start" }
        #expect(starts.map(\.messageID) == Array(1...20))
        for start in starts {
            let k = start.messageID
            let published = k > 10 ? Double(k - 10) : 0
            #expect(start.time == SimTime.zero + SimDuration(seconds: max(Double((k - 1) / 2), published)))
        }
        // The depth starts at 8 (two taken at once) and peaks there.
        #expect(m.queues[0].depth.maximum == 8)
    }

    @Test func backlogMessagesCountAsMeasuredOnlyWithoutWarmup() {
        let (measured, _) = Self.run(backlog: 4, count: 2, workers: 4)
        #expect(measured.metrics.ackedMeasured == 6)
        let (warm, _) = Self.run(backlog: 4, count: 2, workers: 4, warmup: 0.5)
        #expect(warm.metrics.ackedMeasured == 2 && warm.metrics.acked == 6)
    }

    @Test func backlogCarriesTheProducersPoisonAndTTL() {
        // Every backlog message is poison: with no retry policy and a dead-letter limit of 1
        // delivery, each is dead-lettered after one failed attempt; and a 0.5 s TTL on the
        // producer's messages expires the ones still waiting.
        let (result, _) = Self.run(backlog: 6, count: 1, workers: 2) { model in
            model.producers[0].poisonFraction = 1
            model.producers[0].messageTTL = SimDuration(seconds: 0.5)
        }
        let q = result.metrics.queues[0]
        // Two taken at time 0 fail at 1 s and go back to the head (nack with requeue), where
        // they are past their TTL; the other four expired at 0.5 s; the producer's message
        // (1 s) is taken at once and fails, then expires at its requeue.
        #expect(q.enqueued == 7 && q.expired == 7 && q.acked == 0)
        #expect(result.metrics.published == 7)
    }

    @Test func backlogMessagesCarryKeysAndSequences() throws {
        // Four keyed backlog messages on a best-effort queue that always swaps the first two
        // waiting messages, one worker: the processing order is 1, 3, 4, 2, so message 2 is
        // late once; the producer's own message (at 10 s) continues the key's sequence, in order.
        let (result, steps) = Self.run(backlog: 4, count: 1, workers: 1) { model in
            model.producers[0].keys = .fixed("k")
            model.producers[0].arrivals = .constant(ratePerSecond: 0.1)
            model.queues[0].ordering = .bestEffort(reorderProbability: 1, duplicateProbability: 0)
        }
        #expect(steps.filter { $0.kind == "start" }.map(\.messageID) == [1, 3, 4, 2, 5])
        let ordering = try #require(result.metrics.ordering)
        #expect(ordering.violations == 1)
        #expect(result.metrics.acked == 5)
    }
}
