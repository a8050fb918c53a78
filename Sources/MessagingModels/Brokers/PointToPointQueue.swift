import SimulationKernel

/// The run-time state of a point-to-point queue: messages waiting in FIFO order, and the
/// consumer instances that can take another delivery, in round-robin order.
///
/// A message goes to the next instance in the round-robin that still has prefetch credit;
/// an instance that still has credit after a delivery goes to the back of the line. With
/// prefetch 1 this is "the next free worker"; with a larger prefetch, deliveries alternate
/// between consumers as RabbitMQ's do.
/// - Note: Source: RabbitMQ documentation, "Consumer Prefetch" and "Queues" (round-robin
///   delivery to consumers with available prefetch credit); observed on RabbitMQ 3.10.8
///   (shared/facts/observed-rabbitmq-redis.md, probe 10: strict alternation at prefetch 10).
struct QueueState {
    /// Messages waiting to be delivered, head first.
    var ready = RingBuffer<MessageRef>(capacity: 1024)
    /// Consumer instances with prefetch credit, in round-robin order.
    var readyConsumers = RingBuffer<Int32>(capacity: 16)
    /// Counters and depth over time.
    var metrics: QueueMetrics

    init(name: String, windowStart: SimTime) {
        metrics = QueueMetrics(name: name, windowStart: windowStart)
    }
}

extension Simulation {
    /// Puts a message at the tail of queue `q` and delivers what can be delivered.
    mutating func enqueue(_ ref: MessageRef, into q: Int) {
        queues[q].metrics.enqueued += 1
        if queues[q].ready.isEmpty, let instance = queues[q].readyConsumers.popFirst() {
            // Nothing waits ahead of it and a consumer has credit: straight through, the
            // depth does not change.
            hand(ref, to: Int(instance), from: q)
            return
        }
        queues[q].ready.append(ref)
        queues[q].metrics.depth.add(1, at: now)
        dispatch(q)
    }

    /// Hands waiting messages to instances with credit until one side runs out.
    mutating func dispatch(_ q: Int) {
        while !queues[q].ready.isEmpty, let instance = queues[q].readyConsumers.popFirst() {
            guard let ref = queues[q].ready.popFirst() else { break }
            queues[q].metrics.depth.add(-1, at: now)
            hand(ref, to: Int(instance), from: q)
        }
    }

    /// Delivers `ref` to instance `i`, just taken from the front of the round-robin, and puts
    /// the instance back in line if it still has credit.
    mutating func hand(_ ref: MessageRef, to i: Int, from q: Int) {
        deliver(ref, to: i)
        if instances[i].hasCredit {
            queues[q].readyConsumers.append(Int32(i))
        } else {
            instances[i].waitingForCredit = true
        }
    }
}
