import Testing
@testable import MessagingModels
import SimulationKernel

/// The hook contract of each queue discipline (Brokers/Disciplines/), on queue 0 of a
/// simulation that is never run, one consumer instance taking what it is handed: what
/// `disciplineEnqueue` keeps, what `nextDeliverable` returns, where `disciplineRequeue` puts a
/// message back, what `disciplineDeliver` takes, and what a settle (`disciplineRemove`) and
/// `disciplineRemoveOldest` leave. Messages are named by id (m1 = id 1).
@Suite struct QueueDisciplineTests {
    /// A simulation of one queue driven hook by hook, as the queue core drives it.
    final class Harness {
        var sim: Simulation
        var delivered: [UInt64] = []

        /// Queue `queue`, producers `p0…` with these priorities (nil: none) and keys, and one
        /// consumer instance with prefetch 10.
        init(_ queue: QueueConfiguration, priorities: [Int?] = [nil], keys: [MessageKeys] = []) {
            var producers: [ProducerConfiguration] = []
            for index in 0..<max(priorities.count, keys.count) {
                var producer = ProducerConfiguration(name: "p\(index)", target: QueueID(0), arrivals: .constant(ratePerSecond: 1), count: 1)
                if index < priorities.count { producer.priority = priorities[index].map { WeightedChoice(fixed: $0) } }
                if index < keys.count { producer.keys = keys[index] }
                producers.append(producer)
            }
            sim = Simulation(model: SystemModel(
                name: "hooks", seed: 1, queues: [queue], producers: producers,
                consumers: [ConsumerConfiguration(name: "w", source: QueueID(0), service: .constant(1), prefetch: 10)]))
        }

        /// Makes message `id` of producer `producer` (with that producer's key, if any) and
        /// lets it join the queue through the enqueue hook, as `enqueueNow` does.
        @discardableResult
        func enqueue(_ id: UInt64, producer: Int = 0) -> MessageRef {
            let ref = sim.messages.allocate(MessageRecord(id: id, publishedAt: .zero, measured: false, queue: QueueID(0), producer: ProducerID(producer)))
            if sim.ordering.active {
                sim.stamp(ref, with: KeyStamp(key: sim.ordering.keyIDs[producer].first ?? -1, sequence: Int32(id)))
            }
            sim.messages[ref].state = .ready
            sim.messages[ref].inRing = true
            sim.disciplineEnqueue(ref, into: 0)
            sim.changeDepth(of: 0, by: 1)
            return ref
        }

        /// The id of the message `nextDeliverable` returns, without taking it.
        func next() -> UInt64? {
            guard let ref = sim.nextDeliverable(of: 0) else { return nil }
            return sim.messages[ref].id
        }

        /// Delivers what `nextDeliverable` returns to the instance; returns the id of the
        /// message handed out (from the trace: best effort may hand out another one).
        func deliverNext() -> UInt64? {
            var handed: [UInt64] = []
            sim.trace = { if $0.kind == "deliver" { handed.append($0.messageID) } }
            defer { sim.trace = nil }
            guard let ref = sim.nextDeliverable(of: 0) else { return nil }
            sim.disciplineDeliver(ref, to: 0, from: 0)
            return handed.count == 1 ? handed[0] : nil
        }

        /// Makes an in-flight message visible again through the requeue hook, as `requeue` does.
        func requeue(_ ref: MessageRef, atHead: Bool) {
            sim.messages[ref].state = .ready
            sim.changeDepth(of: 0, by: 1)
            sim.disciplineRequeue(ref, in: 0, atHead: atHead)
        }

        func settle(_ ref: MessageRef, as outcome: Outcome) { sim.settle(ref, as: outcome) }

        func isEmpty() -> Bool { sim.disciplineIsEmpty(0) }

        /// The id of the message `disciplineRemoveOldest` takes off.
        func removeOldest() -> UInt64? {
            guard let ref = sim.disciplineRemoveOldest(from: 0) else { return nil }
            return sim.messages[ref].id
        }

        /// Ids in the `ready` ring, head first (stale entries included).
        var ring: [UInt64] { (0..<sim.queues[0].ready.count).map { sim.messages[sim.queues[0].ready[$0]].id } }
        var depth: Double { sim.queues[0].metrics.depth.value }
        var discipline: QueueDiscipline { sim.queues[0].discipline }
    }

    static func queue(maxPriority: Int? = nil, ordering: QueueOrdering = .fifo) -> QueueConfiguration {
        var queue = QueueConfiguration(name: "q")
        queue.maxPriority = maxPriority
        queue.ordering = ordering
        return queue
    }

    @Test func eachQueueGetsTheDisciplineOfItsSettings() {
        #expect(Harness(Self.queue()).discipline == .fifo)
        #expect(Harness(Self.queue(maxPriority: 0)).discipline == .fifo)
        let priority = Harness(Self.queue(maxPriority: 9))
        #expect(priority.discipline == .priority(0))
        #expect(priority.sim.disciplines.priority[0].levels.count == 9)
        #expect(Harness(Self.queue(ordering: .fifo(messageGroups: true)), keys: [.fixed("A")]).discipline == .groups(0))
        #expect(Harness(Self.queue(ordering: .bestEffort(reorderProbability: 0.5, duplicateProbability: 0))).discipline
            == .bestEffort(0))
    }

    @Test func fifoDeliversInEnqueueOrderAndRequeuesAtTheHeadOrTheTail() {
        let q = Harness(Self.queue())
        #expect(q.isEmpty())
        let m1 = q.enqueue(1)
        q.enqueue(2)
        q.enqueue(3)
        #expect(!q.isEmpty())
        #expect(q.ring == [1, 2, 3])
        #expect(q.next() == 1)
        #expect(q.next() == 1)   // looking does not take
        #expect(q.deliverNext() == 1)
        #expect(q.ring == [2, 3])
        q.requeue(m1, atHead: true)    // a nack: back to its place
        #expect(q.ring == [1, 2, 3])
        #expect(q.deliverNext() == 1)
        q.requeue(m1, atHead: false)   // after a retry backoff: the tail
        #expect(q.ring == [2, 3, 1])
        #expect(q.deliverNext() == 2)
        #expect(q.deliverNext() == 3)
        #expect(q.deliverNext() == 1)
        #expect(q.next() == nil)
        #expect(q.isEmpty())
        #expect(q.depth == 0)
    }

    @Test func fifoSkipsASettledMessageLazilyAndDropsTheOldestLiveOne() {
        let q = Harness(Self.queue())
        let m1 = q.enqueue(1)
        let m2 = q.enqueue(2)
        q.enqueue(3)
        q.settle(m1, as: .dropped(.overflow))
        // The entry stays until it reaches the head; the next deliverable is past it.
        #expect(q.ring == [1, 2, 3])
        #expect(q.next() == 2)
        #expect(q.ring == [2, 3])
        q.settle(m2, as: .lost(.brokerRestart))
        #expect(q.removeOldest() == 3)
        #expect(q.removeOldest() == nil)
        #expect(q.ring.isEmpty)
        #expect(q.depth == 1)   // m3, taken off but not settled yet
    }

    @Test func priorityDeliversTheHighestLevelFirstFIFOWithinALevel() {
        // p0: no priority (level 0), p1: 5, p2: 9, p3: 200 (counts as 9).
        let q = Harness(Self.queue(maxPriority: 9), priorities: [nil, 5, 9, 200])
        #expect(q.isEmpty())
        q.enqueue(1, producer: 0)
        q.enqueue(2, producer: 1)
        let m3 = q.enqueue(3, producer: 2)
        q.enqueue(4, producer: 1)
        q.enqueue(5, producer: 3)
        #expect(!q.isEmpty())
        #expect(q.ring == [1])   // only level 0 waits in the ring
        #expect(q.sim.disciplines.priority[0].waiting == 4)
        #expect(q.deliverNext() == 3)
        q.requeue(m3, atHead: true)    // back to the head of level 9
        #expect(q.next() == 3)
        #expect(q.deliverNext() == 3)
        q.requeue(m3, atHead: false)   // the tail of level 9, behind m5
        #expect(q.deliverNext() == 5)
        #expect(q.deliverNext() == 3)
        #expect(q.deliverNext() == 2)
        #expect(q.deliverNext() == 4)
        #expect(q.deliverNext() == 1)
        #expect(q.next() == nil)
        #expect(q.isEmpty())
        #expect(q.depth == 0)
    }

    @Test func prioritySkipsASettledMessageAndDropsFromTheLowestLevel() {
        let q = Harness(Self.queue(maxPriority: 9), priorities: [nil, 5, 9])
        let m1 = q.enqueue(1, producer: 2)
        q.enqueue(2, producer: 1)
        q.enqueue(3, producer: 2)
        q.enqueue(4, producer: 0)
        q.settle(m1, as: .dropped(.overflow))
        #expect(q.next() == 3)
        // Level 0 first, then the lowest level above it.
        #expect(q.removeOldest() == 4)
        #expect(q.removeOldest() == 2)
        #expect(q.removeOldest() == 3)
        #expect(q.removeOldest() == nil)
        #expect(q.sim.disciplines.priority[0].waiting == 0)
    }

    @Test func groupsDeliverOneMessageAtATimePerGroupAndUnlockWhenItLeaves() {
        // p0 publishes key A, p1 key B, p2 no key (a group of its own).
        let q = Harness(Self.queue(ordering: .fifo(messageGroups: true)), keys: [.fixed("A"), .fixed("B"), .none])
        let a1 = q.enqueue(1, producer: 0)
        q.enqueue(2, producer: 0)
        let b1 = q.enqueue(3, producer: 1)
        q.enqueue(4, producer: 2)
        #expect(!q.isEmpty())     // always through dispatch
        #expect(q.ring.isEmpty)   // messages wait in their groups
        #expect(q.deliverNext() == 1)
        #expect(q.next() == 3)    // A is locked while m1 is in flight
        #expect(q.deliverNext() == 3)
        #expect(q.deliverNext() == 4)
        #expect(q.next() == nil)  // m2 waits behind its locked group
        #expect(q.sim.disciplines.groups[0].locked == 3)
        // b1 comes back (after a nack or a retry alike: the head of its group), unlocking B.
        q.requeue(b1, atHead: false)
        #expect(q.next() == 3)
        // a1 is acked: it leaves for good and unlocks A; m2 comes after m3 (B listed first).
        q.settle(a1, as: .acked)
        #expect(q.deliverNext() == 3)
        #expect(q.deliverNext() == 2)
        #expect(q.next() == nil)
        #expect(q.sim.disciplines.groups[0].maxLocked == 3)
        #expect(q.sim.disciplines.groups[0].groupsSeen == 3)
        #expect(q.removeOldest() == nil)   // no capacity with groups
    }

    @Test func bestEffortWithoutDisturbancesIsFIFO() {
        let q = Harness(Self.queue(ordering: .bestEffort(reorderProbability: 0, duplicateProbability: 0)))
        let m1 = q.enqueue(1)
        q.enqueue(2)
        #expect(!q.isEmpty())   // always through dispatch
        #expect(q.deliverNext() == 1)
        q.requeue(m1, atHead: true)
        #expect(q.ring == [1, 2])
        #expect(q.deliverNext() == 1)
        q.requeue(m1, atHead: false)
        #expect(q.ring == [2, 1])
        q.settle(m1, as: .dropped(.overflow))
        #expect(q.deliverNext() == 2)
        #expect(q.next() == nil)
        #expect(q.removeOldest() == nil)
    }

    @Test func bestEffortMayDeliverTheSecondMessageFirst() {
        let q = Harness(Self.queue(ordering: .bestEffort(reorderProbability: 1, duplicateProbability: 0)))
        q.enqueue(1)
        q.enqueue(2)
        q.enqueue(3)
        #expect(q.next() == 1)
        #expect(q.deliverNext() == 2)   // the head stays where it was
        #expect(q.ring == [1, 3])
        #expect(q.deliverNext() == 3)
        #expect(q.deliverNext() == 1)   // alone: nothing to swap with
        #expect(q.sim.disciplines.bestEffort[0].reordered == 2)
    }

    @Test func bestEffortMayLeaveACopyOfAFirstDeliveryAtTheHead() {
        let q = Harness(Self.queue(ordering: .bestEffort(reorderProbability: 0, duplicateProbability: 1)))
        let m1 = q.enqueue(1)
        q.enqueue(2)
        #expect(q.deliverNext() == 1)
        #expect(q.sim.messages[m1].state == .ready)   // the copy, visible at the head
        #expect(q.ring == [1, 2])
        #expect(q.deliverNext() == 1)   // a redelivery leaves no copy
        #expect(q.ring == [2])
        #expect(q.sim.disciplines.bestEffort[0].duplicated == 1)
    }
}
