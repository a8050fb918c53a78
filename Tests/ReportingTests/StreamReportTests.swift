import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

@Suite struct StreamReportTests {
    /// 10 records, 1 s apart, round-robin over 2 partitions; one group of one member
    /// (0.5 s per record) committing after each record, one group that leaves at once.
    static func report() -> Report {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 1), count: 10)
        producer.streamTarget = StreamPublishing(stream: StreamID(0))
        var reader = ConsumerConfiguration(name: "reader", source: QueueID(0), service: .constant(0.5))
        reader.membership = GroupMembership(group: GroupID(0))
        var quitter = ConsumerConfiguration(name: "quitter", source: QueueID(0), service: .constant(0.5))
        quitter.membership = GroupMembership(group: GroupID(1), leaveAt: SimTime.zero + SimDuration(seconds: 0.5))
        var model = SystemModel(name: "stream", seed: 1, drainTimeout: .zero, queues: [], producers: [producer],
                                consumers: [reader, quitter])
        model.streams = [StreamModels.stream("events", partitions: 2, partitioner: .roundRobin)]
        model.consumerGroups = [
            StreamModels.group("g", commit: .afterProcessing),
            StreamModels.group("idle"),
        ]
        return TestModels.report(model)
    }

    @Test func partitionsGroupsAndLedger() throws {
        let r = Self.report()
        let events = try #require(r.brokers["events"])
        #expect(events.type == "stream" && events.enqueued == 10)
        let partitions = try #require(events.partitions)
        #expect(partitions.map(\.enqueued) == [5, 5])
        // The reader committed all but the record published at 10 s (partition 1), still in
        // progress when the run ends; the idle group committed nothing.
        #expect(partitions.map { $0.lag["g"]?.final } == [0, 1])
        #expect(partitions.map { $0.lag["idle"]?.final } == [5, 5])
        #expect(partitions.map { $0.lag["idle"]?.max } == [5, 5])
        // The idle group's oldest records were published at 1 s (partition 0) and 2 s; the run
        // ends at 10 s, when the last producer stops (drain timeout 0).
        #expect(r.simulatedSeconds == 10)
        #expect(partitions.map { $0.lagSeconds["idle"]?.final } == [9, 8])
        let g = try #require(events.groups?["g"])
        #expect(g.entered == 10 && g.committed == 9 && g.remaining == 1 && g.members == 1 && g.rebalances == 0)
        #expect(r.ledger.destinations["events/g"] == Report.LedgerEntry(
            kind: "group", entered: 10, acked: 9, deadLettered: 0, expired: 0, dropped: 0, lost: 0, remaining: 1, balanced: true))
        #expect(r.ledger.destinations["events/idle"]?.remaining == 10)
        #expect(r.ledger.destinations["events"] == Report.LedgerEntry(
            kind: "stream", entered: 10, acked: 10, deadLettered: 0, expired: 0, dropped: 0, lost: 0, remaining: 0, balanced: true))
        #expect(r.ledger.balanced)
        #expect(r.messages.remaining == 11 && r.messages.acked == 9)
        #expect(events.groups?["idle"]?.rebalances == 1)
    }

    @Test func queueBrokersHaveNoStreamKeys() throws {
        let json = try JSONRenderer().render([ReportTests.smallReport()])
        #expect(!json.contains("\"partitions\""))
        #expect(!json.contains("\"groups\""))
        #expect(!json.contains("duplicateAppends"))
    }

    /// Six partitions, three `billing` instances and `billing-extra` joining at 5 s (one
    /// rebalance): the range assignor in name order ('#' sorts before '-') gives the first two
    /// members two partitions each.
    static func assignmentReport() -> Report {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 100)
        producer.streamTarget = StreamPublishing(stream: StreamID(0))
        var billing = ConsumerConfiguration(name: "billing", source: QueueID(0), instances: 3, service: .constant(0.01))
        billing.membership = GroupMembership(group: GroupID(0))
        var extra = ConsumerConfiguration(name: "billing-extra", source: QueueID(0), service: .constant(0.01))
        extra.membership = GroupMembership(group: GroupID(0), joinAt: SimTime.zero + SimDuration(seconds: 5))
        var model = SystemModel(name: "stream", seed: 1, queues: [], producers: [producer], consumers: [billing, extra])
        model.streams = [StreamModels.stream("events", partitions: 6, partitioner: .roundRobin)]
        model.consumerGroups = [StreamModels.group("billing")]
        return TestModels.report(model)
    }

    @Test("each group's final assignment is in the JSON, text and Markdown reports, in member order")
    func assignmentIsReported() throws {
        let r = Self.assignmentReport()
        let g = try #require(r.brokers["events"]?.groups?["billing"])
        #expect(g.rebalances == 1 && g.members == 4)
        #expect(g.assignment == [
            Report.AssignmentFigures(member: "billing#0", partitions: [0, 1]),
            Report.AssignmentFigures(member: "billing#1", partitions: [2, 3]),
            Report.AssignmentFigures(member: "billing#2", partitions: [4]),
            Report.AssignmentFigures(member: "billing-extra", partitions: [5]),
        ])
        let json = try JSONRenderer().render([r])
        #expect(json.contains(#""assignment" : [\#n"#) || json.contains(#""assignment":["#))
        #expect(try JSONDecoder().decode(Report.self, from: Data(json.utf8)) == r)
        let text = try TextRenderer().render([r])
        #expect(text.contains("assignment: billing#0 → 0–1 · billing#1 → 2–3 · billing#2 → 4 · billing-extra → 5"))
        let markdown = try MarkdownRenderer().render([r])
        #expect(markdown.contains("| billing | billing#0 | 0–1 |"))
        #expect(markdown.contains("| billing | billing-extra | 5 |"))
    }

    @Test("partition lists are shown as ranges; long member lists are cut")
    func assignmentLines() {
        #expect(AssignmentLines.ranges([]) == "none")
        #expect(AssignmentLines.ranges([4]) == "4")
        #expect(AssignmentLines.ranges([0, 1, 2, 5, 7, 8]) == "0–2, 5, 7–8")
        let many = (0..<30).map { Report.AssignmentFigures(member: "c#\($0)", partitions: [$0]) }
        let summary = AssignmentLines.summary(many)
        #expect(summary.hasPrefix("c#0 → 0 · c#1 → 1 · "))
        #expect(summary.hasSuffix("c#23 → 23 · … 6 more members"))
        #expect(AssignmentLines.summary([]) == "no members")
    }

    @Test func textAndMarkdownShowTheGroups() throws {
        let text = try TextRenderer().render([Self.report()])
        #expect(text.contains("group g ×1 · committed 9"))
        #expect(text.contains("partition 0: 5 records · lag max (g) ") && text.contains("partition 1: 5 records · lag max (g) "))
        let markdown = try MarkdownRenderer().render([Self.report()])
        #expect(markdown.contains("| g | 1 | 0 | 9 | 0 | 1 | 0 |"))
    }
}
