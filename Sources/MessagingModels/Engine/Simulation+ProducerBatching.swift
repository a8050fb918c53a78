import SimulationKernel

/// Producers' send batches (`ProducerBatching`): a message a batching producer creates waits
/// in its instance's batch; the batch leaves when it is full (`ProducerBatching.limit`) or when its first
/// message has waited `linger` (a `.batchDue` event, stale once the batch has left), and its
/// messages are then offered to the queue one after the other as one call: the broker's
/// ingress stores them together (`storedTime`, `BatchCall`) and they become visible in one
/// event (`.batchEntryDue`), so a receive can return them together. Messages waiting in a batch are
/// live and unsettled, so a run ended by its drain deadline counts them as `remaining`.
struct BatchCall {
    /// Messages in the call being sent.
    var size: Int
    /// When the broker stores the call, once its first message has gone through the ingress.
    var storedAt: SimTime?
    /// Messages of the call that become visible later, all at `visibleAt`: they enter their
    /// queue in one event (`.batchEntryDue`), so a receive then can return them together.
    var entering: [MessageHandle] = []
    var visibleAt: SimTime?
}

extension Simulation {
    /// Producer instance `i` puts `ref`, just created, in its batch; a full batch leaves now.
    mutating func addToBatch(_ ref: MessageRef, from i: Int) {
        guard let batch = producers[i].batch else { return offer(ref, to: producers[i].target, from: i) }
        producers[i].pending.append(ref)
        if let limit = producers[i].batchLimit, producers[i].pending.count >= limit { return flushBatch(of: i) }
        if producers[i].pending.count == 1 {
            if batch.linger == .zero { return flushBatch(of: i) }
            events.schedule(.batchDue(producer: ProducerInstanceID(i), batch: producers[i].batchNumber), at: now + batch.linger)
        }
    }

    /// The linger of batch number `batch` of producer instance `i` is over: it leaves, unless
    /// it left full before.
    mutating func batchDue(_ i: Int, batch: Int32) {
        guard producers[i].batchNumber == batch else { return }
        flushBatch(of: i)
    }

    /// Producer instance `i` sends its batch now, as one call.
    mutating func flushBatch(of i: Int) {
        let batch = producers[i].pending
        producers[i].pending.removeAll(keepingCapacity: true)
        producers[i].batchNumber &+= 1
        guard !batch.isEmpty else { return }
        producers[i].batching.batches += 1
        producers[i].batching.messages += batch.count
        for ref in batch { producers[i].batching.waitSeconds += (now - messages[ref].publishedAt).seconds }
        entry.batchCall = BatchCall(size: batch.count)
        for ref in batch {
            if trace != nil { traceStep("send", ref, producers[i].name) }
            offer(ref, to: producers[i].target, from: i)
        }
        if let call = entry.batchCall, let visibleAt = call.visibleAt, !call.entering.isEmpty {
            events.schedule(.batchEntryDue(entry.batchEntries.store(call.entering)), at: visibleAt)
        }
        entry.batchCall = nil
    }

    /// Holds back `ref`, sent in the batch call being offered and visible at `visibleAt`, to
    /// enter with the rest of its call; false when it becomes visible at another time (it then
    /// takes its own `.entryDue`).
    mutating func holdForBatchEntry(_ ref: MessageRef, visibleAt: SimTime) -> Bool {
        guard entry.batchCall != nil else { return false }
        if entry.batchCall?.visibleAt == nil { entry.batchCall?.visibleAt = visibleAt }
        guard entry.batchCall?.visibleAt == visibleAt else { return false }
        entry.batchCall?.entering.append(messages.handle(ref))
        return true
    }

    /// The messages of a batch call stored together become visible: each enters its queue
    /// (as `entryEnded` does) and only then are the queues dispatched, so one receive can take
    /// several of them.
    mutating func batchEntryDue(_ slot: Int32) {
        let handles = entry.batchEntries.take(slot)
        var touched: [Int] = []
        entry.holdingDispatch = true
        for handle in handles {
            guard let ref = messages.resolve(handle), messages[ref].state == .delayed else { continue }
            messages[ref].state = .publishing
            let q = messages[ref].queue.index
            enqueueNow(ref, into: q)
            if !touched.contains(q) { touched.append(q) }
        }
        entry.holdingDispatch = false
        for q in touched { dispatch(q) }
    }

    /// Per producer (index in `SystemModel.producers`), its instances' batching summed; nil
    /// when no producer batches.
    func closeBatching() -> [BatchingMetrics]? {
        guard model.producers.contains(where: { $0.batch != nil }) else { return nil }
        var figures = model.producers.map { producer in
            var figures = BatchingMetrics(name: producer.name)
            figures.enabled = producer.batch != nil
            return figures
        }
        for instance in producers { figures[instance.producer].add(instance.batching) }
        return figures
    }
}
