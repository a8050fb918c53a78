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

/// The x-death history of dead-lettered messages in `mqlab trace`.
@Suite struct XDeathTraceTests {
    static func step(_ ms: Int64, _ kind: String, _ entity: String, message: UInt64 = 7) -> TraceEntry {
        TraceEntry(time: SimTime(nanoseconds: ms * 1_000_000), kind: kind, messageID: message, entity: entity)
    }

    /// A message rejected from `work`, expired from `wait` back into `work`, rejected again:
    /// the (work, rejected) entry counts 2 and moves to the front, as RabbitMQ records it.
    @Test func deadLetteringsShowTheHistoryMostRecentFirst() {
        let entries = [
            Self.step(0, "publish", "shop"),
            Self.step(10, "deadLetter:rejected", "work"),
            Self.step(20, "deadLetter:expired", "wait"),
            Self.step(30, "deadLetter:rejected", "work"),
            Self.step(40, "deadLetter:deliveryLimit", "other", message: 8),
        ]
        #expect(TraceRenderer.render(entries, as: .text) == """
        time [s]  event  message  entity
        0  publish  m7  shop
        0.01  deadLetter:rejected  m7  work  x-death: work rejected ×1
        0.02  deadLetter:expired  m7  wait  x-death: wait expired ×1, work rejected ×1
        0.03  deadLetter:rejected  m7  work  x-death: work rejected ×2, wait expired ×1
        0.04  deadLetter:deliveryLimit  m8  other  x-death: other delivery_limit ×1

        """)
        let json = TraceRenderer.render(entries, as: .json).split(separator: "\n")
        #expect(json[0] == #"{"entity":"shop","kind":"publish","message":7,"time":0}"#)
        #expect(json[3] == #"{"entity":"work","kind":"deadLetter:rejected","message":7,"time":0.03,"xDeath":[{"count":2,"queue":"work","reason":"rejected"},{"count":1,"queue":"wait","reason":"expired"}]}"#)
    }
}
