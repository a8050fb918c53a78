import SimulationKernel

/// The stream model: producers append records to partitions, chosen by key; logs keep them
/// until retention deletes them or every group that may read them has committed past them.
extension Simulation {
    /// Builds the run-time state of streams, groups, members and stream producers.
    mutating func setUpStreams() {
        guard !model.streams.isEmpty else { return }
        var runtime = StreamRuntime()
        runtime.active = true
        runtime.streams = model.streams.map { StreamState(configuration: $0, windowStart: warmup) }
        for (g, group) in model.consumerGroups.enumerated() {
            let s = group.stream.index
            runtime.groups.append(GroupState(configuration: group, stream: s, partitions: model.streams[s].partitions))
            runtime.streams[s].groups.append(g)
        }
        for instance in instances {
            runtime.members.append(MemberState(group: model.consumers[instance.consumer].membership?.group.index))
        }
        // Each member's place in its group's name order, once (the assignors sort by it).
        var byGroup = [[Int32]](repeating: [], count: runtime.groups.count)
        for (m, member) in runtime.members.enumerated() {
            if let g = member.group { byGroup[g].append(Int32(m)) }
        }
        for var group in byGroup {
            let list = instances
            group.sort { list[Int($0)].name != list[Int($1)].name ? list[Int($0)].name < list[Int($1)].name : $0 < $1 }
            for (rank, m) in group.enumerated() { runtime.members[Int(m)].rank = Int32(rank) }
        }
        // One partition table and key sampler per producer configuration, shared by its
        // instances (arrays are copied on write, never here).
        var tables: [[Int32]] = []
        var samplers: [KeySampler] = []
        for producer in model.producers {
            if let target = producer.streamTarget {
                tables.append(keyPartitionTable(target.keys, partitions: model.streams[target.stream.index].partitions))
                samplers.append(KeySampler(target.keys))
            } else {
                tables.append([])
                samplers.append(KeySampler(.none))
            }
        }
        for instance in producers {
            let configuration = model.producers[instance.producer]
            guard let target = configuration.streamTarget else {
                runtime.producers.append(StreamProducerState(
                    stream: nil, sampler: KeySampler(.none), keyPartition: [], partitioner: .murmur2, acks: .all,
                    idempotent: true, partitions: 1, stickyBatch: 1,
                    keyStream: RandomStream(seed: 0), partitionStream: RandomStream(seed: 0)))
                continue
            }
            let stream = model.streams[target.stream.index]
            var state = StreamProducerState(
                stream: target.stream.index, sampler: samplers[instance.producer], keyPartition: tables[instance.producer],
                partitioner: stream.partitioner, acks: target.acks, idempotent: target.idempotent,
                partitions: stream.partitions, stickyBatch: stream.stickyBatch,
                keyStream: RandomStream(seed: model.seed, .producer, instance.name, .keys),
                partitionStream: RandomStream(seed: model.seed, .producer, instance.name, .partition))
            state.batching = configuration.batch
            state.batchLimit = instance.batchLimit
            runtime.producers.append(state)
        }
        streamRuntime = runtime
    }

    /// Schedules the members' joins and leaves (in file order), the lag samples and the faults.
    mutating func startStreams() {
        guard streamRuntime.active else { return }
        // Logs keep only publish times unless something reads the rest of a record back: a
        // trace (ids) or a replicated stream (append times; producers for failover resends).
        for s in streamRuntime.streams.indices where trace != nil || streamRuntime.streams[s].configuration.replicas > 1 {
            for p in streamRuntime.streams[s].logs.indices { streamRuntime.streams[s].logs[p].keepRecords() }
        }
        for (i, instance) in instances.enumerated() {
            guard let membership = model.consumers[instance.consumer].membership else { continue }
            events.schedule(.stream(.memberJoins(ConsumerInstanceID(i))), at: membership.joinAt)
        }
        for (i, instance) in instances.enumerated() {
            guard let leave = model.consumers[instance.consumer].membership?.leaveAt else { continue }
            events.schedule(.stream(.memberLeaves(ConsumerInstanceID(i))), at: leave)
        }
        for s in streamRuntime.streams.indices where !streamRuntime.streams[s].groups.isEmpty {
            events.schedule(.stream(.lagSample(StreamID(s))), at: SimTime.zero)
        }
        for (f, fault) in model.streamFaults.enumerated() {
            events.schedule(.stream(.fault(StreamFaultID(f))), at: fault.at)
        }
    }

    /// Runs one stream event.
    mutating func handle(_ event: StreamEvent) {
        switch event {
        case .recordProcessed(let member, let fetch):
            completeRecord(member: member.index, fetch: fetch)
        case .pollTimeout(let member, let fetch):
            pollTimedOut(member: member.index, fetch: fetch)
        case .autoCommit(let member, let epoch):
            autoCommitTick(member: member.index, epoch: epoch)
        case .memberJoins(let member):
            join(member: member.index)
        case .memberLeaves(let member):
            leave(member: member.index)
        case .rebalanceCompleted(let group, let generation):
            completeRebalance(group: group.index, generation: generation)
        case .lagSample(let stream):
            sampleLag(stream: stream.index)
        case .fault(let fault):
            applyStreamFault(fault.index)
        case .resend(let slot):
            resend(slot: Int(slot))
        case .ingressDone(let stream, let partition):
            ingressDone(stream: stream.index, partition: partition.index)
        case .batchDue(let slot, let batch):
            streamBatchDue(slot: slot, batch: batch)
        case .wake(let member):
            streamRuntime.members[member.index].wakeScheduled = false
            fetchNext(member: member.index)
        }
    }

    /// Producer instance `i` publishes one record to its stream now.
    mutating func publishToStream(from i: Int) {
        streamRuntime.producers[i].lastKey = -1
        let partition = choosePartition(producer: i)
        guard let s = streamRuntime.producers[i].stream else { return }
        let poison = producers[i].poisonFraction > 0 && producers[i].poisonStream.bernoulli(producers[i].poisonFraction)
        let record = StreamRecord(publishedAt: now, id: nextMessageID, producer: ProducerInstanceID(i), isPoison: poison)
        nextMessageID &+= 1
        streamRuntime.streams[s].metrics.published += 1
        let key = trace == nil ? nil : streamKeyName(producer: i)
        if streamRuntime.producers[i].batching != nil {
            addToStreamBatch(record, stream: s, partition: partition, from: i, key: key)
        } else if streamRuntime.streams[s].configuration.hasIngress {
            admit(record, stream: s, partition: partition, key: key)
        } else {
            append(record, stream: s, partition: partition, key: key)
        }
    }

    /// The name of the key producer instance `i` just drew (nil when none), for its trace.
    func streamKeyName(producer i: Int) -> String? {
        let key = streamRuntime.producers[i].lastKey
        guard key >= 0, let keys = model.producers[producers[i].producer].streamTarget?.keys else { return nil }
        return keys.name(key)
    }

    /// The partition of producer instance `i`'s next record (no allocation).
    mutating func choosePartition(producer i: Int) -> Int {
        let partitions = streamRuntime.producers[i].partitions
        switch streamRuntime.producers[i].partitioner {
        case .murmur2 where streamRuntime.producers[i].sampler.count > 0:
            let key = streamRuntime.producers[i].sampler.next(&streamRuntime.producers[i].keyStream)
            streamRuntime.producers[i].lastKey = key
            return Int(streamRuntime.producers[i].keyPartition[key])
        case .roundRobin:
            let p = streamRuntime.producers[i].roundRobinNext
            streamRuntime.producers[i].roundRobinNext = p + 1 == partitions ? 0 : p + 1
            return p
        case .murmur2, .sticky:
            if streamRuntime.producers[i].stickyLeft == 0 {
                let current = streamRuntime.producers[i].stickyPartition
                var next = 0
                if partitions > 1 {
                    if current < 0 {
                        next = streamRuntime.producers[i].partitionStream.nextInt(below: partitions)
                    } else {
                        // Uniform among the other partitions.
                        next = streamRuntime.producers[i].partitionStream.nextInt(below: partitions - 1)
                        if next >= current { next += 1 }
                    }
                }
                streamRuntime.producers[i].stickyPartition = next
                streamRuntime.producers[i].stickyLeft = streamRuntime.producers[i].stickyBatch
            }
            streamRuntime.producers[i].stickyLeft -= 1
            return streamRuntime.producers[i].stickyPartition
        }
    }

    /// Appends `record` to a partition and wakes the owners that were waiting for it; `key`
    /// (the record's key, on its first append) goes into the trace.
    mutating func append(_ record: StreamRecord, stream s: Int, partition p: Int, key: String? = nil) {
        let offset = streamRuntime.streams[s].logs[p].endOffset
        // During a late publish (Simulation+Omission.swift) the record keeps its publish delay;
        // a retry copy, appended later, gets zero (its processing is not measured).
        streamRuntime.streams[s].logs[p].append(record, delay: omission.currentDelay)
        streamRuntime.storedRecords += 1
        streamRuntime.streams[s].metrics.appended[p] += 1
        if trace != nil { traceRecord("append", record.id, "\(streamRuntime.streams[s].configuration.name)[\(p)]@\(offset)", key: key) }
        var formed = 0
        for g in streamRuntime.streams[s].groups where streamRuntime.groups[g].formed {
            formed += 1
            addLag(1, group: g)
            if let owner = streamRuntime.groups[g].partitions[p].owner {
                streamRuntime.members[Int(owner)].ready.insert(Int(streamRuntime.groups[g].partitions[p].slot))
                if !instances[Int(owner)].isBusy { fetchNext(member: Int(owner)) }
            }
        }
        if formed > 0 { streamRuntime.streams[s].metrics.depth.add(Double(formed), at: now) }
        applyRetention(stream: s, partition: p)
        trimStoredRecords(stream: s, partition: p)
    }

    /// Deletes the records older than the stream's retention; a group that had not committed
    /// them loses them (reason `retention`).
    ///
    /// Simplification: Kafka deletes whole log segments, checked every
    /// `log.retention.check.interval.ms` (5 min); here records are deleted one by one as soon as
    /// they are older than `retention` (checked on every append and lag sample).
    mutating func applyRetention(stream s: Int) {
        for p in 0..<streamRuntime.streams[s].logs.count { applyRetention(stream: s, partition: p) }
    }

    /// Applies retention to partition `p` of stream `s` (O(1) when nothing expires).
    mutating func applyRetention(stream s: Int, partition p: Int) {
        guard let retention = streamRuntime.streams[s].configuration.retention else { return }
        let cutoff = now.nanoseconds - retention.nanoseconds
        guard let oldest = streamRuntime.streams[s].logs[p].first, oldest.publishedAt.nanoseconds < cutoff else { return }
        var newStart = streamRuntime.streams[s].logs[p].firstOffset
        while let record = streamRuntime.streams[s].logs[p].record(at: newStart), record.publishedAt.nanoseconds < cutoff {
            newStart += 1
        }
        for g in streamRuntime.streams[s].groups where streamRuntime.groups[g].formed {
            updateLag(group: g, partition: p)   // the lag (and age) just before a deletion is a local maximum
        }
        for g in streamRuntime.streams[s].groups where streamRuntime.groups[g].pinsUnformedRecords {
            missedBeforeForming(group: g, stream: s, partition: p, below: newStart)
        }
        streamRuntime.storedRecords -= streamRuntime.streams[s].logs[p].dropBelow(newStart)
        for g in streamRuntime.streams[s].groups where streamRuntime.groups[g].formed {
            skip(group: g, partition: p, to: newStart)
        }
    }

    /// Records of partition `p` below `offset`, about to be deleted by retention, that group
    /// `g` — not formed yet, starting at the earliest record or at a time — would have read:
    /// they enter its ledger as lost (reason `retention`), as they would had it formed before
    /// the deletion. A group that joins after its history is gone lost that history, and the
    /// ledger says so instead of leaving it out.
    mutating func missedBeforeForming(group g: Int, stream s: Int, partition p: Int, below offset: Int64) {
        var missed = 0
        switch streamRuntime.groups[g].configuration.startAt {
        case .earliest:
            missed = Int(offset - streamRuntime.streams[s].logs[p].firstOffset)
        case .time(let t):
            var o = streamRuntime.streams[s].logs[p].firstOffset
            while o < offset, let record = streamRuntime.streams[s].logs[p].record(at: o) {
                if record.publishedAt >= t { missed += 1 }
                o += 1
            }
        case .latest:
            return
        }
        streamRuntime.groups[g].metrics.entered += missed
        streamRuntime.groups[g].metrics.lost += missed
    }

    /// Moves group `g`'s offsets in partition `p` past records that no longer exist; the
    /// uncommitted ones among them are lost to the group.
    mutating func skip(group g: Int, partition p: Int, to offset: Int64) {
        let committed = streamRuntime.groups[g].partitions[p].committed
        guard offset > committed else { return }
        let lost = Int(offset - committed)
        addLag(-lost, group: g)
        streamRuntime.groups[g].metrics.lost += lost
        streamRuntime.groups[g].partitions[p].committed = offset
        if streamRuntime.groups[g].partitions[p].position < offset { streamRuntime.groups[g].partitions[p].position = offset }
        if streamRuntime.groups[g].partitions[p].done < offset { streamRuntime.groups[g].partitions[p].done = offset }
        let s = streamRuntime.groups[g].stream
        streamRuntime.streams[s].metrics.depth.add(-Double(lost), at: now)
    }

    /// Drops stored records of partition `p` that no group will read again: below every formed
    /// group's committed offset, unless a group yet to form may start at the earliest record
    /// (or a failover may still need them).
    mutating func trimStoredRecords(stream s: Int, partition p: Int) {
        var lowest = streamRuntime.streams[s].logs[p].endOffset
        for g in streamRuntime.streams[s].groups {
            if streamRuntime.groups[g].pinsUnformedRecords { return }
            if streamRuntime.groups[g].formed {
                lowest = min(lowest, streamRuntime.groups[g].partitions[p].committed)
            }
        }
        var first = streamRuntime.streams[s].logs[p].firstOffset
        guard lowest > first else { return }
        let delay = streamRuntime.streams[s].visibilityDelay
        if delay.nanoseconds > 0 {
            // Keep what a leader failover may still resend: records whose acknowledgement
            // may not have reached the producer (appended within 2 × replicationDelay).
            while first < lowest, let record = streamRuntime.streams[s].logs[p].record(at: first),
                  record.appendedAt + delay + delay <= now { first += 1 }
            lowest = first
        }
        streamRuntime.storedRecords -= streamRuntime.streams[s].logs[p].dropBelow(lowest)
    }

    /// Samples every group's lag on stream `s` and schedules the next sample.
    mutating func sampleLag(stream s: Int) {
        applyRetention(stream: s)
        let stream = streamRuntime.streams[s]
        let thin = streamRuntime.groups.isEmpty ? false
            : stream.groups.contains { streamRuntime.groups[$0].metrics.lagSeries.count >= lagSeriesCapacity }
        if thin {
            for g in stream.groups {
                let series = streamRuntime.groups[g].metrics.lagSeries
                streamRuntime.groups[g].metrics.lagSeries = stride(from: 0, to: series.count, by: 2).map { series[$0] }
            }
            let doubled = stream.sampleInterval.nanoseconds.multipliedReportingOverflow(by: 2)
            streamRuntime.streams[s].sampleInterval = SimDuration(nanoseconds: doubled.overflow ? .max : doubled.partialValue)
        }
        // Keep samples on the (possibly doubled) grid only.
        let interval = streamRuntime.streams[s].sampleInterval
        let onGrid = now.nanoseconds % interval.nanoseconds == 0
        for g in stream.groups {
            // The maxima are kept at every change (`addLag`, `updateLag`); a sample only feeds
            // the series (and the observer), so it costs O(1) per group without an observer.
            if let observer = streamRuntime.lagObserver, streamRuntime.groups[g].formed {
                for p in 0..<stream.configuration.partitions {
                    let position = streamRuntime.groups[g].partitions[p]
                    let end = stream.logs[p].endOffset
                    observer(LagSample(time: now, stream: s, group: g, partition: p,
                                       endOffset: end, committedOffset: position.committed, lag: end - position.committed))
                }
            }
            if onGrid { streamRuntime.groups[g].metrics.lagSeries.append(streamRuntime.groups[g].lagTotal) }
        }
        let next = (now.nanoseconds / interval.nanoseconds + 1).multipliedReportingOverflow(by: interval.nanoseconds)
        guard !next.overflow else { return }
        events.schedule(.stream(.lagSample(StreamID(s))), at: SimTime(nanoseconds: next.partialValue))
    }

    /// Adds `delta` to group `g`'s total lag (an append, a commit, records deleted or truncated)
    /// and keeps its maximum exact.
    mutating func addLag(_ delta: Int, group g: Int) {
        streamRuntime.groups[g].lagTotal += delta
        if streamRuntime.groups[g].lagTotal > streamRuntime.groups[g].metrics.lagTotalMax {
            streamRuntime.groups[g].metrics.lagTotalMax = streamRuntime.groups[g].lagTotal
        }
    }

    /// Current lag of group `g` in partition `p` [records]; updates its maxima. Called just
    /// before every change that lowers the lag or resets the age of its oldest record (commit,
    /// retention, truncation) and at the end, which makes both maxima exact: between those
    /// changes the lag and the age only grow.
    @discardableResult
    mutating func updateLag(group g: Int, partition p: Int) -> Int64 {
        guard streamRuntime.groups[g].formed else { return 0 }
        let s = streamRuntime.groups[g].stream
        let committed = streamRuntime.groups[g].partitions[p].committed
        let lag = streamRuntime.streams[s].logs[p].endOffset - committed
        if Int(lag) > streamRuntime.groups[g].metrics.lagMax[p] { streamRuntime.groups[g].metrics.lagMax[p] = Int(lag) }
        let seconds = lagSeconds(group: g, partition: p)
        if seconds > streamRuntime.groups[g].metrics.lagSecondsMax[p] { streamRuntime.groups[g].metrics.lagSecondsMax[p] = seconds }
        return lag
    }

    /// Age of group `g`'s oldest uncommitted record in partition `p` [s]; 0 when caught up.
    func lagSeconds(group g: Int, partition p: Int) -> Double {
        let s = streamRuntime.groups[g].stream
        let committed = streamRuntime.groups[g].partitions[p].committed
        guard let record = streamRuntime.streams[s].logs[p].record(at: committed) else { return 0 }
        return max(0, (now - record.publishedAt).seconds)
    }

    /// True when no stream work is left: every formed group has committed every record (the
    /// streams' depth, kept up to date on every append and commit, is zero), no group yet to
    /// form would start before the end of a non-empty log, and no producer retry is pending.
    /// Always true without streams.
    func streamsSettled() -> Bool {
        guard streamRuntime.active else { return true }
        if streamRuntime.resends.count > 0 || streamRuntime.pendingIngress > 0 || !streamRuntime.batches.isEmpty { return false }
        for stream in streamRuntime.streams where stream.metrics.depth.value != 0 { return false }
        for group in streamRuntime.groups where group.pinsUnformedRecords {
            if streamRuntime.streams[group.stream].metrics.published > 0 { return false }
        }
        return true
    }

    /// Closes the stream books: final lag, remaining records and each group's ledger.
    mutating func finishStreams(_ stopReason: StopReason) {
        guard streamRuntime.active else { return }
        for s in streamRuntime.streams.indices {
            for g in streamRuntime.streams[s].groups {
                var groupMetrics = streamRuntime.groups[g].metrics
                let group = streamRuntime.groups[g]
                groupMetrics.finalMembers = group.memberCount
                groupMetrics.assignment = finalAssignment(group: g)
                groupMetrics.lagSeriesInterval = streamRuntime.streams[s].sampleInterval.seconds
                if group.formed {
                    for p in group.partitions.indices {
                        let lag = updateLag(group: g, partition: p)
                        groupMetrics.lagMax[p] = streamRuntime.groups[g].metrics.lagMax[p]
                        groupMetrics.lagSecondsMax[p] = streamRuntime.groups[g].metrics.lagSecondsMax[p]
                        groupMetrics.lagFinal[p] = Int(lag)
                        groupMetrics.lagSecondsFinal[p] = lagSeconds(group: g, partition: p)
                        groupMetrics.entered += Int(streamRuntime.streams[s].logs[p].endOffset - group.partitions[p].start)
                        groupMetrics.remaining += Int(lag)
                    }
                }
                streamRuntime.streams[s].metrics.groups.append(groupMetrics)
            }
            var figures = streamRuntime.streams[s].metrics
            figures.pendingResends = pendingResends(stream: s)
            figures.pendingIngress = streamRuntime.streams[s].ingressQueue.reduce(0) { $0 + $1.count }
            figures.pendingInBatches = streamRuntime.batches.pendingRecords(stream: s)
            if figures.capacity != nil || figures.brokers != nil {
                // The part of each partition's and broker's service beyond the end is not busy
                // time of this run.
                for (p, free) in streamRuntime.streams[s].ingressFreeAt.enumerated() where free > now && figures.capacity != nil {
                    figures.partitionBusySeconds[p] = max(0, figures.partitionBusySeconds[p] - (free - now).seconds)
                }
                for (b, free) in streamRuntime.streams[s].brokerFreeAt.enumerated() where free > now {
                    figures.brokerBusySeconds[b] = max(0, figures.brokerBusySeconds[b] - (free - now).seconds)
                }
                figures.ingress.close(at: now, freeAt: figures.capacity != nil ? streamRuntime.streams[s].ingressFreeAt : [],
                                      storedAtEnd: stopReason.isFinished)
            }
            figures.depth.record(figures.depth.value, at: now)
            metrics.latency.merge(figures.latency)
            metrics.streams.append(figures)
        }
    }

    /// Group `g`'s active members in name order, each with the partitions it owns now.
    /// - Complexity: O(members · log members + partitions).
    func finalAssignment(group g: Int) -> [MemberAssignment] {
        var members = streamRuntime.groups[g].members.filter { streamRuntime.members[Int($0)].phase == .active }
        members.sort { streamRuntime.members[Int($0)].rank < streamRuntime.members[Int($1)].rank }
        return members.map { m in
            let owned = streamRuntime.members[Int(m)].assigned.filter { streamRuntime.groups[g].partitions[$0].owner == m }
            return MemberAssignment(member: instances[Int(m)].name, partitions: owned)
        }
    }

    /// Called at every lag sample with each formed group's lag in each partition (tests, tools).
    public var lagObserver: ((LagSample) -> Void)? {
        get { streamRuntime.lagObserver }
        set { streamRuntime.lagObserver = newValue }
    }

    func traceRecord(_ kind: String, _ id: UInt64, _ entity: String, key: String? = nil) {
        trace?(TraceEntry(time: now, kind: kind, messageID: id, entity: entity, key: key))
    }
}
