import MessagingModels

/// The `x-death` header RabbitMQ keeps on a dead-lettered message, rebuilt from a trace: one
/// entry per (queue, reason) the message died from, most recent first; dying again from the
/// same queue for the same reason counts that entry up and moves it to the front.
///
/// Reasons use RabbitMQ's names where it has one (`rejected`, `expired`, `maxlen`,
/// `delivery_limit`) and mqlab's otherwise (`maxReceiveCount`, SQS's redrive). Copies of one
/// message fanned out by a dead-letter exchange share its id, so their histories are merged.
///
/// - Note: Source: RabbitMQ documentation, "Dead Letter Exchanges", Dead-Lettered Messages
///   (https://www.rabbitmq.com/docs/dlx: the `x-death` array, its `queue`, `reason` and `count`
///   fields, and the most recent entry first).
struct XDeathHistory {
    struct Death: Encodable, Equatable {
        var queue: String
        var reason: String
        var count: Int
    }

    private var deaths: [UInt64: [Death]] = [:]

    /// The trace kind of a dead-lettering step starts with this, followed by the reason.
    static let stepPrefix = "deadLetter:"

    /// RabbitMQ's name of an mqlab dead-letter reason.
    static func rabbitReason(_ reason: String) -> String {
        reason == "deliveryLimit" ? "delivery_limit" : reason
    }

    /// Records `entry` if it is a dead-lettering, and returns the message's history after it
    /// (nil for other steps).
    mutating func record(_ entry: TraceEntry) -> [Death]? {
        guard entry.kind.hasPrefix(Self.stepPrefix), entry.messageID != 0 else { return nil }
        let reason = Self.rabbitReason(String(entry.kind.dropFirst(Self.stepPrefix.count)))
        var list = deaths[entry.messageID] ?? []
        var death = Death(queue: entry.entity, reason: reason, count: 1)
        if let k = list.firstIndex(where: { $0.queue == entry.entity && $0.reason == reason }) {
            death.count = list[k].count + 1
            list.remove(at: k)
        }
        list.insert(death, at: 0)
        deaths[entry.messageID] = list
        return list
    }

    /// "x-death: orders-dlq expired ×1, orders rejected ×2".
    static func describe(_ list: [Death]) -> String {
        "x-death: " + list.map { "\($0.queue) \($0.reason) ×\($0.count)" }.joined(separator: ", ")
    }
}
