import MessagingModels

/// The brokers of a scenario by name, kind and index within their kind, read ahead of the
/// broker list so that bindings, subscriptions and alternate exchanges may refer to brokers
/// defined later in the file.
///
/// Built from the raw JSON without reporting anything (the broker list reports its own
/// problems). Indices agree with the configurations the reader builds whenever the file is
/// valid, which is the only case in which a model is built.
struct BrokerDirectory {
    /// What a broker is, as far as references go.
    enum Kind: String {
        case queue, topic, exchange, stream

        /// The kind a broker `type` string builds (unknown and unimplemented types count as
        /// queues, which is what the reader builds for them before rejecting the file).
        init(type: String) {
            self = Kind(rawValue: type) ?? .queue
        }

        var article: String { self == .exchange ? "an exchange" : "a \(rawValue)" }
    }

    struct Entry {
        var name: String
        var kind: Kind
        /// Index among brokers of the same kind.
        var index: Int
    }

    private(set) var entries: [Entry] = []
    /// File index of the first broker of each name.
    private var firstByName: [String: Int] = [:]

    init(brokers: JSONValue?) {
        guard case .array(let list)? = brokers else { return }
        var counts: [Kind: Int] = [:]
        for value in list {
            var name = ""
            var type = "queue"
            if case .object(let fields) = value {
                if case .string(let s)? = fields["name"] { name = s }
                if case .string(let s)? = fields["type"] { type = s }
            }
            let kind = Kind(type: type)
            if !name.isEmpty && firstByName[name] == nil { firstByName[name] = entries.count }
            entries.append(Entry(name: name, kind: kind, index: counts[kind, default: 0]))
            counts[kind, default: 0] += 1
        }
    }

    /// The first broker called `name`.
    /// - Complexity: O(1).
    func entry(named name: String) -> Entry? { index(named: name).map { entries[$0] } }

    /// File index of the first broker called `name`.
    /// - Complexity: O(1).
    func index(named name: String) -> Int? { firstByName[name] }

    /// The destination a publish to broker number `broker` (file order) goes to.
    func destination(ofBroker broker: Int) -> Destination {
        let entry = entries[broker]
        switch entry.kind {
        case .queue: return .queue(QueueID(entry.index))
        // A stream producer or consumer is read through `streamTarget` or `membership`; its
        // destination is not used.
        case .stream: return .queue(QueueID(0))
        case .topic: return .topic(TopicID(entry.index))
        case .exchange: return .exchange(ExchangeID(entry.index))
        }
    }

    /// Names of the brokers of `kind`, in file order.
    func names(of kind: Kind) -> [String] {
        entries.filter { $0.kind == kind && !$0.name.isEmpty }.map(\.name)
    }
}
