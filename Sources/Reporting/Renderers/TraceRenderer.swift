import Foundation
import MessagingModels

/// Renders the steps of a run's trace (`mqlab trace`): as aligned text lines, as JSON lines
/// (one object per step), or as a Mermaid sequence diagram of the messages' journeys, which
/// GitHub and most Markdown viewers draw.
public enum TraceRenderer {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, mermaid
    }

    public static func render(_ entries: [TraceEntry], as format: Format) -> String {
        switch format {
        case .text: return text(entries)
        case .json: return json(entries)
        case .mermaid: return mermaid(entries)
        }
    }

    /// "time [s]  event  message  entity" and one line per step; a dead-lettering ends with
    /// the message's x-death history (`XDeathHistory`).
    static func text(_ entries: [TraceEntry]) -> String {
        var history = XDeathHistory()
        return "time [s]  event  message  entity\n" + entries.map {
            let line = "\(seconds($0.time.seconds))  \($0.kind)  \($0.messageID == 0 ? "-" : "m\($0.messageID)")  \($0.entity)"
            return history.record($0).map { line + "  " + XDeathHistory.describe($0) } ?? line
        }.joined(separator: "\n") + "\n"
    }

    /// One JSON object per line: `{"time": s, "kind", "message": id or null, "entity", "queue"?,
    /// "key"?, "xDeath"?}` with sorted keys: `key` on the step that publishes a keyed message,
    /// `xDeath` (`[{queue, reason, count}]`, most recent first) on dead-letterings only.
    static func json(_ entries: [TraceEntry]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var history = XDeathHistory()
        return entries.map { entry in
            let step = Step(time: entry.time.seconds, kind: entry.kind, message: entry.messageID == 0 ? nil : entry.messageID,
                            entity: entry.entity, queue: entry.queue.isEmpty ? nil : entry.queue,
                            key: entry.key, xDeath: history.record(entry))
            return (try? encoder.encode(step)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }.joined(separator: "\n") + "\n"
    }

    private struct Step: Encodable {
        var time: Double
        var kind: String
        var message: UInt64?
        var entity: String
        var queue: String?
        var key: String?
        var xDeath: [XDeathHistory.Death]?
    }

    /// A Mermaid `sequenceDiagram`: participants in order of appearance (producers, brokers,
    /// consumer instances); a publish, delivery, ack or nack is an arrow, what happens at one
    /// participant (start, failure, timeout, dead-lettering, expiry, delay, crash) a note.
    static func mermaid(_ entries: [TraceEntry]) -> String {
        var participants: [String] = []
        var aliases: [String: String] = [:]
        func alias(_ name: String) -> String {
            if let known = aliases[name] { return known }
            let made = "p\(participants.count)"
            participants.append(name)
            aliases[name] = made
            return made
        }
        // The consumer instance that last took each message, for its ack or nack.
        var holder: [UInt64: String] = [:]
        var lines: [String] = []
        for entry in entries {
            let label = (entry.messageID == 0 ? "" : "m\(entry.messageID) ") + entry.kind + " at \(seconds(entry.time.seconds)) s"
            let broker = entry.queue.isEmpty ? nil : entry.queue
            switch entry.kind {
            case "publish", "republish", "reply":
                let from = alias(entry.entity)
                lines.append("    \(from)->>\(alias(broker ?? "broker")): \(label)")
            case "route":
                // A topic or exchange copies the message into one of its queues.
                lines.append("    \(alias(entry.entity))->>\(alias(broker ?? "queue")): \(label)")
            case "deliver":
                let from = alias(broker ?? "broker")
                holder[entry.messageID] = entry.entity
                lines.append("    \(from)->>\(alias(entry.entity)): \(label)")
            case "ack", "lateAck":
                // The instance whose ack reached the broker (a late one changes nothing).
                lines.append("    \(alias(entry.entity))->>\(alias(broker ?? "broker")): \(label)")
            case "requeue", "retry":
                let queue = alias(entry.entity)
                if let instance = holder[entry.messageID] {
                    lines.append("    \(alias(instance))->>\(queue): \(label)")
                } else {
                    lines.append("    Note over \(queue): \(label)")
                }
            default:
                lines.append("    Note over \(alias(entry.entity)): \(label)")
            }
        }
        let header = participants.enumerated().map { "    participant p\($0.offset) as \(quoted($0.element))" }
        return (["sequenceDiagram"] + header + lines).joined(separator: "\n") + "\n"
    }

    /// A participant name with the characters Mermaid reads as syntax written as its entity
    /// codes (`#35;` for "#", `#59;` for ";").
    static func quoted(_ name: String) -> String {
        name.map { $0 == "#" ? "#35;" : $0 == ";" ? "#59;" : String($0) }.joined()
    }

    /// Seconds with nanosecond precision, trailing zeros removed ("1.5", "0.000001").
    public static func seconds(_ s: Double) -> String {
        var text = String(format: "%.9f", s)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
