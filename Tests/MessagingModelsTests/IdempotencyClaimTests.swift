import Testing
import MessagingModels
import SimulationKernel

/// The atomic claim of an idempotent consumer (`claim: "atStart"`) against the check-then-set
/// race of the default (`atEnd`), on one message with constant times, traced step by step.
@Suite struct IdempotencyClaimTests {
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    /// One message published at 1 ms; two workers taking 1.5 s per attempt on a queue with a
    /// 1 s visibility timeout, so a second copy starts while the first still runs.
    static func overlapping(_ claim: IdempotencyPolicy.Claim, seed: UInt64 = 1, failureRate: Double = 0) -> SystemModel {
        SystemModel(
            name: "claim", seed: seed, drainTimeout: seconds(60),
            queues: [QueueConfiguration(name: "q", visibilityTimeout: seconds(1))],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1000), count: 1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: 2, service: .constant(1.5),
                                              failureRate: failureRate,
                                              idempotency: IdempotencyPolicy(window: seconds(60), claim: claim))])
    }

    /// The run and its trace, one `nanoseconds kind message entity` line per step.
    static func steps(_ model: SystemModel) -> (SimulationResult, [String]) {
        DeliverySemanticsTests.run(model)
    }

    /// Window only: the copy delivered at 1.001 s passes the processed-ids check (the first
    /// attempt has not finished) and the charge runs twice. Claim at start: the copy finds the
    /// id claimed, is not run, and the first attempt's ack at 1.501 s settles the message.
    @Test(arguments: [IdempotencyPolicy.Claim.atEnd, .atStart])
    func overlappingCopiesRunTwiceWithoutTheClaimOnceWithIt(_ claim: IdempotencyPolicy.Claim) {
        let (result, trace) = Self.steps(Self.overlapping(claim))
        let consumer = result.metrics.consumers[0]
        #expect(result.metrics.acked == 1)
        #expect(result.metrics.duplicateDeliveries == 1)
        #expect(consumer.processed == (claim == .atEnd ? 2 : 1))
        #expect(result.metrics.duplicateProcessing == (claim == .atEnd ? 1 : 0))
        #expect(consumer.duplicatesSkipped == (claim == .atEnd ? 0 : 1))
        if claim == .atStart {
            #expect(trace == [
                "1000000 publish m1 p", "1000000 deliver m1 w#0", "1000000 start m1 w#0",
                "1001000000 requeue m1 q", "1001000000 deliver m1 w#1", "1001000000 start m1 w#1", "1001000000 claimed m1 w#1",
                "1501000000 ack m1 w#0",
            ])
        }
        DeliverySemanticsTests.expectBalanced(result)
    }

    /// The first attempt fails (seed 2 draws a failure for w#0, then a success) while the copy
    /// on w#1 found the id claimed: the failure releases the claim, the copy reappears when its
    /// visibility timeout runs out (2.001 s), runs and is acked. Nothing is lost, and the later
    /// copy that finds the id claimed again (w#0 at 3.001 s) is not run.
    @Test func aFailedAttemptReleasesItsClaimSoTheRetryRuns() {
        let (result, trace) = Self.steps(Self.overlapping(.atStart, seed: 2, failureRate: 0.5))
        let consumer = result.metrics.consumers[0]
        #expect(trace == [
            "1000000 publish m1 p", "1000000 deliver m1 w#0", "1000000 start m1 w#0",
            "1001000000 requeue m1 q", "1001000000 deliver m1 w#1", "1001000000 start m1 w#1", "1001000000 claimed m1 w#1",
            "1501000000 fail m1 w#0",
            "2001000000 requeue m1 q", "2001000000 deliver m1 w#1", "2001000000 start m1 w#1",
            "3001000000 requeue m1 q", "3001000000 deliver m1 w#0", "3001000000 start m1 w#0", "3001000000 claimed m1 w#0",
            "3501000000 ack m1 w#1",
        ])
        #expect(consumer.processed == 1 && consumer.failed == 1 && consumer.duplicatesSkipped == 2)
        #expect(result.metrics.acked == 1 && result.metrics.queues[0].lost == 0 && result.metrics.duplicateProcessing == 0)
        DeliverySemanticsTests.expectBalanced(result)
    }

    /// Without a visibility timeout a failed attempt is nacked and requeued at once: its claim
    /// is already released, so each retry runs (a poison message, three attempts, then rejected).
    @Test func nackedRetriesRunAtOnce() {
        let model = SystemModel(
            name: "claim", seed: 1, drainTimeout: Self.seconds(60),
            queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1000), count: 1,
                                              poisonFraction: 1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(0.5),
                                              retry: RetryPolicy(maxAttempts: 3, backoff: .none),
                                              idempotency: IdempotencyPolicy(window: Self.seconds(60), claim: .atStart))])
        let (result, trace) = Self.steps(model)
        #expect(trace.filter { $0.contains(" start ") } == ["1000000 start m1 w", "501000000 start m1 w", "1001000000 start m1 w"])
        #expect(result.metrics.consumers[0].failed == 3 && result.metrics.consumers[0].duplicatesSkipped == 0)
        #expect(result.metrics.queues[0].dropped == 1)
        DeliverySemanticsTests.expectBalanced(result)
    }

    /// A holder that crashes cannot release its claim. Without a visibility timeout the copy
    /// requeued by the crash (0.5 s) finds the id claimed and waits until the claim expires
    /// (taken at 0.001 s with a 5 s window: 5.001 s), then runs: late, but not lost.
    @Test func aCrashedHoldersClaimExpiresAfterTheWindow() {
        let model = SystemModel(
            name: "claim", seed: 1, drainTimeout: Self.seconds(60),
            queues: [QueueConfiguration(name: "q")],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1000), count: 1)],
            consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), instances: 2, service: .constant(1),
                                              idempotency: IdempotencyPolicy(window: Self.seconds(5), claim: .atStart))],
            faults: [Fault(at: Self.seconds(0.5), target: .consumer(index: 0, instance: 0), restartAfter: Self.seconds(100))])
        let (result, trace) = Self.steps(model)
        #expect(trace.filter { $0.contains(" start ") || $0.contains(" claimed ") || $0.contains(" ack ") } == [
            "1000000 start m1 w#0", "500000000 start m1 w#1", "500000000 claimed m1 w#1",
            "5001000000 start m1 w#1", "6001000000 ack m1 w#1",
        ])
        #expect(result.metrics.consumers[0].processed == 1 && result.metrics.acked == 1 && result.metrics.queues[0].lost == 0)
        DeliverySemanticsTests.expectBalanced(result)
    }
}
