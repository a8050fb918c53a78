import Testing
import MessagingModels
import SimulationKernel

/// SQS redrive on a queue with a visibility timeout: a message past `maxReceiveCount` moves to
/// the dead-letter queue on the next receive attempt, not when its visibility timeout expires.
@Suite struct RedriveTests {
    typealias D = DeliverySemanticsTests
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    /// `jobs` (visibility timeout 1 s, maxReceiveCount 1) → `dlq`; one poison message at 0.1 s;
    /// one worker whose attempts take 3 s and fail (no retry policy: the message reappears when
    /// its visibility timeout expires).
    static func model(faults: [Fault] = []) -> SystemModel {
        SystemModel(
            name: "redrive", seed: 1, drainTimeout: seconds(10),
            queues: [QueueConfiguration(name: "jobs", visibilityTimeout: seconds(1),
                                        deadLetter: DeadLetterPolicy(queue: QueueID(1), maxReceiveCount: 1)),
                     QueueConfiguration(name: "dlq")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 1,
                                              poisonFraction: 1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(3))],
            faults: faults)
    }

    @Test func aMessagePastTheLimitMovesWhenTheWorkerPollsAgain() {
        // Received at 0.1 s; visible again at 1.1 s while the only worker is still busy (its
        // prefetch of 1 is taken); the worker's attempt fails at 3.1 s and it polls: that
        // receive would be the second, so the message moves then.
        let (result, trace) = D.run(Self.model())
        #expect(trace.contains("100000000 deliver m1 w"))
        #expect(trace.contains("1100000000 requeue m1 jobs"))
        #expect(trace.contains("3100000000 deadLetter:maxReceiveCount m1 jobs"))
        #expect(!trace.contains { $0.hasPrefix("1100000000 deadLetter") })
        let jobs = result.metrics.queues[0]
        #expect(jobs.deadLetteredByReason[SettleReason.maxReceiveCount.rawValue] == 1)
        #expect(jobs.depthSeries.maxima.max() == 1)
        #expect(result.metrics.queues[1].remaining == 1)
        D.expectBalanced(result)
    }

    @Test func nothingMovesWhileNoConsumerPolls() {
        // The worker crashes for good at 0.5 s: the message becomes visible at 1.1 s and stays
        // in `jobs`, since no receive ever asks for it.
        let crash = Fault(at: Self.seconds(0.5), target: .consumer(index: 0, instance: 0), restartAfter: nil)
        let (result, trace) = D.run(Self.model(faults: [crash]))
        #expect(!trace.contains { $0.contains("deadLetter") })
        #expect(result.stopReason == .idle)
        let jobs = result.metrics.queues[0]
        #expect(jobs.remaining == 1 && jobs.deadLettered == 0 && jobs.depth.value == 1)
        #expect(result.metrics.queues[1].enqueued == 0)
        D.expectBalanced(result)
    }

    @Test func withoutAVisibilityTimeoutTheLimitStillMovesAtOnce() {
        // RabbitMQ-style: nack with requeue puts the message back; over the limit it moves at
        // the requeue (the worker has not polled yet), as before.
        var model = Self.model()
        model.queues[0].visibilityTimeout = nil
        let (result, trace) = D.run(model)
        #expect(trace.contains("3100000000 deadLetter:maxReceiveCount m1 jobs"))
        #expect(result.metrics.queues[1].remaining == 1)
        D.expectBalanced(result)
    }
}
