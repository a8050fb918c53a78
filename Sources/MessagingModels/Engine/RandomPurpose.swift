import SimulationKernel

/// What a random draw is for. Every entity draws each purpose from a stream of its own, named
/// `<kind>/<entity>/<purpose>` and seeded from the scenario seed, so changing how one purpose
/// draws never shifts another's numbers: with a consumer's failure rate, retry policy, a
/// producer's poison fraction, priorities or keys changed, every publish time and every service
/// time stays the same (common random numbers across runs, variants and technologies).
///
/// This is the one place stream names are made; add a purpose here rather than reusing
/// another's stream.
enum RandomPurpose: String {
    /// A producer's inter-arrival times.
    case arrivals
    /// Whether a producer's (or a backlog's) message is a poison pill.
    case poison
    /// Whether a producer's send loses its confirmation and is sent again (`PublishTimeouts`).
    case publishTimeout
    /// Which message key a producer's message carries, and a keyed stream producer's key.
    case keys
    /// Which message variant of a template a publish uses (routing keys, headers).
    case template
    /// A message's priority, one substream per message id (`MessagePriority`).
    case priority
    /// A stream producer's sticky-partition choices.
    case partition
    /// A consumer instance's service (processing) times.
    case service
    /// Whether a consumer instance's attempt fails (`failureRate`).
    case failure
    /// Whether a call to a consumer's downstream fails (`downstream.failureRate`).
    case downstream
    /// Retry backoff jitter.
    case jitter
    /// Which template variant a consumer's follow-up publish uses.
    case outcome
    /// A best-effort queue's reordering and duplication.
    case ordering
    /// A queue broker's publish latency (`BrokerProfile`).
    case publishLatency
    /// The latency of deliveries to, and acks from, a consumer instance (`BrokerProfile`).
    case deliverLatency, ackLatency
    /// Which visible messages a consumer instance's short poll sees on a queue that samples
    /// (`QueueConfiguration.shortPollSampling`, Simulation+ReceivePolling.swift).
    case pollSampling
}

/// The kinds of entity that own random streams.
enum RandomEntity: String {
    case producer, consumer, queue
}

extension RandomStream {
    /// The stream of `purpose` for the entity `name` of `kind` in a run seeded with `seed`.
    init(seed: UInt64, _ kind: RandomEntity, _ name: String, _ purpose: RandomPurpose) {
        self.init(seed: seed, name: RandomStream.name(kind, name, purpose))
    }

    /// The seed of that stream, for deriving per-item substreams.
    static func seed(_ seed: UInt64, _ kind: RandomEntity, _ name: String, _ purpose: RandomPurpose) -> UInt64 {
        RandomStream.seed(seed, name: RandomStream.name(kind, name, purpose))
    }

    private static func name(_ kind: RandomEntity, _ name: String, _ purpose: RandomPurpose) -> String {
        kind.rawValue + "/" + name + "/" + purpose.rawValue
    }
}
