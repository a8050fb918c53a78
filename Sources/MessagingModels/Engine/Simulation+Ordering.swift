import SimulationKernel

/// A message's key and its sequence number among the messages of that key.
struct KeyStamp {
    /// Global key id (`OrderingState.keyNames` index); -1 = no key.
    var key: Int32
    /// 1, 2, 3 … per key, in publish order across all producers.
    var sequence: Int32

    static let none = KeyStamp(key: -1, sequence: 0)
}

/// Message keys on queues, per-key sequence numbers and the ordering-violation counters;
/// also the state of resequencers. (Best-effort and message-group queues keep theirs in their
/// discipline, Brokers/Disciplines/.)
///
/// Keys live in side arrays indexed by arena slot, grown on demand, so `MessageRecord` does
/// not grow. Nothing here costs anything unless some producer gives queue messages keys
/// (`active`), a queue is not plain FIFO, or a consumer resequences.
struct OrderingState {
    /// Whether some producer publishes keyed messages to a queue, topic or exchange: every
    /// message allocated then gets a stamp (keyed or `.none`).
    var active = false
    /// Key names by global id: a key's identity is its string, the same name from two
    /// producers is one key.
    var keyNames: [String] = []
    /// Global key id of each key index of each producer (indexed like `SystemModel.producers`).
    var keyIDs: [[Int32]] = []
    /// Key sampler and key stream of each producer instance (indexed like the instances).
    var samplers: [KeySampler] = []
    var keyStreams: [RandomStream] = []
    /// Last sequence number given out, by key id.
    var lastSequence: ContiguousArray<Int32> = []
    /// Key id, sequence number and "already counted as a violation" of the message in each
    /// arena slot.
    var keys: ContiguousArray<Int32> = []
    var sequences: ContiguousArray<Int32> = []
    var violated: ContiguousArray<Bool> = []
    /// Per queue (indexed by `QueueID`): highest sequence applied so far by key id, by the
    /// consumers of that queue together (competing consumers do one job; copies of a message
    /// in other queues feed other applications); empty until the first keyed message.
    var applied: [ContiguousArray<Int32>] = []
    var consumerViolations: [Int] = []
    /// Violations of the messages of each queue (indexed by `QueueID`), and in all.
    var queueViolations: [Int] = []
    var violations = 0
    /// Resequencers (`resequencerIndex` by consumer, -1 = none).
    var resequencerIndex: [Int32] = []
    var resequencers: [Resequencer] = []
    /// Messages waiting in some resequencer: the run goes on until their windows run out.
    var resequencing = 0
}

extension Simulation {
    /// Interns the producers' keys, prepares key samplers and resequencers (called at the end
    /// of `init`, before `setUpDisciplines`, which gives group queues one group per key).
    mutating func setUpOrdering() {
        var ids: [String: Int32] = [:]
        ordering.keyIDs = model.producers.map { producer in
            (0..<producer.keys.count).map { index -> Int32 in
                let name = producer.keys.name(index)
                if let id = ids[name] { return id }
                let id = Int32(ordering.keyNames.count)
                ids[name] = id
                ordering.keyNames.append(name)
                return id
            }
        }
        ordering.active = !ordering.keyNames.isEmpty
        ordering.lastSequence = ContiguousArray(repeating: 0, count: ordering.keyNames.count)
        if ordering.active {
            for instance in producers {
                ordering.samplers.append(KeySampler(model.producers[instance.producer].keys))
                ordering.keyStreams.append(RandomStream(seed: model.seed, .producer, instance.name, .keys))
            }
        }
        ordering.applied = queues.map { _ in [] }
        ordering.consumerViolations = model.consumers.map { _ in 0 }
        ordering.queueViolations = queues.map { _ in 0 }
        ordering.resequencerIndex = model.consumers.map { consumer in
            guard let policy = consumer.resequence else { return -1 }
            ordering.resequencers.append(Resequencer(window: policy.window))
            return Int32(ordering.resequencers.count - 1)
        }
    }

    /// The key and next sequence number of a message producer instance `i` publishes now
    /// (`.none` if the producer has no keys). Keys are drawn from the instance's own stream, so
    /// adding keys does not change when messages are published.
    mutating func drawKey(forProducerInstance i: Int) -> KeyStamp {
        guard ordering.samplers[i].count > 0 else { return .none }
        let index = ordering.samplers[i].next(&ordering.keyStreams[i])
        return nextStamp(forKey: ordering.keyIDs[producers[i].producer][index])
    }

    /// The key and next sequence number of a message made with producer instance `i`'s keys
    /// but drawn from `stream` (a queue's initial backlog).
    mutating func drawKey(likeProducerInstance i: Int, from stream: inout RandomStream) -> KeyStamp {
        guard ordering.samplers[i].count > 0 else { return .none }
        let index = ordering.samplers[i].next(&stream)
        return nextStamp(forKey: ordering.keyIDs[producers[i].producer][index])
    }

    private mutating func nextStamp(forKey key: Int32) -> KeyStamp {
        ordering.lastSequence[Int(key)] &+= 1
        return KeyStamp(key: key, sequence: ordering.lastSequence[Int(key)])
    }

    /// Gives the message in `ref`'s slot its key and sequence (`.none`: no key). Called for
    /// every message allocated while `ordering.active`, so a reused slot never keeps the key
    /// of the message that had it before.
    mutating func stamp(_ ref: MessageRef, with stamp: KeyStamp) {
        let slot = Int(ref.slot)
        if ordering.keys.count <= slot {
            let missing = slot + 1 - ordering.keys.count
            ordering.keys.append(contentsOf: repeatElement(-1, count: missing))
            ordering.sequences.append(contentsOf: repeatElement(0, count: missing))
            ordering.violated.append(contentsOf: repeatElement(false, count: missing))
        }
        ordering.keys[slot] = stamp.key
        ordering.sequences[slot] = stamp.sequence
        ordering.violated[slot] = false
    }

    /// The name of `stamp`'s key ("" for `.none`), for traces.
    func keyName(_ stamp: KeyStamp) -> String? {
        stamp.key >= 0 && Int(stamp.key) < ordering.keyNames.count ? ordering.keyNames[Int(stamp.key)] : nil
    }

    /// The key and sequence of `ref` (`.none` when it has no key or no producer has keys).
    mutating func keyStamp(of ref: MessageRef) -> KeyStamp {
        let slot = Int(ref.slot)
        guard slot < ordering.keys.count else { return .none }
        return KeyStamp(key: ordering.keys[slot], sequence: ordering.sequences[slot])
    }

    /// A processing attempt of `ref` by instance `i` succeeded: its effect is applied now, or,
    /// for a resequencing consumer, when the resequencer releases it.
    mutating func processedInOrder(_ ref: MessageRef, by i: Int) {
        let stamp = keyStamp(of: ref)
        guard stamp.key >= 0 else { return }
        let c = instances[i].consumer
        let r = Int(ordering.resequencerIndex[c])
        if r >= 0 {
            resequence(stamp, queue: messages[ref].queue, measured: messages[ref].measured, consumer: c, resequencer: r)
        } else {
            apply(stamp, consumer: c, queue: messages[ref].queue.index, slot: Int(ref.slot))
        }
    }

    /// Consumer `c` applies the effect of a keyed message of queue `q`: one violation if a
    /// message of the same key with a higher sequence was applied before by a consumer of that
    /// queue (at most once per message when `slot` is given).
    mutating func apply(_ stamp: KeyStamp, consumer c: Int, queue q: Int, slot: Int?) {
        if ordering.applied[q].isEmpty {
            ordering.applied[q] = ContiguousArray(repeating: 0, count: ordering.keyNames.count)
        }
        let key = Int(stamp.key)
        if stamp.sequence < ordering.applied[q][key] {
            if let slot {
                if ordering.violated[slot] { return }
                ordering.violated[slot] = true
            }
            ordering.violations += 1
            ordering.consumerViolations[c] += 1
            ordering.queueViolations[q] += 1
        } else {
            ordering.applied[q][key] = stamp.sequence
        }
    }

    /// The ordering figures of the run; nil when no producer has keys, every queue is plain
    /// FIFO and no consumer resequences.
    mutating func closeOrdering() -> OrderingMetrics? {
        guard ordering.active || model.queues.contains(where: { $0.ordering != .fifo }) || !ordering.resequencers.isEmpty
        else { return nil }
        releaseResequencersAtEnd()
        var figures = OrderingMetrics()
        figures.violations = ordering.violations
        figures.queues = model.queues.enumerated().map { q, configuration in
            var queue = OrderingMetrics.Queue(mode: configuration.ordering.mode, violations: ordering.queueViolations[q])
            switch queues[q].discipline {
            case .bestEffort(let d):
                queue.reordered = disciplines.bestEffort[Int(d)].reordered
                queue.duplicated = disciplines.bestEffort[Int(d)].duplicated
            case .groups(let d):
                queue.groups = disciplines.groups[Int(d)].groupsSeen
                queue.maxGroupsInFlight = disciplines.groups[Int(d)].maxLocked
            case .fifo, .priority:
                break
            }
            return queue
        }
        figures.consumers = model.consumers.enumerated().map { c, consumer in
            guard consumer.membership == nil else { return nil }
            let r = Int(ordering.resequencerIndex[c])
            return OrderingMetrics.Consumer(
                violations: ordering.consumerViolations[c],
                resequencing: r >= 0 ? ordering.resequencers[r].metrics : nil)
        }
        return figures
    }
}
