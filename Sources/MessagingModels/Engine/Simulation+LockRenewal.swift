import SimulationKernel

/// Lock renewal by Service Bus processors (`LockRenewal`), on top of a queue's visibility
/// timeout: when a delivery's lock would run out while its consumer is processing it, the
/// consumer renews it (for another `visibilityTimeout`) as long as the attempt began less
/// than `maxDuration` ago.
///
/// - Note: Source: https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.servicebusprocessoroptions.maxautolockrenewalduration
extension Simulation {
    /// Prepares the counters (called once, at the end of `init`).
    mutating func setUpLockRenewal() {
        metrics.lockRenewals = model.consumers.map { consumer in
            consumer.lockRenewal.map { LockRenewalMetrics(maxDuration: $0.maxDuration) }
        }
        lockRenewalActive = metrics.lockRenewals.contains { $0 != nil }
    }

    /// A delivery's lock runs out now: if the instance processing it renews locks and is
    /// within its renewal window, the lock is renewed (and true returned); otherwise the
    /// expiry takes its course.
    mutating func renewsLock(_ handle: MessageHandle, receiveCount: Int32) -> Bool {
        guard let ref = messages.resolve(handle) else { return false }
        let record = messages[ref]
        guard record.state == .inFlight, !record.autoAcked, record.receiveCount == receiveCount,
              let timeout = queues[record.queue].visibilityTimeout else { return false }
        // The lock belongs to the latest delivery: after an earlier lock was lost, the instance
        // still working on that delivery can no longer renew.
        var holder: Int?
        for i in instances.indices where instances[i].current == ref && instances[i].hold == .none && !instances[i].isDown {
            if let h = holder, instances[h].attemptStart >= instances[i].attemptStart { continue }
            holder = i
        }
        guard let i = holder, let renewal = model.consumers[instances[i].consumer].lockRenewal else { return false }
        let c = instances[i].consumer
        guard now - instances[i].attemptStart < renewal.maxDuration else {
            metrics.lockRenewals[c]?.expiredWhileProcessing += 1
            return false
        }
        metrics.lockRenewals[c]?.renewals += 1
        if trace != nil { traceStep("renewLock", ref, instances[i].name) }
        events.schedule(.visibilityExpired(handle, receiveCount: receiveCount), at: now + timeout)
        return true
    }
}
