import MessagingModels

/// What a `publishTo` or `consumeFrom` names: a broker of some kind.
struct BrokerReference {
    enum Kind { case queue(QueueID), stream(StreamID) }
    var name: String
    var kind: Kind
}
