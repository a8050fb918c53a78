import MessagingModels

/// Send batches and receive calls (issue 11): `producers.<p>.batching` and
/// `brokers.<q>.receives`.
extension Report {
    /// What a batching producer's batches did (`producers.<name>.batching`).
    public struct BatchingFigures: Codable, Sendable, Equatable {
        /// Batches sent: API calls.
        public var batches: Int
        /// Messages per batch (mean).
        public var meanSize: Double
        /// Mean time a message waited in its batch before it was sent [s]; part of its
        /// end-to-end latency.
        public var meanWait: Double
    }

    /// The receive calls of a queue's polling consumers (`brokers.<name>.receives`).
    public struct ReceiveFigures: Codable, Sendable, Equatable {
        /// Receive calls made, empty ones included.
        public var calls: Int
        /// Receive calls that returned no message (each billed on SQS and Azure Storage Queue).
        public var empty: Int
        /// Empty receives made while messages were visible (an SQS short poll that sampled
        /// none of them); part of `empty`. Only on a queue whose short polls sample
        /// (`shortPollSampling` < 1).
        public var falseEmpty: Int?
    }

    /// Adds the batching of producers that batch and the receive counts of polled queues.
    mutating func addBatching(_ metrics: RunMetrics) {
        for queue in metrics.queues where queue.polled {
            brokers[queue.name]?.receives = ReceiveFigures(
                calls: queue.receiveCalls, empty: queue.emptyReceives,
                falseEmpty: queue.samplesShortPolls ? queue.falseEmptyReceives : nil)
        }
        guard let batching = metrics.batching else { return }
        for producer in batching where producer.enabled {
            var figures = producers?[producer.name] ?? ProducerFigures(rejected: 0, retried: 0)
            figures.batching = BatchingFigures(batches: producer.batches, meanSize: producer.meanSize,
                                               meanWait: producer.meanWaitSeconds)
            if producers == nil { producers = [:] }
            producers?[producer.name] = figures
        }
    }
}
