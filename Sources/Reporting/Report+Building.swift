import MessagingModels
import SimulationKernel

extension Report {
    /// Builds the report of a finished run from its metrics.
    /// - Parameters:
    ///   - result: what `Simulation.run()` returned.
    ///   - description: the scenario's description, echoed for readers.
    ///   - inputWarnings: warnings found while reading the scenario, listed before the run's own.
    public init(result: SimulationResult, description: String = "", inputWarnings: [ReportWarning] = []) {
        let metrics = result.metrics
        let end = result.end
        let measuredSeconds = max(0, (end - result.warmup).seconds)

        var counts = MessageCounts()
        counts.published = metrics.published
        counts.delivered = metrics.delivered
        counts.acked = metrics.acked
        counts.redeliveries = metrics.redeliveries
        counts.duplicateDeliveries = metrics.duplicateDeliveries
        counts.duplicateProcessing = metrics.duplicateProcessing
        for (attempts, n) in metrics.attemptsPerMessage.enumerated() where n > 0 {
            counts.attemptsPerMessage[attempts == metrics.attemptsPerMessage.count - 1 ? "\(attempts)+" : "\(attempts)"] = n
        }
        var destinations: [String: LedgerEntry] = [:]
        var brokers: [String: BrokerFigures] = [:]
        for queue in metrics.queues {
            counts.deadLettered += queue.deadLettered
            counts.expired += queue.expired
            counts.dropped += queue.dropped
            counts.lost += queue.lost
            counts.remaining += queue.remaining
            for reason in SettleReason.allCases {
                let k = reason.rawValue
                if queue.deadLetteredByReason[k] > 0 { counts.deadLetteredByReason[reason.name, default: 0] += queue.deadLetteredByReason[k] }
                if queue.droppedByReason[k] > 0 { counts.droppedByReason[reason.name, default: 0] += queue.droppedByReason[k] }
                if queue.lostByReason[k] > 0 { counts.lostByReason[reason.name, default: 0] += queue.lostByReason[k] }
            }
            destinations[queue.name] = LedgerEntry(
                kind: "queue", entered: queue.enqueued, acked: queue.acked, deadLettered: queue.deadLettered,
                expired: queue.expired, dropped: queue.dropped, lost: queue.lost, remaining: queue.remaining,
                balanced: queue.isBalanced)
            brokers[queue.name] = BrokerFigures(
                type: "queue", enqueued: queue.enqueued, redeliveries: queue.redeliveries,
                duplicateDeliveries: queue.duplicateDeliveries, duplicateProcessing: queue.duplicateProcessing,
                depth: Depth(mean: queue.depth.mean(until: end), max: queue.depth.maximum, final: queue.depth.value),
                latency: Latency(queue.latency),
                depthSeries: Series(bucketSeconds: queue.depthSeries.bucketSeconds, max: queue.depthSeries.maxima))
            if let delay = queue.delay {
                brokers[queue.name]?.delay = DelayFigures(seconds: delay.seconds, delayed: queue.delayed)
            }
            brokers[queue.name]?.deduplication = Report.deduplication(of: queue)
            brokers[queue.name]?.consumerTimeout = Report.consumerTimeout(of: queue)
            if let profile = queue.profile {
                let ingress = queue.ingress
                let hasIngress = profile.publishLatency != nil || profile.capacity != nil
                brokers[queue.name]?.profile = ProfileFigures(
                    publishLatency: hasIngress ? LatencyStatistics(ingress.publishLatency) : nil, messagesPerSecond: profile.messagesPerSecond,
                    utilization: profile.capacity.map { _ in end.seconds > 0 ? min(1, ingress.busySeconds / end.seconds) : 0 },
                    bytesPerSecond: profile.bytesPerSecond,
                    waited: ingress.waited, waitMeanSeconds: ingress.waited > 0 ? ingress.waitSeconds / Double(ingress.waited) : 0,
                    deliverLatencyMeanSeconds: profile.deliverLatency?.mean, ackLatencyMeanSeconds: profile.ackLatency?.mean,
                    overQuota: ingress.overQuota)
                if hasIngress {
                    brokers[queue.name]?.pendingIngress = queue.pendingIngress
                    brokers[queue.name]?.pendingIngressMax = ingress.pendingMax
                }
            }
        }
        Report.addStreams(metrics.streams, end: end, warmup: result.warmup, counts: &counts, destinations: &destinations, brokers: &brokers)
        var consumers: [String: ConsumerFigures] = [:]
        var attempts = 0, failed = 0
        for consumer in metrics.consumers {
            let capacity = Double(consumer.instances) * measuredSeconds
            consumers[consumer.name] = ConsumerFigures(
                instances: consumer.instances, receives: consumer.receives, attempts: consumer.attempts,
                processed: consumer.processed, failed: consumer.failed, timedOut: consumer.timedOut,
                errorRate: consumer.attempts > 0 ? Double(consumer.failed) / Double(consumer.attempts) : 0,
                duplicatesSkipped: consumer.duplicatesSkipped, crashes: consumer.crashes,
                utilization: capacity > 0 ? consumer.busySeconds / capacity : 0)
            attempts += consumer.attempts
            failed += consumer.failed
            counts.duplicatesSkipped += consumer.duplicatesSkipped
        }
        Report.addLockRenewals(metrics, to: &consumers)
        counts.errorRate = attempts > 0 ? Double(failed) / Double(attempts) : 0

        func rate(_ count: Int, until last: SimTime?) -> Double {
            guard let last else { return 0 }
            let window = (last - result.warmup).seconds
            return window > 0 ? Double(count) / window : 0
        }

        self.init(
            scenario: result.scenario, description: description, seed: result.seed,
            simulatedSeconds: end.seconds, warmupSeconds: result.warmup.seconds, events: result.events,
            stopReason: result.stopReason.rawValue, messages: counts,
            ledger: Ledger(balanced: destinations.values.allSatisfy(\.balanced), destinations: destinations),
            latency: Latency(metrics.latency),
            throughput: Throughput(
                publishedPerSecond: rate(metrics.publishedMeasured, until: metrics.lastMeasuredPublish),
                ackedPerSecond: rate(metrics.ackedMeasured, until: metrics.lastMeasuredAck)),
            brokers: brokers, consumers: consumers)
        addRouting(metrics.routing)
        if !metrics.latencyByPriority.isEmpty {
            latency.byPriority = Report.byPriority(metrics.latencyByPriority)
            for (queue, levels) in zip(metrics.queues, metrics.queueLatencyByPriority) where levels.contains(where: { $0.endToEnd.count > 0 }) {
                self.brokers[queue.name]?.latency.byPriority = Report.byPriority(levels)
            }
        }
        addFlowControl(metrics.flowControl, consumerNames: metrics.consumers.map(\.name), queueNames: metrics.queues.map(\.name))
        addOmission(metrics)
        addBatching(metrics)
        addOrdering(metrics.ordering, consumerNames: metrics.consumers.map(\.name), queueNames: metrics.queues.map(\.name))
        addResilience(metrics.resilience, consumers: metrics.consumers)
        timeSeries = RunSeries(published: metrics.publishedSeries, acked: metrics.ackedSeries, endToEnd: metrics.endToEndSeries)
        warnings = inputWarnings + Report.runWarnings(result, consumers: self.consumers)
        if let warning = omissionWarning() { warnings.append(warning) }
    }
}

extension Report {
    /// `latency.byPriority`: the levels that have messages, by priority as a string.
    static func byPriority(_ levels: [(priority: Int, endToEnd: LatencyHistogram)]) -> [String: LatencyStatistics] {
        var table: [String: LatencyStatistics] = [:]
        for (priority, histogram) in levels where histogram.count > 0 { table[String(priority)] = LatencyStatistics(histogram) }
        return table
    }
}

extension Report.Latency {
    /// Summaries of the three latency distributions.
    public init(_ metrics: LatencyMetrics) {
        self.init(
            endToEnd: LatencyStatistics(metrics.endToEnd),
            queueWait: LatencyStatistics(metrics.queueWait),
            processing: LatencyStatistics(metrics.processing),
            retryDelay: LatencyStatistics(metrics.retryDelay))
    }
}

extension LatencyStatistics {
    /// Summarises a latency histogram (percentiles by nearest rank, within 0.4%).
    public init(_ histogram: LatencyHistogram) {
        self.init(
            count: histogram.count, min: histogram.minimum, mean: histogram.mean,
            stddev: histogram.standardDeviation,
            p50: histogram.percentile(0.50), p95: histogram.percentile(0.95), p99: histogram.percentile(0.99),
            p999: histogram.percentile(0.999), max: histogram.maximum)
    }
}
