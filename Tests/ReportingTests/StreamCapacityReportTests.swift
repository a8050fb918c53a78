import Foundation
import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

/// A stream with a capacity in the report: `brokers.<stream>.profile`, each partition's
/// utilization, records still waiting in the ledger, and the text lines.
@Suite struct StreamCapacityReportTests {
    /// 4 records of 100 bytes sent at 0.1 … 0.4 s to one partition of 5 msg/s and 1,000
    /// bytes/s (0.2 s each): appended at 0.3, 0.5, 0.7 and 0.9 s; nobody reads them.
    static func report(drainTimeout: Double = 3600) -> Report {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: 10), count: 4)
        producer.streamTarget = StreamPublishing(stream: StreamID(0))
        producer.messageSizeBytes = 100
        var model = SystemModel(name: "capacity", seed: 1, drainTimeout: SimDuration(seconds: drainTimeout), queues: [],
                                producers: [producer], consumers: [])
        var stream = StreamModels.stream("events", partitions: 1)
        stream.capacity = IngressCapacity(messagesPerSecond: 5, bytesPerSecond: 1_000)
        model.streams = [stream]
        return TestModels.report(model)
    }

    @Test func theProfileShowsEachPartitionsCapacityAndUse() throws {
        let r = Self.report()
        #expect(r.simulatedSeconds == 0.9)
        let events = try #require(r.brokers["events"])
        let profile = try #require(events.profile)
        #expect(profile.messagesPerSecond == 5 && profile.bytesPerSecond == 1_000)
        // Busy 4 × 0.2 s of the 0.9 s run; three records waited 0.1, 0.2 and 0.3 s.
        #expect(abs((profile.utilization ?? 0) - 0.8 / 0.9) < 1e-9)
        #expect(profile.waited == 3 && abs(profile.waitMeanSeconds - 0.2) < 1e-9)
        #expect(abs((profile.publishLatency?.max ?? 0) - 0.5) < 1e-9)
        #expect(profile.deliverLatencyMeanSeconds == nil && profile.throttled == nil)
        #expect(abs((events.partitions?[0].utilization ?? 0) - 0.8 / 0.9) < 1e-9)
        #expect(events.pendingIngress == 0)
        let text = try TextRenderer().render([r])
        #expect(text.contains("ingress 5.00/s and 1.00 kB/s, busy 88.9%, 3 waited (mean 200 ms)"))
        #expect(text.contains("partition 0: 4 records · ingress busy 88.9%"))
    }

    @Test func recordsStillWaitingAreRemainingInTheLedger() throws {
        // The run stops when the producer does (0.4 s, no drain): one record appended.
        let r = Self.report(drainTimeout: 0)
        let events = try #require(r.brokers["events"])
        #expect(events.enqueued == 1 && events.pendingIngress == 3)
        #expect(r.ledger.destinations["events"] == Report.LedgerEntry(
            kind: "stream", entered: 4, acked: 1, deadLettered: 0, expired: 0, dropped: 0, lost: 0, remaining: 3, balanced: true))
        #expect(r.ledger.balanced && r.messages.remaining == 3)
        #expect(try TextRenderer().render([r]).contains("records still waiting for their partition's ingress: 3"))
    }

    @Test func byteRatesAreWrittenInDecimalUnits() {
        #expect(Formatting.bytesRate(33_733_900) == "33.7 MB/s")
        #expect(Formatting.bytesRate(38_000_000) == "38.0 MB/s")
        #expect(Formatting.bytesRate(2_500_000_000) == "2.50 GB/s")
        #expect(Formatting.bytesRate(512) == "512 B/s")
    }
}
