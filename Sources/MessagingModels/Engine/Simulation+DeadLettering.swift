import SimulationKernel

/// Dead-lettered messages on their way to their next queue, and the queues each message has
/// been dead-lettered from, for cycle detection.
struct DeadLetterState {
    /// A dead-lettered message and the queues it goes to (the message itself to the first,
    /// copies to the others).
    struct Transfer {
        var message: MessageRef
        var targets: [QueueID]
    }

    /// The queues a message was dead-lettered from since its last rejection (not counting the
    /// rejection's queue), oldest first; valid
    /// only while the arena slot still has `generation` (a reused slot starts afresh).
    struct DeathPath {
        var generation: UInt32
        var queues: [QueueID]
    }

    /// Transfers not yet carried out, in the order they were decided.
    var pending = RingBuffer<Transfer>(capacity: 4)
    /// True while `deliverDeadLetters` works through `pending`: a dead-lettering it causes
    /// (a TTL of 0, a full queue pushing out its head) joins the list instead of recursing.
    var draining = false
    /// Whether some dead-letter route can lead back to a queue that dead-letters (set by
    /// `setUpDeadLettering`); without it no death paths are kept.
    var mayCycle = false
    /// Death paths by arena slot; grown on demand.
    var paths: ContiguousArray<DeathPath> = []
}

extension Simulation {
    /// Decides whether death paths are needed: only when a dead-letter exchange is used or a
    /// dead-letter queue itself dead-letters (called at the end of `init`).
    mutating func setUpDeadLettering() {
        deadLettering.mayCycle = model.queues.contains { queue in
            if queue.deadLetterExchange != nil { return true }
            guard let target = queue.deadLetter?.queue.index else { return false }
            return model.queues[target].deadLetter != nil || model.queues[target].deadLetterExchange != nil
        }
    }

    /// Where `ref`, dead-lettered from queue `q` for `reason`, goes next: the queues its
    /// dead-letter queue or exchange leads to, less those that would close a dead-letter cycle
    /// without a rejection in it. Counts the publish on the dead-letter exchange.
    ///
    /// RabbitMQ records each dead-lettering in the message (`x-death`) and drops a dead-lettered
    /// message for a queue it already died in, unless a rejection happened since: "It is
    /// possible to form a cycle of message dead-lettering. … if the same message is
    /// dead-lettered to the same queue twice … the message will be dropped if there was no
    /// rejection in the entire cycle." The same rule applies to `deadLetter.queue`, so no
    /// scenario can move a message round a cycle for ever without a consumer deciding it.
    /// - Returns: the target queues (empty: nothing to go to) and whether any target was left
    ///   out because it closes a cycle.
    /// - Note: Source: RabbitMQ documentation, "Dead Letter Exchanges"
    ///   (https://www.rabbitmq.com/docs/dlx): routing with the dead-letter routing key or the
    ///   message's own; dead-letter cycles.
    mutating func deadLetterTargets(of ref: MessageRef, from q: Int, reason: SettleReason) -> (targets: [QueueID], cycled: Bool) {
        var targets: [QueueID]
        if let target = queues[q].deadLetter?.queue.index {
            targets = [QueueID(target)]
        } else if let dlx = queues[q].deadLetterExchange {
            targets = routeTargets(of: ref, viaExchange: dlx.exchange, routingKey: dlx.routingKey)
        } else {
            return ([], false)
        }
        var cycled = false
        if deadLettering.mayCycle {
            let path = recordDeath(of: ref, in: q, reason: reason)
            if reason != .rejected {
                let count = targets.count
                targets.removeAll { path.contains($0) }
                cycled = targets.count < count
            }
        }
        if let dlx = queues[q].deadLetterExchange, queues[q].deadLetter == nil {
            routing.metrics.exchanges[dlx.exchange.index].copies += targets.count
        }
        return (targets, cycled)
    }

    /// Adds queue `q` to `ref`'s death path and returns it; a rejection empties the path (no
    /// cycle through it can be dropped).
    mutating func recordDeath(of ref: MessageRef, in q: Int, reason: SettleReason) -> [QueueID] {
        let slot = Int(ref.slot)
        let generation = messages.handle(ref).generation
        if deadLettering.paths.count <= slot {
            let blank = DeadLetterState.DeathPath(generation: .max, queues: [])
            deadLettering.paths.append(contentsOf: repeatElement(blank, count: slot + 1 - deadLettering.paths.count))
        }
        if deadLettering.paths[slot].generation != generation || reason == .rejected {
            deadLettering.paths[slot] = DeadLetterState.DeathPath(generation: generation, queues: [])
        }
        // A rejection is part of any cycle that runs through it: the path starts after it.
        if reason != .rejected { deadLettering.paths[slot].queues.append(QueueID(q)) }
        return deadLettering.paths[slot].queues
    }

    /// Gives the copy `copy` of `original` the same death path.
    mutating func inheritDeathPath(_ copy: MessageRef, from original: MessageRef) {
        guard deadLettering.mayCycle, Int(original.slot) < deadLettering.paths.count else { return }
        let path = deadLettering.paths[Int(original.slot)]
        guard path.generation == messages.handle(original).generation else { return }
        let slot = Int(copy.slot)
        if deadLettering.paths.count <= slot {
            let blank = DeadLetterState.DeathPath(generation: .max, queues: [])
            deadLettering.paths.append(contentsOf: repeatElement(blank, count: slot + 1 - deadLettering.paths.count))
        }
        deadLettering.paths[slot] = DeadLetterState.DeathPath(generation: messages.handle(copy).generation, queues: path.queues)
    }

    /// `ref` has left its queue's books (counted dead-lettered there): it is in transit, in no
    /// queue's depth, and has lost its own expiration. It enters `targets` once every transfer
    /// decided before it has been carried out: dead-lettering runs from a work list, not by
    /// recursion, so no chain of dead-letterings (however long, even a cycle) can overflow
    /// the stack.
    mutating func sendDeadLetter(_ ref: MessageRef, to targets: [QueueID]) {
        messages[ref].state = .publishing
        messages[ref].wasDeadLettered = true
        deadLettering.pending.append(DeadLetterState.Transfer(message: ref, targets: targets))
        guard !deadLettering.draining else { return }
        deadLettering.draining = true
        while let transfer = deadLettering.pending.popFirst() {
            deliverDeadLetter(transfer)
        }
        deadLettering.draining = false
    }

    /// Puts a dead-lettered message in the first of its target queues and copies of it in the
    /// others (each counted as entering that queue; lost if that queue's broker is down).
    ///
    /// A message still listed in its old queue's ring (lazily deleted there) or still held by a
    /// consumer (a delivery whose visibility timeout ran out) moves to a fresh slot: the old
    /// slot is settled and freed once the ring and the consumers let go of it, so its stale
    /// entries and timers cannot touch the message in its new queue.
    mutating func deliverDeadLetter(_ transfer: DeadLetterState.Transfer) {
        var ref = transfer.message
        guard let first = transfer.targets.first else { return }
        // Copies start fresh: held by nobody, in no queue yet.
        var record = messages[ref]
        record.holders = 0
        record.activeAttempts = 0
        record.inRing = false
        record.autoAcked = false
        record.state = .publishing
        let tag = messages.tag(of: ref)
        let key = ordering.active ? keyStamp(of: ref) : .none
        var copies: [MessageRef] = []
        for q in transfer.targets.dropFirst() {
            var copy = record
            copy.queue = q
            let copyRef = messages.allocate(copy, tag: tag)
            if ordering.active { stamp(copyRef, with: key) }
            if omission.active { copyPublishDelay(from: ref, to: copyRef) }
            inheritDeathPath(copyRef, from: ref)
            copies.append(copyRef)
        }
        if messages[ref].inRing || messages[ref].holders > 0 {
            var moved = record
            moved.queue = first
            let movedRef = messages.allocate(moved, tag: tag)
            if ordering.active { stamp(movedRef, with: key) }
            if omission.active { copyPublishDelay(from: ref, to: movedRef) }
            inheritDeathPath(movedRef, from: ref)
            messages[ref].state = .settled
            releaseIfUnreferenced(ref)
            ref = movedRef
        }
        messages[ref].queue = first
        admit(ref, into: first.index)
        for copy in copies { admit(copy, into: messages[copy].queue.index) }
    }
}
