import SimulationKernel

/// How a point-to-point queue keeps its waiting messages and picks the next one to deliver:
/// the one place where a queue's discipline is chosen and its hooks are dispatched.
///
/// The queue core (PointToPointQueue.swift) owns what every queue has — the ledger, the depth,
/// the round-robin of consumers with credit, lazy deletion of entries whose message has left —
/// and runs `enqueueNow`, `requeue`, `dispatch` and `settle` the same way for every discipline.
/// A discipline supplies only these hooks, each dispatched below by one `switch` over the
/// closed enum (no existential, no witness table: each case is a direct call the compiler can
/// inline):
/// - `enqueue` (`disciplineEnqueue`): a new message joins; and `disciplineIsEmpty`, whether
///   nothing waits, so a new message may go straight to a consumer with credit;
/// - `requeue` (`disciplineRequeue`): a message in flight becomes visible again, at the head
///   (nack, visibility timeout) or at the tail (retry backoff);
/// - `next deliverable` (`nextDeliverable`): the message a delivery would take now, found
///   without taking it; entries that cannot be delivered are discarded on the way through the
///   core's `isDeliverable` / `discardUndeliverable`; and `disciplineDeliver`, which takes
///   that message and hands it to the consumer instance the core chose;
/// - `remove` (`disciplineRemove`): a message leaves the queue for good (settled); and
///   `disciplineRemoveOldest`, the message a full `dropHead` queue pushes out.
///
/// Policies compose with every discipline through these hooks and the core, never through a
/// discipline's own code: a TTL sets deadlines and expires messages in the core
/// (`enqueueNow`, `requeue`, Simulation+Expiry.swift) and expired entries are discarded by
/// `nextDeliverable`; a capacity asks `disciplineRemoveOldest` for the head to drop
/// (Simulation+FlowControl.swift); dead-lettering (a receive limit, expiry, overflow) is a
/// `settle` outcome, after which `disciplineRemove` runs.
///
/// The delay queue (SQS `DelaySeconds`, a producer's per-message `messageDelay`) and a
/// broker profile's publish latency and ingress are not disciplines: they are a stage before
/// `enqueueNow` (Simulation+BrokerEntry.swift) that holds a message back and then enqueues it
/// as if it had just arrived, so they compose with every discipline.
///
/// Adding a discipline: one file in this folder with its state (if any) and its hooks, a case
/// here, a line in each `switch` below, and its state made in `setUpDisciplines`.
enum QueueDiscipline: Equatable {
    /// First in, first out (`QueueState.ready`; FIFO.swift).
    case fifo
    /// Priority levels (RabbitMQ `x-max-priority`; Priority.swift); the index of the queue's
    /// `PriorityLevels` in `Storage.priority`.
    case priority(Int32)
    /// FIFO with message groups (SQS FIFO `MessageGroupId`, Service Bus sessions;
    /// MessageGroups.swift); the index of its `MessageGroups` in `Storage.groups`.
    case groups(Int32)
    /// Best-effort ordering (SQS standard queues; BestEffort.swift); the index of its
    /// `BestEffortQueue` in `Storage.bestEffort`.
    case bestEffort(Int32)

    /// The state the disciplines own, one entry per queue that has that discipline (indexed
    /// by the case's payload); plain FIFO queues own none.
    struct Storage {
        var priority: [PriorityLevels] = []
        var groups: [MessageGroups] = []
        var bestEffort: [BestEffortQueue] = []
    }
}

extension Simulation {
    /// Gives each queue its discipline and the discipline its state (called at the end of
    /// `init`, after `setUpOrdering`, which interns the keys message groups are made of).
    /// Message groups or best effort win over `maxPriority`: the scenario reader rejects the
    /// combination (QueueOrdering).
    mutating func setUpDisciplines() {
        for (q, configuration) in model.queues.enumerated() {
            switch configuration.ordering {
            case .fifo(messageGroups: true):
                queues[q].discipline = .groups(Int32(disciplines.groups.count))
                disciplines.groups.append(MessageGroups(groupCount: ordering.keyNames.count + 1))
            case .bestEffort(let reorder, let duplicate):
                queues[q].discipline = .bestEffort(Int32(disciplines.bestEffort.count))
                disciplines.bestEffort.append(BestEffortQueue(
                    reorderProbability: reorder, duplicateProbability: duplicate,
                    stream: RandomStream(seed: model.seed, .queue, configuration.name, .ordering)))
            case .fifo(messageGroups: false):
                if let maximum = configuration.maxPriority, maximum > 0 {
                    queues[q].discipline = .priority(Int32(disciplines.priority.count))
                    disciplines.priority.append(PriorityLevels(maxPriority: maximum))
                }
            }
        }
    }

    /// Whether nothing waits in queue `q`, so that a new message may go straight to a
    /// consumer with credit. Message groups and best effort always answer false: their
    /// deliveries go through `dispatch` (a group is locked, a copy may be left behind).
    @inline(__always) mutating func disciplineIsEmpty(_ q: Int) -> Bool {
        switch queues[q].discipline {
        case .fifo: return queues[q].ready.isEmpty
        case .priority(let d): return priorityIsEmpty(q, Int(d))
        case .groups, .bestEffort: return false
        }
    }

    /// A new message, state `ready`, starts waiting in queue `q` (the caller counts the depth
    /// and dispatches).
    @inline(__always) mutating func disciplineEnqueue(_ ref: MessageRef, into q: Int) {
        switch queues[q].discipline {
        case .fifo, .bestEffort: fifoEnqueue(ref, into: q)
        case .priority(let d): priorityEnqueue(ref, into: q, Int(d))
        case .groups(let d): groupsEnqueue(ref, Int(d))
        }
    }

    /// `ref`, just made `ready` again, waits in queue `q` again: at the head or at the tail.
    @inline(__always) mutating func disciplineRequeue(_ ref: MessageRef, in q: Int, atHead: Bool) {
        switch queues[q].discipline {
        case .fifo, .bestEffort: fifoRequeue(ref, in: q, atHead: atHead)
        case .priority(let d): priorityRequeue(ref, in: q, Int(d), atHead: atHead)
        case .groups(let d): groupsRequeue(ref, Int(d))
        }
    }

    /// The message queue `q` would deliver now, not taken yet; nil when none can be.
    /// Undeliverable entries met on the way are taken off and dealt with
    /// (`discardUndeliverable`: stale, expired, over the receive limit).
    @inline(__always) mutating func nextDeliverable(of q: Int) -> MessageRef? {
        switch queues[q].discipline {
        case .fifo, .bestEffort: return deliverableHead(of: q)
        case .priority(let d): return priorityNextDeliverable(of: q, Int(d))
        case .groups(let d): return groupsNextDeliverable(of: q, Int(d))
        }
    }

    /// Takes `ref`, just returned by `nextDeliverable(of: q)`, off queue `q` and hands it to
    /// instance `i`, just taken from the round-robin (best effort may hand the message behind
    /// it instead, and leave a copy behind).
    @inline(__always) mutating func disciplineDeliver(_ ref: MessageRef, to i: Int, from q: Int) {
        switch queues[q].discipline {
        case .fifo: fifoDeliver(ref, to: i, from: q)
        case .priority(let d): priorityDeliver(ref, to: i, from: q, Int(d))
        case .groups(let d): groupsDeliver(ref, to: i, from: q, Int(d))
        case .bestEffort(let d): bestEffortDeliver(ref, to: i, from: q, Int(d))
        }
    }

    /// `ref`, of queue `q`, is being settled (acked, dead-lettered, dropped, expired, lost):
    /// it leaves the queue for good. Entries still in a ring are deleted lazily, when they
    /// reach the head; a message group is unlocked.
    @inline(__always) mutating func disciplineRemove(_ ref: MessageRef, from q: Int) {
        switch queues[q].discipline {
        case .fifo, .priority, .bestEffort: return
        case .groups(let d): groupsRemove(ref, Int(d))
        }
    }

    /// Takes the message a full `dropHead` queue `q` pushes out off its ring: the oldest
    /// waiting one (of the lowest priority level); nil when none waits.
    mutating func disciplineRemoveOldest(from q: Int) -> MessageRef? {
        switch queues[q].discipline {
        case .fifo, .bestEffort: return fifoRemoveOldest(from: q)
        case .priority(let d): return fifoRemoveOldest(from: q) ?? priorityRemoveOldest(from: q, Int(d))
        // The scenario reader rejects a capacity on a queue with message groups.
        case .groups: return nil
        }
    }
}
