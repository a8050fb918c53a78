import SimulationKernel

/// Consumer groups on streams: membership, rebalances, fetching records in offset order,
/// processing them one at a time, and committing offsets.
///
/// Model (Kafka's classic, eager group protocol, simplified):
/// - A group forms when its first member joins; its start offsets come from `startAt`. Its
///   first assignment is immediate and includes every member joining at that instant.
/// - A join, a clean leave, or a member removed for exceeding `maxPollInterval` starts a
///   rebalance: the group stops fetching for `rebalanceDelay`; members with auto-commit
///   commit what they have processed when it starts, or as soon as they finish the record in
///   progress (`ConsumerCoordinator.onJoinPrepare` runs in the next `poll()`); a leaving
///   member commits on close; a removed member does not (its commit would fail with
///   `CommitFailedException`). Records in progress are finished; one that outlasts the
///   rebalance on a partition that moved is processed again by the new owner.
/// - Revoke before assign: the partitions are handed over only when the pause is over AND
///   every member has finished (and, with auto-commit, committed) the record it was processing
///   when the rebalance started, or has been removed for exceeding `maxPollInterval` (Kafka's
///   rebalance timeout). So no two members of the group ever process records of one partition
///   at the same time. A removed member may still be finishing its record when its partition
///   moves on (as in Kafka, where its commit then fails): that record is processed twice.
/// - When it ends, the assignor splits the partitions among the members (sorted by name). A
///   partition that changes owner restarts from the group's committed offset, so records
///   processed but not committed are processed again: `duplicateProcessing`.
/// - A member fetches one record at a time from its partitions in turn (round-robin over
///   partitions, offset order within each), processes it, and fetches the next.
/// - A member removed for exceeding `maxPollInterval` finishes the slow record and then
///   rejoins (its next `poll()`), which starts another rebalance.
///
/// - Note: Source: Apache Kafka javadoc `KafkaConsumer` ("Detecting Consumer Failures":
///   max.poll.interval.ms, "the consumer will proactively leave the group … it will rejoin
///   on its next call to poll"), `ConsumerRebalanceListener`
///   (https://kafka.apache.org/documentation/#consumerapi: every member's
///   `onPartitionsRevoked` runs before any member's `onPartitionsAssigned`),
///   `CommitFailedException`; the `max.poll.interval.ms` consumer setting
///   (https://kafka.apache.org/documentation/#consumerconfigs_max.poll.interval.ms: "the
///   group will rebalance in order to reassign the partitions to another member"); KIP-62.
extension Simulation {
    /// Consumer instance `m` joins its group now.
    mutating func join(member m: Int) {
        guard let g = streamRuntime.members[m].group else { return }
        switch streamRuntime.members[m].phase {
        case .notJoined, .removed: break
        case .active, .left: return
        }
        streamRuntime.members[m].phase = .active
        streamRuntime.members[m].epoch &+= 1
        streamRuntime.groups[g].memberCount += 1
        if !streamRuntime.members[m].listed {
            streamRuntime.members[m].listed = true
            streamRuntime.groups[g].members.append(Int32(m))
        }
        if trace != nil { traceRecord("join", 0, instances[m].name) }
        if !streamRuntime.groups[g].formed { form(group: g) }
        if case .auto(let interval) = streamRuntime.groups[g].configuration.commit {
            events.schedule(.stream(.autoCommit(member: ConsumerInstanceID(m), epoch: streamRuntime.members[m].epoch)), at: now + interval)
        }
        startRebalance(group: g)
    }

    /// Consumer instance `m` shuts down cleanly now (after the record in progress, if any).
    mutating func leave(member m: Int) {
        switch streamRuntime.members[m].phase {
        case .notJoined:
            streamRuntime.members[m].phase = .left
        case .active:
            if instances[m].isBusy {
                streamRuntime.members[m].leaving = true
            } else {
                finishLeaving(member: m)
            }
        case .removed:
            streamRuntime.members[m].leaving = true
        case .left:
            break
        }
    }

    /// Member `m` commits on close, leaves, and the group rebalances.
    mutating func finishLeaving(member m: Int) {
        guard let g = streamRuntime.members[m].group else { return }
        if case .auto = streamRuntime.groups[g].configuration.commit { commitOwned(member: m) }
        remove(member: m)
        streamRuntime.members[m].phase = .left
        if trace != nil { traceRecord("leave", 0, instances[m].name) }
        startRebalance(group: g)
    }

    /// Member `m` fails now: its record in progress is abandoned and nothing is committed.
    /// For fault injection (a consumer crash); the group rebalances.
    mutating func crash(member m: Int) {
        guard let g = streamRuntime.members[m].group, streamRuntime.members[m].phase == .active
            || streamRuntime.members[m].phase == .removed else { return }
        let wasActive = streamRuntime.members[m].phase == .active
        if instances[m].isBusy {
            instances[m].accrueBusyTime(until: now)
            instances[m].isBusy = false
            streamRuntime.members[m].fetches &+= 1   // the pending completion is now stale
            if wasActive { streamRuntime.groups[g].busyMembers -= 1 }
        }
        remove(member: m)
        streamRuntime.members[m].phase = .left
        if trace != nil { traceRecord("crash", 0, instances[m].name) }
        if wasActive { startRebalance(group: g) }
        assignIfRevoked(group: g)
    }

    /// Takes member `m` out of its group (the member list drops it at the next assignment) and
    /// out of its partitions' ownership. Call before changing its phase.
    mutating func remove(member m: Int) {
        guard let g = streamRuntime.members[m].group else { return }
        if streamRuntime.members[m].phase == .active { streamRuntime.groups[g].memberCount -= 1 }
        for p in streamRuntime.members[m].assigned where streamRuntime.groups[g].partitions[p].owner == Int32(m) {
            streamRuntime.groups[g].partitions[p].owner = nil
        }
        streamRuntime.members[m].assigned = []
        streamRuntime.members[m].ready = ReadySet()
    }

    /// Group `g` forms now: each partition's start offset comes from the group's `startAt`.
    mutating func form(group g: Int) {
        let s = streamRuntime.groups[g].stream
        applyRetention(stream: s)
        streamRuntime.groups[g].formed = true
        var entered: Int64 = 0
        for p in 0..<streamRuntime.streams[s].logs.count {
            let log = streamRuntime.streams[s].logs[p]
            var start: Int64
            switch streamRuntime.groups[g].configuration.startAt {
            case .earliest:
                start = log.firstOffset
            case .latest:
                start = log.endOffset
            case .time(let t):
                start = log.firstOffset
                while let record = log.record(at: start), record.publishedAt < t { start += 1 }
            }
            streamRuntime.groups[g].partitions[p] = GroupPartition(
                start: start, committed: start, position: start, done: start,
                fetchedEnd: start, processedEnd: start, owner: nil)
            entered += log.endOffset - start
        }
        addLag(Int(entered), group: g)
        if entered > 0 { streamRuntime.streams[s].metrics.depth.add(Double(entered), at: now) }
        for p in 0..<streamRuntime.streams[s].logs.count { trimStoredRecords(stream: s, partition: p) }
    }

    /// Starts a rebalance of group `g` unless one is already under way (which will then
    /// include the current members when it completes).
    mutating func startRebalance(group g: Int) {
        guard !streamRuntime.groups[g].rebalancing else { return }
        streamRuntime.groups[g].rebalancing = true
        streamRuntime.groups[g].pauseOver = false
        streamRuntime.groups[g].generation &+= 1
        if case .auto = streamRuntime.groups[g].configuration.commit {
            for m in streamRuntime.groups[g].members where streamRuntime.members[Int(m)].phase == .active {
                commitOwned(member: Int(m))
            }
        }
        let delay = streamRuntime.groups[g].firstAssignment ? SimDuration.zero : streamRuntime.groups[g].configuration.rebalanceDelay
        events.schedule(.stream(.rebalanceCompleted(group: GroupID(g), generation: streamRuntime.groups[g].generation)), at: now + delay)
    }

    /// The pause of group `g`'s rebalance is over: the partitions are assigned now, or as soon
    /// as the last busy member has finished its record (revoke before assign).
    mutating func completeRebalance(group g: Int, generation: Int32) {
        guard streamRuntime.groups[g].rebalancing, streamRuntime.groups[g].generation == generation else { return }
        streamRuntime.groups[g].pauseOver = true
        if streamRuntime.groups[g].busyMembers > 0, trace != nil {
            traceRecord("awaitRevoke", 0, streamRuntime.groups[g].configuration.name)
        }
        assignIfRevoked(group: g)
    }

    /// Assigns group `g`'s partitions if its rebalance is only waiting for members to give up
    /// their partitions and none is busy any more.
    mutating func assignIfRevoked(group g: Int) {
        guard streamRuntime.groups[g].rebalancing, streamRuntime.groups[g].pauseOver,
              streamRuntime.groups[g].busyMembers == 0 else { return }
        assignPartitions(group: g)
    }

    /// The rebalance of group `g` ends: partitions are assigned to the current members.
    mutating func assignPartitions(group g: Int) {
        streamRuntime.groups[g].rebalancing = false
        streamRuntime.groups[g].pauseOver = false
        if streamRuntime.groups[g].firstAssignment {
            streamRuntime.groups[g].firstAssignment = false
        } else {
            streamRuntime.groups[g].metrics.rebalances += 1
        }
        // Drop the members that left since the last assignment; sort by name.
        var members: [Int32] = []
        members.reserveCapacity(streamRuntime.groups[g].memberCount)
        for m in streamRuntime.groups[g].members {
            if streamRuntime.members[Int(m)].phase == .active {
                members.append(m)
            } else {
                streamRuntime.members[Int(m)].listed = false
            }
        }
        members.sort { streamRuntime.members[Int($0)].rank < streamRuntime.members[Int($1)].rank }
        streamRuntime.groups[g].members = members
        let partitionCount = streamRuntime.groups[g].partitions.count
        let assignment = PartitionAssignor.assign(streamRuntime.groups[g].configuration.assignor,
                                                  partitions: partitionCount, members: members.count)
        var owners = [Int32?](repeating: nil, count: partitionCount)
        for (k, m) in members.enumerated() {
            for (slot, p) in assignment[k].enumerated() {
                owners[p] = m
                streamRuntime.groups[g].partitions[p].slot = Int32(slot)
            }
            streamRuntime.members[Int(m)].assigned = assignment[k]
            streamRuntime.members[Int(m)].cursor = 0
            streamRuntime.members[Int(m)].ready.fill(count: assignment[k].count)
        }
        for p in 0..<partitionCount where streamRuntime.groups[g].partitions[p].owner != owners[p] {
            // A new owner starts from the committed offset.
            streamRuntime.groups[g].partitions[p].owner = owners[p]
            streamRuntime.groups[g].partitions[p].position = streamRuntime.groups[g].partitions[p].committed
            streamRuntime.groups[g].partitions[p].done = streamRuntime.groups[g].partitions[p].committed
        }
        if trace != nil { traceRecord("assign", 0, streamRuntime.groups[g].configuration.name) }
        for m in members where !instances[Int(m)].isBusy { fetchNext(member: Int(m)) }
    }

    /// Idle member `m` fetches its next readable record, if any, and starts processing it.
    mutating func fetchNext(member m: Int) {
        guard let g = streamRuntime.members[m].group, streamRuntime.members[m].phase == .active,
              !streamRuntime.members[m].leaving, !instances[m].isBusy, !streamRuntime.groups[g].rebalancing else { return }
        let count = streamRuntime.members[m].assigned.count
        guard count > 0 else { return }
        let s = streamRuntime.groups[g].stream
        let delay = streamRuntime.streams[s].visibilityDelay
        var wakeAt: SimTime?
        // Round-robin from the cursor over the partitions that may have a record (the others
        // have none at their position): the same choice as trying every assigned partition in
        // turn, at a cost that follows the partitions with records, not all of them.
        let cursor = streamRuntime.members[m].cursor
        var previous = -1
        var from = cursor
        while let index = streamRuntime.members[m].ready.next(from: from) {
            let distance = index >= cursor ? index - cursor : index + count - cursor
            if distance <= previous { break }   // wrapped around to the cursor: all seen
            previous = distance
            from = index + 1 == count ? 0 : index + 1
            let p = streamRuntime.members[m].assigned[index]
            let offset = streamRuntime.groups[g].partitions[p].position
            guard let record = streamRuntime.streams[s].logs[p].record(at: offset) else {
                streamRuntime.members[m].ready.remove(index)
                continue
            }
            if delay.nanoseconds > 0 {
                let visible = record.appendedAt + delay
                if visible > now {
                    if wakeAt == nil || visible < wakeAt! { wakeAt = visible }
                    continue
                }
            }
            streamRuntime.members[m].cursor = index + 1 == count ? 0 : index + 1
            start(record, partition: p, offset: offset, member: m, group: g)
            return
        }
        if let wakeAt, !streamRuntime.members[m].wakeScheduled {
            streamRuntime.members[m].wakeScheduled = true
            events.schedule(.stream(.wake(member: ConsumerInstanceID(m))), at: wakeAt)
        }
    }

    /// Member `m` starts processing `record` (partition `p`, `offset`).
    mutating func start(_ record: StreamRecord, partition p: Int, offset: Int64, member m: Int, group g: Int) {
        streamRuntime.groups[g].partitions[p].position = offset + 1
        let s = streamRuntime.groups[g].stream
        let measured = record.publishedAt >= warmup
        metrics.delivered += 1
        instances[m].metrics.receives += 1
        if offset < streamRuntime.groups[g].partitions[p].fetchedEnd {
            streamRuntime.groups[g].metrics.duplicateDeliveries += 1
            metrics.redeliveries += 1
        } else {
            streamRuntime.groups[g].partitions[p].fetchedEnd = offset + 1
            if measured { streamRuntime.streams[s].metrics.latency.queueWait.record(now - record.publishedAt) }
        }
        streamRuntime.members[m].current = record
        if omission.active { streamRuntime.members[m].currentPublishDelay = streamRuntime.streams[s].logs[p].delay(at: offset) }
        streamRuntime.members[m].currentPartition = p
        streamRuntime.members[m].currentOffset = offset
        streamRuntime.members[m].fetches &+= 1
        instances[m].isBusy = true
        streamRuntime.groups[g].busyMembers += 1
        instances[m].attemptStart = now
        instances[m].metrics.attempts += 1
        if trace != nil { traceRecord("start", record.id, instances[m].name) }
        let serviceTime = instances[m].service.sample(&instances[m].serviceStream)
        let fetch = streamRuntime.members[m].fetches
        events.schedule(.stream(.recordProcessed(member: ConsumerInstanceID(m), fetch: fetch)), at: now + serviceTime)
        let limit = streamRuntime.groups[g].configuration.maxPollInterval
        if serviceTime > limit {
            events.schedule(.stream(.pollTimeout(member: ConsumerInstanceID(m), fetch: fetch)), at: now + limit)
        }
    }

    /// Member `m` finished processing its current record.
    mutating func completeRecord(member m: Int, fetch: Int32) {
        guard let g = streamRuntime.members[m].group, streamRuntime.members[m].fetches == fetch, instances[m].isBusy else { return }
        let s = streamRuntime.groups[g].stream
        let p = streamRuntime.members[m].currentPartition
        let offset = streamRuntime.members[m].currentOffset
        let record = streamRuntime.members[m].current
        instances[m].accrueBusyTime(until: now)
        instances[m].isBusy = false
        if streamRuntime.members[m].phase == .active { streamRuntime.groups[g].busyMembers -= 1 }
        if record.isPoison {
            // The attempt failed. A consumer that keeps its partition retries the record where
            // it is: nothing behind it in the partition is processed or committed (the
            // partition is blocked for this group until the run ends).
            instances[m].metrics.failed += 1
            if record.publishedAt >= warmup {
                streamRuntime.streams[s].metrics.latency.processing.record(now - instances[m].attemptStart)
            }
            if trace != nil { traceRecord("fail", record.id, instances[m].name) }
            if streamRuntime.members[m].phase == .active, !streamRuntime.members[m].leaving,
               streamRuntime.groups[g].partitions[p].owner == Int32(m) {
                start(record, partition: p, offset: offset, member: m, group: g)
                return
            }
            // It lost the partition (a rebalance, leaving): the next owner starts again from
            // the committed offset.
            pollAgain(member: m, group: g)
            return
        }
        instances[m].metrics.processed += 1
        workDone &+= 1
        if record.publishedAt >= warmup {
            streamRuntime.streams[s].metrics.latency.processing.record(now - instances[m].attemptStart)
        }
        if offset < streamRuntime.groups[g].partitions[p].processedEnd {
            streamRuntime.groups[g].metrics.duplicateProcessing += 1
        } else if record.isRetryCopy {
            // A second copy written by a producer retry: the message is processed again.
            streamRuntime.groups[g].partitions[p].processedEnd = offset + 1
            streamRuntime.groups[g].metrics.duplicateProcessing += 1
        } else {
            streamRuntime.groups[g].partitions[p].processedEnd = offset + 1
            if record.publishedAt >= warmup {
                streamRuntime.groups[g].metrics.processedMeasured += 1
                streamRuntime.groups[g].metrics.lastProcessedAt = now
                streamRuntime.streams[s].metrics.latency.endToEnd.record(now - record.publishedAt)
                metrics.endToEndSeries.record(now - record.publishedAt, at: now)
                if omission.active {
                    let delay = streamRuntime.members[m].currentPublishDelay
                    streamRuntime.streams[s].metrics.latency.fromIntendedSend.record(now - record.publishedAt + delay)
                }
            }
        }
        if trace != nil { traceRecord("processed", record.id, instances[m].name) }
        if streamRuntime.members[m].phase == .active, streamRuntime.groups[g].partitions[p].owner == Int32(m) {
            if offset + 1 > streamRuntime.groups[g].partitions[p].done {
                streamRuntime.groups[g].partitions[p].done = offset + 1
            }
            switch streamRuntime.groups[g].configuration.commit {
            case .afterProcessing:
                commit(group: g, partition: p, to: streamRuntime.groups[g].partitions[p].done)
            case .auto:
                // A member busy when the rebalance started commits as it finishes (its next
                // poll() runs onJoinPrepare), if it still owns the partition.
                if streamRuntime.groups[g].rebalancing { commitOwned(member: m) }
            }
        }
        pollAgain(member: m, group: g)
    }

    /// Member `m`, done with a record, polls again: it rejoins after a removal, leaves when it
    /// is leaving, or fetches its next record.
    mutating func pollAgain(member m: Int, group g: Int) {
        switch streamRuntime.members[m].phase {
        case .removed:
            if streamRuntime.members[m].leaving {
                streamRuntime.members[m].phase = .left
            } else {
                join(member: m)   // the next poll() rejoins the group
            }
        case .active:
            if streamRuntime.members[m].leaving {
                finishLeaving(member: m)
            } else {
                fetchNext(member: m)
            }
        case .notJoined, .left:
            break
        }
        assignIfRevoked(group: g)
    }

    /// Member `m` has spent `maxPollInterval` on one record: it is removed from the group
    /// without committing, and the group rebalances.
    mutating func pollTimedOut(member m: Int, fetch: Int32) {
        guard let g = streamRuntime.members[m].group, streamRuntime.members[m].fetches == fetch,
              instances[m].isBusy, streamRuntime.members[m].phase == .active else { return }
        remove(member: m)
        streamRuntime.members[m].phase = .removed
        streamRuntime.groups[g].busyMembers -= 1
        if trace != nil { traceRecord("pollTimeout", streamRuntime.members[m].current.id, instances[m].name) }
        startRebalance(group: g)
        assignIfRevoked(group: g)
    }

    /// Member `m`'s auto-commit timer fires: it commits and rearms.
    mutating func autoCommitTick(member m: Int, epoch: Int32) {
        guard let g = streamRuntime.members[m].group, streamRuntime.members[m].epoch == epoch,
              streamRuntime.members[m].phase == .active,
              case .auto(let interval) = streamRuntime.groups[g].configuration.commit else { return }
        commitOwned(member: m)
        events.schedule(.stream(.autoCommit(member: ConsumerInstanceID(m), epoch: epoch)), at: now + interval)
    }

    /// Member `m` commits the offsets of the records it has finished, in every partition it owns.
    mutating func commitOwned(member m: Int) {
        guard let g = streamRuntime.members[m].group else { return }
        for p in streamRuntime.members[m].assigned where streamRuntime.groups[g].partitions[p].owner == Int32(m) {
            commit(group: g, partition: p, to: streamRuntime.groups[g].partitions[p].done)
        }
    }

    /// Group `g` commits offset `offset` in partition `p` (a no-op unless it moves forward).
    mutating func commit(group g: Int, partition p: Int, to offset: Int64) {
        let old = streamRuntime.groups[g].partitions[p].committed
        guard offset > old else { return }
        updateLag(group: g, partition: p)   // the lag just before the commit is a local maximum
        let s = streamRuntime.groups[g].stream
        let n = Int(offset - old)
        for o in old..<offset {
            guard let record = streamRuntime.streams[s].logs[p].record(at: o) else { continue }
            if record.publishedAt >= warmup {
                metrics.ackedMeasured += 1
                metrics.lastMeasuredAck = now
            }
            if trace != nil { traceRecord("commit", record.id, streamRuntime.groups[g].configuration.name) }
        }
        streamRuntime.groups[g].partitions[p].committed = offset
        streamRuntime.groups[g].metrics.committed += n
        addLag(-n, group: g)
        metrics.acked += n
        metrics.ackedSeries.add(n, at: now)
        streamRuntime.streams[s].metrics.depth.add(-Double(n), at: now)
        trimStoredRecords(stream: s, partition: p)
    }
}
