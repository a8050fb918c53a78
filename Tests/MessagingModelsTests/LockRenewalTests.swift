import Testing
import MessagingModels
import SimulationKernel

/// Service Bus lock renewal (`LockRenewal`) on a queue with a 30 s lock, one message
/// published at t = 1 ms, one consumer instance.
@Suite struct LockRenewalTests {
    static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }

    static func run(job: Double, renewal: LockRenewal?) -> SimulationResult {
        var consumer = ConsumerConfiguration(name: "c", source: QueueID(0), instances: 2, service: .constant(job))
        consumer.lockRenewal = renewal
        let model = SystemModel(
            name: "lock", seed: 1, queues: [QueueConfiguration(name: "q", visibilityTimeout: seconds(30))],
            producers: [ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1000), count: 1)],
            consumers: [consumer])
        return TestModels.run(model)
    }

    /// A 45 s job outlives its 30 s lock: without renewal the message reappears at 30.001 s
    /// and the second instance processes it too; with renewal (at 30.001 s, lock to 60.001 s)
    /// it is delivered and processed once.
    @Test(arguments: [false, true])
    func aLongJobKeepsItsLockOnlyWithRenewal(_ renews: Bool) {
        let result = Self.run(job: 45, renewal: renews ? LockRenewal() : nil)
        #expect(result.metrics.delivered == (renews ? 1 : 2))
        #expect(result.metrics.consumers[0].processed == (renews ? 1 : 2))
        #expect(result.metrics.duplicateProcessing == (renews ? 0 : 1))
        #expect(result.metrics.lockRenewals[0]?.renewals == (renews ? 1 : nil))
        #expect(result.metrics.lockRenewals[0]?.expiredWhileProcessing == (renews ? 0 : nil))
        #expect(result.metrics.queues[0].acked == 1 && result.metrics.queues[0].isBalanced)
    }

    /// Renewal stops at its maximum: with 60 s, a 100 s job's lock is renewed at 30.001 s
    /// and runs out at 60.001 s, when the message is delivered to the other instance while
    /// the first still processes it.
    @Test func beyondTheMaximumRenewalTheMessageIsRedelivered() {
        let result = Self.run(job: 100, renewal: LockRenewal(maxDuration: Self.seconds(60)))
        #expect(result.metrics.delivered == 2)
        #expect(result.metrics.redeliveries == 1)
        #expect(result.metrics.lockRenewals[0]?.renewals == 2)     // the first attempt once, the second once (by 90.001 s)
        #expect(result.metrics.lockRenewals[0]?.expiredWhileProcessing == 1)
        #expect(result.metrics.queues[0].isBalanced)
    }
}
