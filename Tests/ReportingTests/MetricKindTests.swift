import Expectations
import Foundation
import Testing
@testable import Reporting

/// The one rule for what a report figure measures (`MetricKind(path:)`), which `expect`,
/// `--format csv`'s document walk, replications, sweeps and capacity searches all use.
@Suite struct MetricKindTests {
    /// A path of every report section, with its kind.
    static let table: [(String, MetricKind)] = [
        // top level and messages
        ("seed", .count), ("events", .count), ("simulatedSeconds", .seconds), ("warmupSeconds", .seconds),
        ("messages.published", .count), ("messages.droppedByReason.overflow", .count), ("messages.lostByReason.retention", .count),
        // ledger
        ("ledger.destinations.jobs.acked", .count), ("ledger.destinations.orders.eu.remaining", .count),
        // latency
        ("latency.endToEnd.p99", .seconds), ("latency.endToEnd.count", .count), ("latency.queueWait.mean", .seconds),
        ("latency.processing.stddev", .seconds), ("latency.retryDelay.max", .seconds), ("latency.fromIntendedSend.p999", .seconds),
        ("latency.byPriority.9.p50", .seconds), ("latency.byPriority.9.count", .count),
        // throughput
        ("throughput.ackedPerSecond", .perSecond), ("throughput.publishedPerSecond", .perSecond),
        // brokers
        ("brokers.jobs.enqueued", .count), ("brokers.jobs.depth.max", .count), ("brokers.jobs.depth.mean", .count),
        ("brokers.jobs.depthSeries.max[3]", .count), ("brokers.jobs.depthSeries.bucketSeconds", .seconds),
        ("brokers.orders.eu.latency.endToEnd.p99", .seconds), ("brokers.jobs.latency.byPriority.0.max", .seconds),
        ("brokers.jobs.littlesLaw.arrivalRate", .perSecond), ("brokers.jobs.littlesLaw.meanWait", .seconds),
        ("brokers.jobs.littlesLaw.meanDepth", .count), ("brokers.jobs.littlesLaw.lambdaW", .count),
        ("brokers.jobs.theory.utilization", .fraction), ("brokers.jobs.theory.probabilityOfWaiting", .fraction),
        ("brokers.jobs.theory.blockingProbability", .fraction), ("brokers.jobs.theory.queueWait.p95", .seconds),
        ("brokers.jobs.theory.endToEnd.mean", .seconds), ("brokers.jobs.theory.queueLength", .count),
        ("brokers.jobs.profile.publishLatency.p99", .seconds), ("brokers.jobs.profile.publishLatency.count", .count),
        ("brokers.jobs.profile.throttled", .count), ("brokers.jobs.delay.seconds", .seconds), ("brokers.jobs.delay.delayed", .count),
        ("brokers.jobs.capacity.headDropped", .count), ("brokers.jobs.receives.empty", .count),
        // streams
        ("brokers.orders.partitions[2].enqueued", .count), ("brokers.orders.partitions[2].lag.billing.max", .count),
        ("brokers.orders.partitions[2].lagSeconds.billing.max", .seconds), ("brokers.orders.groups.billing.lagSeconds.final", .seconds),
        ("brokers.orders.groups.billing.lag.final", .count), ("brokers.orders.lagOverTime.messages[4]", .count),
        ("brokers.orders.lagOverTime.intervalSeconds", .seconds), ("brokers.orders.rebalances", .count),
        // consumers
        ("consumers.workers.processed", .count), ("consumers.workers.utilization", .fraction),
        ("consumers.workers.downstream.errorRate", .fraction), ("consumers.workers.rateLimit.rate", .perSecond),
        ("consumers.workers.rateLimit.tokensUsed", .count), ("consumers.workers.circuitBreaker.openSeconds", .seconds),
        ("consumers.workers.circuitBreaker.transitions[0].at", .seconds), ("consumers.workers.autoscaling.instances[1].at", .seconds),
        ("consumers.workers.autoscaling.instances[1].count", .count), ("consumers.workers.autoscaling.max", .count),
        ("consumers.workers.resequencing.addedLatency.p99", .seconds),
        // producers
        ("producers.web.batching.meanWait", .seconds), ("producers.web.batching.meanSize", .count),
        ("producers.web.publishDelay.max", .seconds), ("producers.web.rateLimit.rate", .perSecond),
        ("producers.web.rateLimit.throttledSeconds", .seconds),
        // request-reply, sagas, time series, expectations
        ("requestReply.roundTrip.p99", .seconds), ("requestReply.roundTrip.count", .count), ("requestReply.timeouts", .count),
        ("sagas.completionTime.mean", .seconds), ("sagas.stuck", .count),
        ("timeSeries.endToEndP99[2]", .seconds), ("timeSeries.acked[2]", .count), ("timeSeries.intervalSeconds", .seconds),
        ("expectations[0].measured", .count),
    ]

    @Test func everySectionHasItsKind() {
        for (path, kind) in Self.table {
            #expect(MetricKind(path: ReportPath(path)) == kind, "\(path)")
        }
    }

    /// Entity names never decide a kind, even one spelt like a key of the rule.
    @Test func namesAreNotKeys() {
        #expect(MetricKind(path: "brokers.endToEnd.depth.max") == .count)
        #expect(MetricKind(path: "consumers.utilization.processed") == .count)
        #expect(MetricKind(path: "brokers.meanWait.enqueued") == .count)
    }

    /// Every distribution summary of the bundled reports (an object with `p99`) has its
    /// statistics in seconds and its `count` a count: a summary added to the report under a
    /// new name fails here until `durationSummaries` names it.
    @Test func everySummaryOfTheBundledReportsIsInSeconds() throws {
        let folder = Repository.url("Reports")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var summaries = 0
        for name in names {
            let file = folder.appendingPathComponent(name).appendingPathComponent("report.json")
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            func walk(_ value: Any, _ path: ReportPath) {
                if let object = value as? [String: Any] {
                    if object["p99"] != nil {
                        summaries += 1
                        for key in object.keys {
                            let kind = MetricKind(path: path.appending(key: key))
                            #expect(kind == (key == "count" ? .count : .seconds), "\(name): \(path.appending(key: key))")
                        }
                    }
                    for (key, child) in object { walk(child, path.appending(key: key)) }
                } else if let array = value as? [Any] {
                    for (i, element) in array.enumerated() { walk(element, path.appending(index: i)) }
                }
            }
            walk(try JSONSerialization.jsonObject(with: data), .root)
        }
        #expect(summaries > 100)
    }

    /// The report document gives each leaf the rule's kind.
    @Test func theDocumentUsesTheRule() throws {
        let fields = try ReportDocument(ReportTests.smallReport()).numericFields
        #expect(fields.count > 20)
        for field in fields { #expect(field.kind == MetricKind(path: field.path), "\(field.path)") }
        #expect(fields.first { $0.path == "latency.endToEnd.count" }?.kind == .count)
        #expect(fields.first { $0.path == "latency.endToEnd.p99" }?.kind == .seconds)
        #expect(fields.first { $0.path == "consumers.c0.utilization" }?.kind == .fraction)
    }
}
