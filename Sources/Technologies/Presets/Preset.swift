/// Everything mqlab knows about one real technology: the broker types it offers, its
/// documented defaults (each with value, unit and public source), the scenario keys those
/// defaults fill, its limits, a latency and capacity model calibrated on published figures,
/// and what the model leaves out.
///
/// `Preset.for(.kafka)` returns one; `ScenarioFormat`'s `TechnologyPresets.apply` writes a
/// preset into a scenario document (`"technology": "kafka"` on a broker does the same when a
/// file is read). Defaults fill only keys the scenario leaves out: explicit keys win, then the
/// limits are checked.
public struct Preset: Sendable {
    public var technology: Technology
    /// One line for `mqlab presets`.
    public var summary: String
    /// Scenario broker types the technology offers (`queue`, `topic`, `stream`, `exchange`),
    /// and, for the others, why not.
    public var brokerTypes: [String]
    public var unsupportedTypes: [String: String]
    /// Documented defaults and limits of the real system, in the order `mqlab presets NAME`
    /// prints them.
    public var facts: [PresetFact]
    /// Scenario keys the preset fills on a broker of each type when the scenario leaves them
    /// out (key → value), in the order written. `profile` subkeys are written as
    /// `profile.publishLatency` etc.
    public var brokerDefaults: [String: [(key: String, value: PresetValue)]]
    /// What a `deadLetter` policy without `maxReceiveCount` gets (the technology's redrive or
    /// delivery limit); nil = mqlab's default (none).
    public var deadLetterMaxReceiveCount: Int?
    /// Limits checked on the scenario after the defaults are applied.
    public var limits: [PresetLimit]
    /// Published latency and capacity figures the model is calibrated on, with conditions.
    public var published: [PublishedFigure]
    /// Short notes: what the preset models, and what it does not.
    public var modelled: [String]
    public var notModelled: [String]
    /// Keys the preset fills on the consumers of a broker of each type (key → value), when the
    /// consumer leaves them out.
    public var consumerDefaults: [String: [(key: String, value: PresetValue)]] = [:]
    /// Defaults of features the technology has switched off until asked for (key →
    /// value, by broker type): `deduplication.window` fills a `deduplication` object the
    /// scenario writes, and never adds one.
    public var optInDefaults: [String: [(key: String, value: PresetValue)]] = [:]
    /// Defaults of the producers publishing to a broker of each type, for a feature the
    /// producer turns on (key → value): `batch.linger` fills a `batch` object a producer
    /// writes, and never adds one.
    public var producerOptInDefaults: [String: [(key: String, value: PresetValue)]] = [:]
    /// Most bytes one send batch may carry (`batch.maxMessages` × `message.sizeBytes` of a
    /// producer publishing to the broker), and why; nil = no limit checked.
    public var sendBatchMaxBytes: (bytes: Int, reason: String)? = nil
    /// The capacities the preset's defaults give (`profile.messagesPerSecond`,
    /// `profile.bytesPerSecond`), each with the published figure it comes from and how; in
    /// the order `mqlab presets NAME` prints them.
    public var capacities: [ModelledCapacity] = []
    /// What `mqlab presets NAME` says about capacity when no figure is published (so the
    /// preset sets no ingress limit); nil = nothing to add to `capacities`.
    public var capacityNote: String? = nil

    /// Whether the real service refuses requests past its capacity (an SQS FIFO
    /// ThrottlingException, an Azure Storage 503 Server Busy) rather than slowing them down;
    /// the report then counts the publishes that found the broker at capacity as `throttled`.
    public var throttlesPastCapacity: Bool { technology == .sqsFIFO || technology == .azureStorageQueue }

    /// The preset of `technology`.
    public static func `for`(_ technology: Technology) -> Preset {
        switch technology {
        case .rabbitmqClassic: return .rabbitmqClassic
        case .rabbitmqQuorum: return .rabbitmqQuorum
        case .rabbitmqStream: return .rabbitmqStream
        case .kafka: return .kafka
        case .sqsStandard: return .sqsStandard
        case .sqsFIFO: return .sqsFIFO
        case .sns: return .sns
        case .azureStorageQueue: return .azureStorageQueue
        case .azureServiceBus: return .azureServiceBus
        case .redisStreams: return .redisStreams
        }
    }

    /// Every preset, in `Technology.allCases` order.
    public static var all: [Preset] { Technology.allCases.map(Preset.for) }

    /// The fact named `name`, if the preset has one.
    public func fact(_ name: String) -> PresetFact? { facts.first { $0.name == name } }
}

/// One documented default or limit of a real system.
public struct PresetFact: Sendable, Equatable {
    /// A stable name (`visibility_timeout_default`), the same as in mqlab's tests.
    public var name: String
    /// What it is, for people.
    public var label: String
    /// Its value: a number (in `unit`) or a rule in words.
    public var value: Value
    /// The unit of a number (`s`, `ms`, `bytes`, `messages`, …); nil for rules and flags.
    public var unit: String?
    /// The public document it comes from.
    public var source: String
    /// The scenario key it sets or bounds, if any (`brokers[].visibilityTimeout`).
    public var scenarioKey: String?

    public enum Value: Sendable, Equatable {
        case number(Double)
        case range(Double, Double)
        case flag(Bool)
        case text(String)
    }

    public init(_ name: String, _ label: String, _ value: Value, unit: String?, source: String, scenarioKey: String? = nil) {
        self.name = name
        self.label = label
        self.value = value
        self.unit = unit
        self.source = source
        self.scenarioKey = scenarioKey
    }
}

/// A capacity a preset models: the value a scenario key gets, and how it was obtained from a
/// published figure — taken as published, or derived under a stated assumption (a whole
/// cluster's figure divided among partitions, an end-to-end rate used as an append rate).
public struct ModelledCapacity: Sendable, Equatable {
    /// The scenario key it fills (`brokers[].profile.bytesPerSecond`).
    public var scenarioKey: String
    /// The value, in `unit`.
    public var value: Double
    /// `messages/s`, `records/s`, `bytes/s` or `calls/s` (an ingress counted in API calls).
    public var unit: String
    /// How the value follows from the published figure, and under which conditions.
    public var derivation: String
    /// True when the derivation is an assumption the source does not state.
    public var assumed: Bool
    /// The public document of the figure.
    public var source: String

    public init(_ scenarioKey: String, _ value: Double, _ unit: String, assumed: Bool, derivation: String, source: String) {
        self.scenarioKey = scenarioKey
        self.value = value
        self.unit = unit
        self.assumed = assumed
        self.derivation = derivation
        self.source = source
    }
}

/// A published performance figure and the conditions it was measured under.
public struct PublishedFigure: Sendable, Equatable {
    public var metric: String
    public var value: Double
    public var unit: String
    public var conditions: String
    public var source: String

    public init(_ metric: String, _ value: Double, _ unit: String, conditions: String, source: String) {
        self.metric = metric
        self.value = value
        self.unit = unit
        self.conditions = conditions
        self.source = source
    }
}

/// A rule a scenario must keep on a broker of a technology; broken, it is an error with the
/// key's JSON path and `reason`.
public struct PresetLimit: Sendable, Equatable {
    /// Where the key is, relative to the broker object (`visibilityTimeout`,
    /// `deadLetter.maxReceiveCount`), or to a producer publishing to it when `onProducer`
    /// (`message.sizeBytes`, `message.priority`), or to a consumer reading it when
    /// `onConsumer`.
    public var key: String
    public var onProducer: Bool
    /// The key is on a consumer of the broker (`batch.maxMessages`, `receiveWait`).
    public var onConsumer: Bool
    public var rule: Rule
    /// Why, with its source, for the error message.
    public var reason: String

    public enum Rule: Sendable, Equatable {
        /// The key must not be there at all.
        case forbidden
        /// A duration key must lie in this range [s].
        case secondsRange(Double, Double)
        /// A number key must lie in this range.
        case numberRange(Double, Double)
        /// The key must not be this value.
        case notValue(PresetValue)
    }

    public init(_ key: String, onProducer: Bool = false, onConsumer: Bool = false, _ rule: Rule, reason: String) {
        self.key = key
        self.onProducer = onProducer
        self.onConsumer = onConsumer
        self.rule = rule
        self.reason = reason
    }
}
