import Testing
import MessagingModels
import SimulationKernel
@testable import Reporting

/// The Mermaid journey of a message that fails, is requeued and dead-lettered.
@Suite struct TraceRendererTests {
    static func step(_ ms: Int64, _ kind: String, _ entity: String, queue: String = "orders") -> TraceEntry {
        TraceEntry(time: SimTime(nanoseconds: ms * 1_000_000), kind: kind, messageID: 5, entity: entity, queue: queue)
    }

    @Test func nacksAndDeadLetteringBecomeArrowsAndNotes() {
        let entries = [
            Self.step(0, "publish", "shop"), Self.step(0, "deliver", "workers#0"), Self.step(0, "start", "workers#0"),
            Self.step(10, "fail", "workers#0"), Self.step(10, "requeue", "orders"),
            Self.step(10, "deadLetter:maxReceiveCount", "orders"), Self.step(20, "deliver", "parking#0", queue: "orders-dlq"),
            TraceEntry(time: SimTime(nanoseconds: 30_000_000), kind: "crash", messageID: 0, entity: "parking#0"),
        ]
        #expect(TraceRenderer.render(entries, as: .mermaid) == """
        sequenceDiagram
            participant p0 as shop
            participant p1 as orders
            participant p2 as workers#35;0
            participant p3 as orders-dlq
            participant p4 as parking#35;0
            p0->>p1: m5 publish at 0 s
            p1->>p2: m5 deliver at 0 s
            Note over p2: m5 start at 0 s
            Note over p2: m5 fail at 0.01 s
            p2->>p1: m5 requeue at 0.01 s
            Note over p1: m5 deadLetter:maxReceiveCount at 0.01 s
            p3->>p4: m5 deliver at 0.02 s
            Note over p4: crash at 0.03 s

        """)
        #expect(TraceRenderer.quoted("a;b#c") == "a#59;b#35;c")
    }
}
