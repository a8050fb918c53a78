/// What a message published through a template, a topic, an exchange or a chain carries
/// besides its `MessageRecord`: its routing key and headers (as a template variant) and its
/// correlation id.
///
/// Kept in a table beside the records (`MessageArena.tags`), written only for such messages,
/// so that plain queue traffic moves no extra bytes per message; `MessageArena.tag(of:)` gives
/// every message a tag (template 0, variant 0, its own id) whether it was tagged or not.
public struct MessageTag: Sendable, Equatable {
    /// Index of its `MessageTemplate` in the simulation's template table (0 is
    /// `MessageTemplate.empty`) and the variant drawn from it.
    public var template: Int32
    public var variant: Int32
    /// Id of the message that started its chain (its own id for a producer's message): the
    /// correlation id of requests and replies, and the saga id.
    public var correlationID: UInt64

    public init(template: Int32, variant: Int32, correlationID: UInt64) {
        self.template = template
        self.variant = variant
        self.correlationID = correlationID
    }
}

extension MessageArena {
    /// Stores a tagged message and returns its reference.
    public mutating func allocate(_ record: MessageRecord, tag: MessageTag) -> MessageRef {
        var tagged = record
        tagged.isTagged = true
        let ref = allocate(tagged)
        let slot = Int(ref.slot)
        if tags.count <= slot {
            tags.append(contentsOf: repeatElement(MessageTag(template: 0, variant: 0, correlationID: 0), count: slot + 1 - tags.count))
        }
        tags[slot] = tag
        return ref
    }

    /// The tag of a stored message: what it was allocated with, or (template 0, variant 0, its
    /// own id) for a plain message.
    public func tag(of ref: MessageRef) -> MessageTag {
        let record = records[Int(ref.slot)]
        return record.isTagged ? tags[Int(ref.slot)] : MessageTag(template: 0, variant: 0, correlationID: record.id)
    }
}
