import MessagingModels
import SimulationKernel

/// Run warnings: figures of a finished run that are easy to misread, found from its metrics.
extension Report {
    /// Consumer utilization at or above which a queue's consumers count as saturated (0 … 1).
    static let saturatedUtilization = 0.98
    /// Smallest peak depth [messages] that counts as a backlog for the instability rule (a few
    /// dozen messages queue up by chance in any busy stable queue).
    static let backlogDepth = 100.0
    /// Peak depth [messages] that, reached as publishing ends, counts as a growing backlog
    /// whatever the consumers' utilization (a stable queue does not get there by chance).
    static let largeBacklogDepth = 1_000.0

    /// The run warnings, in a fixed order: the warm-up, then each unstable queue in file order.
    static func runWarnings(_ result: SimulationResult, consumers: [String: ConsumerFigures]) -> [ReportWarning] {
        var warnings: [ReportWarning] = []
        if let warning = warmupWarning(result) { warnings.append(warning) }
        // Each queue's consumers in file order, found in one pass (a filter per queue made
        // reports of many queues quadratic).
        var consumersOfQueue = [[String]](repeating: [], count: result.metrics.queues.count)
        for consumer in result.metrics.consumers {
            if let queue = consumer.queue, consumersOfQueue.indices.contains(queue) { consumersOfQueue[queue].append(consumer.name) }
        }
        for (index, queue) in result.metrics.queues.enumerated() {
            let utilizations = consumersOfQueue[index].compactMap { consumers[$0]?.utilization }
            if let warning = unstableQueueWarning(queue, utilizations: utilizations, result: result) { warnings.append(warning) }
        }
        for queue in result.metrics.queues where queue.profile?.capacity != nil {
            let busy = queue.ingress.busySeconds
            if let warning = saturatedIngressWarning("queue \"\(queue.name)\"", busiest: busy, ingress: queue.ingress, pending: queue.pendingIngress, result: result) {
                warnings.append(warning)
            }
        }
        for stream in result.metrics.streams where stream.capacity != nil || stream.brokers != nil {
            // Its busiest partition's ingress, or its busiest broker's when only brokers have one.
            let partition = stream.partitionBusySeconds.max() ?? 0, broker = stream.brokerBusySeconds.max() ?? 0
            let entity = "stream \"\(stream.name)\" (its busiest \(broker > partition ? "broker" : "partition"))"
            if let warning = saturatedIngressWarning(entity, busiest: max(partition, broker), ingress: stream.ingress, pending: stream.pendingIngress, result: result) {
                warnings.append(warning)
            }
        }
        return warnings
    }

    /// `saturatedIngress`: a broker's ingress (`profile.messagesPerSecond` /
    /// `bytesPerSecond`: a queue's, or a stream's busiest partition's) could not keep up with
    /// the publishes (offered load ≥ its capacity). Publishes then wait in front of the broker,
    /// which the depth, the consumers' utilization and the `unstableQueue` rule do not see, and
    /// every latency measured from the publish grows with the run's length.
    ///
    /// Two rules: busy at least `saturatedUtilization` of the publishing period (from the start
    /// to the last publish: a run that drains its consumers long after would dilute the whole
    /// run's share) with at least `backlogDepth` messages waiting for it at some point (a stable
    /// ingress does not get there by chance), or messages still waiting for it when the drain
    /// timeout ended the run.
    /// - Parameters:
    ///   - entity: How the message names the broker ("queue \"jobs\"").
    ///   - busiest: Busy time of the ingress (a stream's busiest partition) [s].
    ///   - pending: Messages not stored when the run ended.
    static func saturatedIngressWarning(_ entity: String, busiest: Double, ingress: IngressMetrics, pending: Int,
                                        result: SimulationResult) -> ReportWarning? {
        let seconds = (result.metrics.lastPublish ?? result.end).seconds
        let utilization = seconds > 0 ? min(1, busiest / seconds) : (busiest > 0 ? 1 : 0)
        let wait = ingress.waited > 0 ? " (mean wait \(Formatting.duration(ingress.waitSeconds / Double(ingress.waited))))" : ""
        let reason: String
        if result.stopReason == .drainTimeout, pending > 0 {
            reason = "\(Formatting.count(pending)) messages were still waiting for it when the drain timeout ended the run (at most \(Formatting.count(max(pending, ingress.pendingMax))) at once)"
        } else if utilization >= saturatedUtilization, Double(ingress.pendingMax) >= backlogDepth {
            reason = "it was busy \(Formatting.percent(utilization)) of the publishing period and up to \(Formatting.count(ingress.pendingMax)) publishes waited for it at once\(wait)"
        } else {
            return nil
        }
        return ReportWarning(
            code: ReportWarning.saturatedIngress,
            message: "the ingress of \(entity) is saturated: \(reason). Offered load ≥ its capacity (profile.messagesPerSecond / bytesPerSecond): publishes queue up in front of the broker, where the depth does not show them (see pendingIngressMax), and latencies measured from the publish describe a backlog that grows with the run's length; lower the load, send smaller messages or batches, or spread them over more queues or partitions")
    }

    /// `warmupExcludesEverything`: messages were published, but none at or after the warm-up,
    /// so the latency tables are empty and the throughput is 0.
    static func warmupWarning(_ result: SimulationResult) -> ReportWarning? {
        let metrics = result.metrics
        guard result.warmup > .zero, metrics.published > 0, metrics.publishedMeasured == 0 else { return nil }
        let warmup = Formatting.duration(result.warmup.seconds)
        let last = metrics.lastPublish.map { Formatting.duration($0.seconds) } ?? "–"
        return ReportWarning(
            code: ReportWarning.warmupExcludesEverything, path: "$.warmup",
            message: "the warm-up (\(warmup)) excludes every message: the last of \(Formatting.count(metrics.published)) was published at \(last), so the latency tables are empty and the throughput is 0; set \"warmup\" below \(last), or publish for longer")
    }

    /// `unstableQueue`: the queue's consumers could not keep up (offered load ≥ capacity), so
    /// its latency percentiles describe a transient that grows with the run's length.
    ///
    /// Two rules, each needing a backlog of at least `backlogDepth` messages and consumers on
    /// the queue (a parking queue nobody reads is not unstable, only unread):
    /// - saturated and peaking at the end: the busiest consumer's utilization is at least
    ///   `saturatedUtilization` and the depth reached its maximum in the last tenth of the
    ///   publishing window (a stable queue peaks at a random time; a spike or an initial
    ///   backlog peaks early);
    /// - still growing when the drain timeout ended the run: messages remain and the final
    ///   depth is at least 90% of the maximum (said in preference to the next rule);
    /// - a large backlog peaking at the end: at least `largeBacklogDepth` messages in the last
    ///   tenth of the publishing window although the consumers were not saturated — they were
    ///   held up elsewhere (deliveries and acks on the network with a small prefetch, a rate
    ///   limit, a closed gate).
    static func unstableQueueWarning(_ queue: QueueMetrics, utilizations: [Double], result: SimulationResult) -> ReportWarning? {
        guard let utilization = utilizations.max(), queue.depth.maximum >= backlogDepth else { return nil }
        let peak = queue.depth.maximum
        let series = queue.depthSeries
        var reason: String?
        var heldUp: String?
        if let lastPublish = result.metrics.lastPublish, let bucket = series.maxima.firstIndex(where: { $0 >= peak }) {
            // The bucket holding the first maximum ends at or after 90% of the publishing window.
            let peakBucketEnd = Double(bucket + 1) * series.bucketSeconds
            let mean = Formatting.significant(queue.depth.mean(until: result.end))
            if peakBucketEnd >= 0.9 * lastPublish.seconds {
                if utilization >= saturatedUtilization {
                    reason = "its consumers were busy \(Formatting.percent(utilization)) of the time and the depth peaked at \(Formatting.count(Int(peak))) messages as publishing ended (time-weighted mean \(mean))"
                } else if peak >= largeBacklogDepth {
                    heldUp = "the depth peaked at \(Formatting.count(Int(peak))) messages as publishing ended (time-weighted mean \(mean)) although its consumers were busy only \(Formatting.percent(utilization)) of the time: something else holds them up (deliveries and acks on the network with a small prefetch, one message at a time per message group, failed attempts, a rate limit, a closed gate)"
                }
            }
        }
        if reason == nil, result.stopReason == .drainTimeout, queue.remaining > 0, queue.depth.value >= 0.9 * peak {
            reason = "\(Formatting.count(queue.remaining)) messages were still there when the drain timeout ended the run, with the depth at \(Formatting.count(Int(queue.depth.value))) (maximum \(Formatting.count(Int(peak)))): it was still growing"
        }
        reason = reason ?? heldUp
        guard let reason else { return nil }
        return ReportWarning(
            code: ReportWarning.unstableQueue,
            message: "queue \"\(queue.name)\" is unstable: \(reason). Offered load ≥ capacity: its latency percentiles describe a backlog that grows with the run's length, not a steady state; add consumers, make processing faster or lower the load")
    }
}
