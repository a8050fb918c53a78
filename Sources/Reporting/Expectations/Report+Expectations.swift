import Foundation
import Expectations
import MessagingModels
import SimulationKernel
import Technologies

extension Report {
    /// Every numeric field the report of `model` can have, with its kind: the fields of the
    /// report of the model with no event run (so the set follows the real report shape and
    /// includes the optional sections the scenario's features turn on), plus the keys of the
    /// maps that fill in as messages flow: `messages.deadLetteredByReason`,
    /// `droppedByReason`, `lostByReason` (every reason), `attemptsPerMessage` (every bucket)
    /// and `latency.byPriority` (every priority level the producers use, whole run and per
    /// queue).
    ///
    /// `technologies` (each broker's preset, by name) adds the fields a technology turns on
    /// (`brokers.<b>.profile.throttled`).
    ///
    /// `metrics` (the paths a scenario's `expect` names), when given, limits the fields of the
    /// maps keyed by entity (`brokers`, `consumers`, `producers`, `ledger.destinations`) to
    /// the entities those paths name and the first of each map: every other field, and every
    /// entity's name (`entityMaps`), stays in the catalog. A file with thousands of queues
    /// then needs the fields of a few, not all (20,000 queues: 2.4 M fields).
    ///
    /// - Complexity: builds the model (instances, initial backlogs) without running it.
    public static func metricCatalog(for model: SystemModel, technologies: [String: Technology] = [:],
                                     only metrics: [ReportPath]? = nil) -> MetricCatalog {
        var empty = model
        empty.maxEvents = 0
        var simulation = Simulation(model: empty)
        let result = simulation.run()
        var report = Report(result: result)
        report.addTheory(for: model, result: result)
        if !technologies.isEmpty { report.addTechnologies(technologies) }
        for queue in model.queues where report.brokers[queue.name] != nil {
            report.brokers[queue.name]?.littlesLaw = LittlesLawFigures(
                arrivalRate: 0, meanWait: 0, meanDepth: 0, lambdaW: 0, relativeDifference: 0)
        }
        // A stopped-at-once run says nothing about the time window: keep rates and fractions.
        let zero = LatencyStatistics(count: 0, min: nil, mean: nil, stddev: nil, p50: nil, p95: nil, p99: nil, p999: nil, max: nil)
        for name in Report.settleReasonNames {
            report.messages.deadLetteredByReason[name] = 0
            report.messages.droppedByReason[name] = 0
            report.messages.lostByReason[name] = 0
        }
        let buckets = result.metrics.attemptsPerMessage.count
        for attempts in 0..<buckets {
            report.messages.attemptsPerMessage[attempts == buckets - 1 ? "\(attempts)+" : "\(attempts)"] = 0
        }
        if !result.metrics.latencyByPriority.isEmpty {
            var levels: [String: LatencyStatistics] = [:]
            for level in result.metrics.latencyByPriority { levels[String(level.priority)] = zero }
            report.latency.byPriority = levels
            for (queue, queueLevels) in zip(result.metrics.queues, result.metrics.queueLatencyByPriority) {
                var table: [String: LatencyStatistics] = [:]
                for level in queueLevels { table[String(level.priority)] = zero }
                report.brokers[queue.name]?.latency.byPriority = table
            }
        }
        var catalog = MetricCatalog()
        let entityMaps = ReportDocument.entityMaps(of: report)
        if let metrics { report.keepEntities(namedIn: metrics) }
        guard let document = try? ReportDocument(report) else { return catalog }
        for field in document.numericFields where Report.isMetric(field.path) {
            catalog.add(field.path, kind: field.kind)
        }
        for map in entityMaps { catalog.addEntityMap(map) }
        if report.latency.byPriority != nil {
            catalog.addEntityMap(MetricCatalog.EntityMap(prefix: ReportPath("latency.byPriority"), noun: "priority level", plural: "levels",
                                                         names: result.metrics.latencyByPriority.map { String($0.priority) }))
        }
        return catalog
    }

    /// Removes from the maps keyed by entity name the entities none of `metrics` names, but
    /// the first of each map (by name), so every section those maps hold keeps its fields.
    mutating func keepEntities(namedIn metrics: [ReportPath]) {
        func kept(_ prefix: ReportPath, _ names: some Collection<String>) -> Set<String> {
            let sorted = names.sorted()
            var kept = Set(sorted.prefix(1))
            for metric in metrics {
                if let name = metric.entity(in: prefix, among: sorted) { kept.insert(name) }
            }
            return kept
        }
        let keptBrokers = kept("brokers", brokers.keys)
        brokers = brokers.filter { keptBrokers.contains($0.key) }
        let keptConsumers = kept("consumers", consumers.keys)
        consumers = consumers.filter { keptConsumers.contains($0.key) }
        if let all = producers {
            let keptProducers = kept("producers", all.keys)
            producers = all.filter { keptProducers.contains($0.key) }
        }
        let keptDestinations = kept("ledger.destinations", ledger.destinations.keys)
        ledger.destinations = ledger.destinations.filter { keptDestinations.contains($0.key) }
    }

    /// Whether a report path can be an expectation's metric: lists that grow with the run
    /// (`depthSeries`, `lagOverTime`, assignments, transitions, autoscaling instances) are
    /// not; per-partition figures (`partitions[i]`) and a stream's brokers' (`profile.brokers[i]`),
    /// fixed by the scenario, are.
    static func isMetric(_ path: ReportPath) -> Bool {
        // A byte scan: the catalog asks this of every field of a report, which for thousands
        // of queues is millions of times.
        var text = path.text
        return text.withUTF8 { bytes in
            func occurs(_ word: StaticString, endingAt end: Int) -> Bool {
                let count = word.utf8CodeUnitCount
                guard end >= count else { return false }
                return (0..<count).allSatisfy { bytes[end - count + $0] == word.utf8Start[$0] }
            }
            for end in 0...bytes.count {
                if occurs("Series", endingAt: end) || occurs("lagOverTime", endingAt: end) { return false }
                // Every index must be a partition's (`partitions[i]`) or a stream broker's
                // (`profile.brokers[i]`).
                if end < bytes.count, bytes[end] == UInt8(ascii: "["), !occurs("partitions", endingAt: end),
                   !occurs("profile.brokers", endingAt: end) { return false }
            }
            return true
        }
    }

    /// Names of the reasons in `deadLetteredByReason`, `droppedByReason` and `lostByReason`.
    static var settleReasonNames: [String] {
        SettleReason.allCases.map(\.name) + ["retention", "leaderFailover"]
    }

    /// Evaluates `expectations` on this report, in order.
    ///
    /// A metric with no value in this run (a percentile with no samples, a priority level no
    /// message used) fails with `measured` null and a note saying why; a count in a
    /// `…ByReason` or `attemptsPerMessage` map that is absent is 0. An expectation whose kind
    /// was not checked against the scenario (`kind` nil) takes the kind of the field in this
    /// report. `==` and `!=` compare exactly.
    /// - Returns: one result per expectation.
    public func evaluate(_ expectations: [MetricExpectation]) -> [ExpectationResult] {
        let fields = (try? ReportDocument(self))?.numericFields ?? []
        var values: [ReportPath: (value: Double?, kind: MetricKind)] = [:]
        for field in fields { values[field.path] = (field.value, field.kind) }
        return expectations.map { expectation in
            var measured: Double?
            var note: String?
            var kind = expectation.kind
            if let field = values[expectation.path] {
                measured = field.value
                kind = kind ?? field.kind
                if measured == nil { note = "no value in this run (no samples)" }
            } else if expectation.path.isZeroWhenAbsent {
                measured = 0
            } else {
                note = "not in this run's report (no samples, or the feature it measures is off)"
            }
            let passed = measured.map { expectation.comparison.holds($0, expectation.value.number) } ?? false
            return ExpectationResult(
                metric: expectation.metric, op: expectation.comparison.rawValue, expected: expectation.value.number,
                expectedText: expectation.value.text, measured: measured, passed: passed,
                kind: (kind ?? .count).rawValue, because: expectation.because, note: note)
        }
    }

    /// Whether every expectation held (true when there are none).
    public var expectationsMet: Bool { expectations?.allSatisfy(\.passed) ?? true }
}
