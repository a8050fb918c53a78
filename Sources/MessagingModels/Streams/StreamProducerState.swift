import SimulationKernel

/// A producer instance's partitioning state for its stream.
struct StreamProducerState {
    /// Target stream, nil if the producer publishes to a queue.
    let stream: Int?
    let sampler: KeySampler
    /// Partition of each key index (precomputed: the hot path is an array lookup).
    let keyPartition: [Int32]
    let partitioner: Partitioner
    let acks: Acks
    let idempotent: Bool
    let partitions: Int
    let stickyBatch: Int
    /// Draws keys, apart from the arrivals' stream (common random numbers).
    var keyStream: RandomStream
    /// Draws sticky partitions.
    var partitionStream: RandomStream
    var roundRobinNext = 0
    var stickyPartition = -1
    var stickyLeft = 0
    /// Index of the key of the record being published (`-1`: none), for its trace step.
    var lastKey = -1
    /// Its send batches (`ProducerBatching`): the linger, the records that fill a batch (nil =
    /// only the linger sends one), and the slot of its open batch per partition (looked up,
    /// never iterated). nil batching = one record per append.
    var batching: ProducerBatching? = nil
    var batchLimit: Int? = nil
    var openBatches: [Int32: Int32] = [:]
}

/// The partition of every key of `keys` in a stream of `partitions` partitions, by Kafka's
/// murmur2 of the key's UTF-8 bytes.
func keyPartitionTable(_ keys: MessageKeys, partitions: Int) -> [Int32] {
    (0..<keys.count).map { Int32(KafkaPartitioner.partition(forKey: keys.name($0), partitions: partitions)) }
}
