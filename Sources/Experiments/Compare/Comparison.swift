import Foundation
import Reporting
import ScenarioFormat
import Technologies

/// One workload run on several technologies with common random numbers: the same seed, the
/// same producers and consumers, so every row sees the same arrival times and service draws
/// (`TechnologyMapping` keeps them; each purpose draws from its own random stream).
public struct Comparison: Sendable, Encodable {
    public var scenario: String
    public var description: String
    public var seed: UInt64
    public var results: [Row]
    /// The workload's queues and stream groups, each with where its backlog is in every row's
    /// report (for the overlaid depth/lag charts; not part of the JSON).
    public var backlogs: [Backlog] = []

    /// A workload queue ("jobs") or stream group ("orders / billing"), and where its backlog
    /// is in each row's report, in `results` order: nil where the row did not run or the
    /// technology has no counterpart (Kafka has no dead-letter queue).
    public struct Backlog: Sendable {
        public var name: String
        public var sources: [TechnologyMapping.BacklogSource?]
    }

    enum CodingKeys: String, CodingKey { case scenario, description, seed, results }

    /// One technology's run, or why it has none.
    public struct Row: Sendable, Encodable {
        public var technology: String
        public var supported: Bool
        /// Why the workload cannot run on this technology (unsupported rows only).
        public var reason: String?
        /// How the workload was mapped onto the technology's shape.
        public var mapping: [String]
        public var summary: Summary?
        public var cost: Cost?
        /// The workload's `expect` requirements judged on this row's report (a path the
        /// technology's shape lacks counts as not met); nil without requirements.
        public var expectations: [ExpectationResult]?
        public var report: Report?

        /// False when the technology cannot keep up with the workload: one of its queues is
        /// unstable (offered load ≥ its consumers' capacity, the report's `unstableQueue`
        /// warning), a broker's ingress is saturated (offered load ≥ the broker's own
        /// capacity, `saturatedIngress`: the publishes queue up in front of it), or it falls
        /// behind the publish rate (`lagging`). Its percentiles and cost then describe a
        /// backlog that grows with the run, so the row ranks below every row that keeps up.
        public var keepsUp: Bool {
            guard let report else { return false }
            if report.warnings.contains(where: { Self.backlogWarnings.contains($0.code) }) { return false }
            return lagging == nil
        }

        /// Report warnings that mean a backlog grows with the run.
        static let backlogWarnings = [ReportWarning.unstableQueue, ReportWarning.saturatedIngress]

        /// How the row falls behind the publish rate, in words; nil when it does not. Rows
        /// with stream groups are judged by the records each group processed per second
        /// (`groups.<g>.processedPerSecond`, against the publish rate times the share of the
        /// publishes the group's stream received): their acks are offset commits, every 5 s
        /// with Kafka's auto-commit, so the acks of a group that keeps up lag by up to the
        /// commit interval. Other rows fall behind when they ack less than 80% of the publish
        /// rate (a backlog that grows in hops the consumers' busy time does not show, such as
        /// a receive round trip per message).
        public var lagging: String? {
            guard let report else { return nil }
            let published = report.throughput.publishedPerSecond
            let groups = report.brokers.sorted { $0.key < $1.key }.flatMap { name, broker in
                (broker.groups ?? [:]).sorted { $0.key < $1.key }.map { ("\(name) / \($0.key)", $0.value) }
            }
            if !groups.isEmpty {
                guard report.messages.published > 0 else { return nil }
                for (name, group) in groups {
                    let offered = published * Double(group.entered) / Double(report.messages.published)
                    // A report without the figure (an older version's) counts as keeping up.
                    let processed = group.processedPerSecond ?? .infinity
                    if processed < 0.8 * offered {
                        return String(format: "group %@ processed %.1f records/s of the %.1f/s published to its stream", name, processed, offered)
                    }
                }
                return nil
            }
            guard report.throughput.ackedPerSecond < 0.8 * published else { return nil }
            return String(format: "acks %.1f/s of the %.1f/s published", report.throughput.ackedPerSecond, published)
        }
    }

    /// The figures the comparison table shows, from the row's report.
    public struct Summary: Sendable, Encodable, Equatable {
        /// Messages acked per second over the measured window [1/s].
        public var throughput: Double
        /// End-to-end latency percentiles [s] (null without samples).
        public var p50: Double?
        public var p99: Double?
        public var p999: Double?
        /// The deepest any queue got, the largest total lag of any stream group, or the most
        /// publishes waiting for a broker's ingress at once (`pendingIngressMax`: a saturated
        /// broker's backlog, which its depth does not show) [messages].
        public var maxBacklog: Double
        public var orderingViolations: Int
        public var duplicateProcessing: Int
        public var lost: Int
        public var deadLettered: Int
        /// The busiest broker ingress (publishes / capacity), when the technology has one.
        public var capacityUtilization: Double?
        /// Publishes the service refused or delayed past its per-second quota.
        public var throttled: Int

        init(_ report: Report) {
            throughput = report.throughput.ackedPerSecond
            p50 = report.latency.endToEnd.p50
            p99 = report.latency.endToEnd.p99
            p999 = report.latency.endToEnd.p999
            var backlog = 0.0
            for broker in report.brokers.values {
                backlog = max(backlog, broker.depth.max)
                for group in (broker.groups ?? [:]).values { backlog = max(backlog, Double(group.lag.max)) }
                backlog = max(backlog, Double(broker.pendingIngressMax ?? 0))
            }
            maxBacklog = backlog
            orderingViolations = report.messages.orderingViolations
            duplicateProcessing = report.messages.duplicateProcessing
            lost = report.messages.lost
            deadLettered = report.messages.deadLettered
            capacityUtilization = report.brokers.values.compactMap { $0.profile?.utilization }.max()
            throttled = report.brokers.values.reduce(0) { $0 + ($1.profile?.throttled ?? 0) }
        }
    }

    /// Runs the scenario file at `path` on each of `technologies`, in that order, in parallel.
    /// - Parameters:
    ///   - overrides: `--set` changes, applied to the workload before it is mapped.
    ///   - brokerInstances: broker instances billed by the hour for self-hosted technologies
    ///     (nil: their cost says "not priced").
    /// - Throws: `ScenarioErrors` when the workload itself is invalid (as `mqlab run` would
    ///   say); a technology that rejects its mapped form is an unsupported row instead.
    public static func run(path: String, technologies: [Technology], overrides: [ScenarioOverride] = [],
                           seed: UInt64? = nil, brokerInstances: Int? = nil,
                           workers: Int = Runner.defaultWorkers) throws(ScenarioErrors) -> Comparison {
        let (neutral, prepared) = try prepare(path: path, technologies: technologies, overrides: overrides, seed: seed)
        let runnable = prepared.compactMap { entry -> Scenario? in
            if case .success(let (scenario, _, _)) = entry.1 { return scenario } else { return nil }
        }
        let outcomes = Runner.parallel(runnable.count, workers: workers) { Runner.run(runnable[$0]) }
        var next = 0
        var rows: [Row] = []
        var sources: [[String: TechnologyMapping.BacklogSource]?] = []
        for (technology, entry) in prepared {
            switch entry {
            case .failure(let unsupported):
                rows.append(Row(technology: technology.rawValue, supported: false, reason: unsupported.reason, mapping: []))
                sources.append(nil)
            case .success(let (_, notes, queuesAsGroups)):
                let outcome = outcomes[next]
                next += 1
                var mapping = notes
                let cost = Self.cost(of: outcome.report, publishing: outcome.model.duration?.seconds, technology: technology,
                                     brokerInstances: brokerInstances, notes: &mapping)
                let judged = neutral.expectations.isEmpty ? nil : outcome.report.evaluate(neutral.expectations)
                rows.append(Row(technology: technology.rawValue, supported: true, reason: nil, mapping: mapping,
                                summary: Summary(outcome.report), cost: cost, expectations: judged, report: outcome.report))
                sources.append(Self.backlogSources(of: outcome.report, queuesAsGroups: queuesAsGroups))
            }
        }
        let streams = neutral.model.streams.map(\.name)
        let names = neutral.model.queues.map(\.name)
            + neutral.model.consumerGroups.map { "\(streams[$0.stream.index]) / \($0.name)" }
        let backlogs = names.map { name in Backlog(name: name, sources: sources.map { $0?[name] }) }
        return Comparison(scenario: neutral.name, description: neutral.description, seed: seed ?? neutral.model.seed,
                          results: rows, backlogs: backlogs)
    }

    /// Where each workload queue or stream group ("stream / group") has its backlog in `report`:
    /// a queue of the same name, the group a queue became (`queuesAsGroups`), or the same
    /// stream's group. A name with no counterpart in the report is absent.
    static func backlogSources(of report: Report, queuesAsGroups: [String: TechnologyMapping.BacklogSource])
        -> [String: TechnologyMapping.BacklogSource] {
        var sources: [String: TechnologyMapping.BacklogSource] = [:]
        for (name, broker) in report.brokers {
            if broker.routing == nil, broker.groups == nil { sources[name] = .init(broker: name, group: nil) }
            for group in (broker.groups ?? [:]).keys { sources["\(name) / \(group)"] = .init(broker: name, group: group) }
        }
        for (queue, source) in queuesAsGroups where report.brokers[source.broker]?.groups?[source.group ?? ""] != nil {
            sources[queue] = source
        }
        return sources
    }

    /// The rows that ran, best first: most requirements met, then the rows that keep up
    /// (`Row.keepsUp`), then the lowest list-price cost
    /// per month (rows without a price — self-hosted brokers with no instance count — after
    /// the priced ones), then the lowest end-to-end p99.
    public var ranking: [Row] {
        func met(_ row: Row) -> Int { row.expectations?.filter(\.passed).count ?? 0 }
        return results.filter(\.supported).sorted { a, b in
            if met(a) != met(b) { return met(a) > met(b) }
            if a.keepsUp != b.keepsUp { return a.keepsUp }
            switch (a.cost?.perMonth, b.cost?.perMonth) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.summary?.p99 ?? .infinity) < (b.summary?.p99 ?? .infinity)
            }
        }
    }

    /// The workload at `path` as read (after `overrides`), and its mapped scenario for each of
    /// `technologies`, or why there is none.
    /// - Throws: `ScenarioErrors` when the workload itself is invalid.
    /// Each success carries the mapped scenario, the mapping notes and the workload queues that
    /// became stream groups (`TechnologyMapping.Mapped.queuesAsGroups`).
    public static func prepare(path: String, technologies: [Technology], overrides: [ScenarioOverride] = [], seed: UInt64? = nil)
        throws(ScenarioErrors) -> (Scenario, [(Technology, Result<(Scenario, [String], [String: TechnologyMapping.BacklogSource]), TechnologyMapping.Unsupported>)]) {
        let neutral = try ScenarioLoader.load(path: path, overrides: overrides)
        // The workload after --set, as a JSON object the mapping can rewrite.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
              var document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ScenarioErrors([ScenarioError(file: path, path: "$", message: "expected a JSON object")])
        }
        if !overrides.isEmpty { document = try patch(document, overrides: overrides, file: path) }
        document["seed"] = NSNumber(value: seed ?? neutral.model.seed)

        var prepared: [(Technology, Result<(Scenario, [String], [String: TechnologyMapping.BacklogSource]), TechnologyMapping.Unsupported>)] = []
        for technology in technologies {
            switch TechnologyMapping.map(document, to: technology) {
            case .failure(let unsupported):
                prepared.append((technology, .failure(unsupported)))
            case .success(let mapped):
                do {
                    var scenario = try Scenario.decode(mapped.document, file: "\(path) as \(technology.rawValue)")
                    scenario.description = neutral.description
                    prepared.append((technology, .success((scenario, mapped.notes, mapped.queuesAsGroups))))
                } catch {
                    let reasons = error.errors.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
                    prepared.append((technology, .failure(.init(reason: "the mapped workload is beyond its limits: " + reasons))))
                }
            }
        }
        return (neutral, prepared)
    }

    /// `document` with `overrides` applied (what `mqlab run --set` reads).
    static func patch(_ document: [String: Any], overrides: [ScenarioOverride], file: String) throws(ScenarioErrors) -> [String: Any] {
        var root = JSONValue(foundation: document)
        for override in overrides {
            do {
                (root, _) = try override.apply(to: root, file: file)
            } catch {
                throw ScenarioErrors([error])
            }
        }
        return (root.foundation as? [String: Any]) ?? document
    }

    /// How an idle consumer of `technology` asks for messages, for the cost of empty receives.
    /// - Note: SQS: long polling with the 20 s maximum wait, which AWS recommends
    ///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html);
    ///   Azure Storage Queue through the Functions queue trigger, whose polls back off to one a
    ///   minute when the queue stays empty
    ///   (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#polling-algorithm);
    ///   the others are pushed to or hold a receive open.
    static func polling(_ technology: Technology) -> (PollingMode, String?) {
        switch technology {
        case .sqsStandard, .sqsFIFO, .sns:
            return (.longPolling(waitSeconds: 20), "cost: SQS consumers long-poll (20 s wait); short polling would bill an empty receive per poll")
        case .azureStorageQueue:
            return (.shortPolling(intervalSeconds: 60), "cost: idle consumers poll once a minute (the Functions trigger's backed-off interval)")
        default:
            return (.push, nil)
        }
    }

    /// The list-price cost of a row's run. The month is scaled from the publishing window
    /// (`publishing`, the scenario's duration, when it has one), not from the whole run: a
    /// technology that falls behind and drains for longer made the same calls for the same
    /// messages, and must not look cheaper per month for it.
    static func cost(of report: Report, publishing: Double?, technology: Technology, brokerInstances: Int?,
                     notes: inout [String]) -> Cost? {
        let window = min(publishing ?? report.simulatedSeconds, report.simulatedSeconds)
        let instances = report.consumers.values.reduce(0) { $0 + $1.instances }
        let idle = report.consumers.values.reduce(0.0) { $0 + Double($1.instances) * window * max(0, 1 - $1.utilization) }
        let (polling, note) = Self.polling(technology)
        // Receive calls the run simulated (consumers with receiveWait, pollInterval or batch)
        // are billed as counted; the estimate stands only where nothing was simulated.
        let simulated = report.brokers.keys.sorted().compactMap { report.brokers[$0]?.receives }
        if simulated.isEmpty, let note { notes.append(note) }
        let subscriptions: [BillableUsage.EndpointDeliveries] = technology == .sns
            ? [BillableUsage.EndpointDeliveries(.sqs, max(0, report.messages.delivered))] : []
        let figures = RunFigures(simulatedSeconds: window, published: report.messages.published,
                                 delivered: report.messages.delivered, acked: report.messages.acked,
                                 returned: report.messages.redeliveries, consumerInstances: instances,
                                 idleInstanceSeconds: idle, polling: polling, subscriptions: subscriptions,
                                 brokerInstances: brokerInstances)
        guard window > 0, var usage = try? CostModel.estimateUsage(figures, technology: technology) else { return nil }
        if !simulated.isEmpty {
            let calls = simulated.reduce(0) { $0 + $1.calls }, empty = simulated.reduce(0) { $0 + $1.empty }
            usage.receives = calls - empty
            usage.receiveBatchSize = 1
            usage.emptyReceives = empty
            notes.append("cost: \(calls) receive calls, \(empty) of them empty, as simulated (the consumers' receiveWait, pollInterval and batch)")
        }
        // Send batches as simulated: one request per batch.
        if technology != .sns, let producers = report.producers {
            let batched = producers.keys.sorted().compactMap { producers[$0]?.batching }
            if !batched.isEmpty {
                let messages = batched.reduce(0) { $0 + Int(($1.meanSize * Double($1.batches)).rounded()) }
                usage.sends = batched.reduce(0) { $0 + $1.batches } + max(0, report.messages.published - messages)
                usage.sendBatchSize = 1
            }
        }
        guard let cost = try? CostModel.cost(of: usage, technology: technology) else { return nil }
        // Nothing priced (a self-hosted broker without --broker-instances) is no cost at all,
        // not a cost of zero: say why instead.
        guard !cost.items.isEmpty else {
            notes.append("cost: " + (cost.notes.first ?? "not priced"))
            return nil
        }
        return cost
    }
}
