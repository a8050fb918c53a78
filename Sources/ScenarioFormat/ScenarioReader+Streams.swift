import MessagingModels
import SimulationKernel

extension ScenarioReader {
    static let partitioners = Partitioner.allCases.map(\.rawValue)
    static let assignors = PartitionAssignor.Strategy.allCases.map(\.rawValue)
    static let commitModes = ["auto", "afterProcessing"]
    /// Most partitions of one stream.
    static let maxPartitions = 100_000
    /// Keys of a consumer entry that belong to its group.
    static let groupSettingKeys = ["assignor", "commit", "autoCommitInterval", "rebalanceDelay", "maxPollInterval", "startAt"]

    /// Reads the stream keys of a broker of type `stream`.
    ///
    /// ```json
    /// {"name": "events", "type": "stream", "partitions": 6, "retention": "7d",
    ///  "partitioner": "murmur2", "stickyBatch": 16, "replicas": 3, "minInSyncReplicas": 2,
    ///  "replicationDelay": "5ms", "lagSampleInterval": "1s"}
    /// ```
    func readStream(_ broker: ObjectReader, name: String) -> StreamConfiguration {
        var stream = ScenarioDefaults.stream(name)
        if let partitions = broker.integer("partitions", in: 1...Self.maxPartitions) { stream.partitions = partitions }
        if let retention = broker.duration("retention", positive: true) { stream.retention = SimDuration(seconds: retention) }
        if let name = broker.string("partitioner") {
            if let partitioner = Partitioner(rawValue: name) {
                stream.partitioner = partitioner
            } else {
                broker.report("partitioner", "unknown partitioner \"\(name)\"\(Suggestion.didYouMean(name, in: Self.partitioners)); expected one of: \(Self.partitioners.joined(separator: ", "))")
            }
        }
        if let batch = broker.integer("stickyBatch", in: 1...1_000_000) { stream.stickyBatch = batch }
        if let replicas = broker.integer("replicas", in: 1...100) { stream.replicas = replicas }
        if let minimum = broker.integer("minInSyncReplicas", in: 1...100) {
            if minimum > stream.replicas {
                broker.report("minInSyncReplicas", "expected minInSyncReplicas ≤ replicas (\(stream.replicas)), found \(minimum)")
            }
            stream.minInSyncReplicas = minimum
        }
        if let delay = broker.duration("replicationDelay") { stream.replicationDelay = SimDuration(seconds: delay) }
        if let interval = broker.duration("lagSampleInterval", positive: true) {
            if interval < 0.001 {
                broker.report("lagSampleInterval", "expected a duration ≥ 1ms, found \(JSONValue.format(interval)) s")
            } else {
                stream.lagSampleInterval = SimDuration(seconds: interval)
            }
        }
        return stream
    }

    /// Keys a stream broker accepts besides `name` and `type`.
    static let streamKeys = ["partitions", "retention", "partitioner", "stickyBatch", "replicas", "minInSyncReplicas",
                             "replicationDelay", "lagSampleInterval"]

    /// Reports stream keys on a broker of another type (clearer than "unknown key").
    func reportStreamKeys(_ broker: ObjectReader, type: String) {
        for key in Self.streamKeys where broker.fields[key] != nil {
            _ = broker.value(key)
            broker.report(key, "\"\(key)\" only applies to a broker of type \"stream\", not \"\(type)\"")
        }
    }

    /// Reads a consumer's group keys. `source` is what `consumeFrom` names. Returns the
    /// membership (registering the group in `groups`) for a consumer with a `group` on a stream.
    func readMembership(_ consumer: ObjectReader, source: BrokerReference?, groups: inout GroupTable) -> GroupMembership? {
        let groupName = consumer.string("group", required: false)
        let joinAt = consumer.duration("joinAt")
        let leaveAt = consumer.duration("leaveAt", positive: true)
        var settings = ScenarioDefaults.group(groupName ?? "", stream: StreamID(0))
        var given: [String] = []
        if let name = consumer.string("assignor") {
            given.append("assignor")
            if let strategy = PartitionAssignor.Strategy(rawValue: name) {
                settings.assignor = strategy
            } else {
                consumer.report("assignor", "unknown assignor \"\(name)\"\(Suggestion.didYouMean(name, in: Self.assignors)); expected one of: \(Self.assignors.joined(separator: ", "))")
            }
        }
        let interval = consumer.duration("autoCommitInterval", positive: true)
        if let mode = consumer.string("commit") {
            given.append("commit")
            switch mode {
            case "auto": settings.commit = .auto(interval: SimDuration(seconds: interval ?? ScenarioDefaults.autoCommitInterval.value))
            case "afterProcessing":
                settings.commit = .afterProcessing
                if interval != nil {
                    consumer.report("autoCommitInterval", "\"autoCommitInterval\" only applies to \"commit\": \"auto\"")
                }
            default:
                consumer.report("commit", "unknown commit mode \"\(mode)\"\(Suggestion.didYouMean(mode, in: Self.commitModes)); expected one of: \(Self.commitModes.joined(separator: ", "))")
            }
        } else if let interval {
            settings.commit = .auto(interval: SimDuration(seconds: interval))
        }
        if interval != nil { given.append("autoCommitInterval") }
        if let delay = consumer.duration("rebalanceDelay") {
            given.append("rebalanceDelay")
            settings.rebalanceDelay = SimDuration(seconds: delay)
        }
        if let limit = consumer.duration("maxPollInterval", positive: true) {
            given.append("maxPollInterval")
            settings.maxPollInterval = SimDuration(seconds: limit)
        }
        if let value = consumer.value("startAt") {
            given.append("startAt")
            switch value {
            case .string("earliest"): settings.startAt = .earliest
            case .string("latest"): settings.startAt = .latest
            default:
                if case .string(let text) = value, DurationSyntax.seconds(text) == nil {
                    consumer.report("startAt", "expected \"earliest\", \"latest\" or a time since the start such as \"2m\", found \(value.brief)\(Suggestion.didYouMean(text, in: ["earliest", "latest"]))")
                } else if let seconds = DurationSyntax.read(value, path: consumer.path("startAt"), positive: false, diagnostics: diagnostics) {
                    settings.startAt = .time(SimTime.zero + SimDuration(seconds: seconds))
                }
            }
        }
        if let joinAt, let leaveAt, leaveAt <= joinAt {
            consumer.report("leaveAt", "expected leaveAt after joinAt (\(JSONValue.format(joinAt)) s), found \(JSONValue.format(leaveAt)) s")
        }
        guard let source else { return nil }
        guard let groupName, !groupName.isEmpty else {
            if case .stream = source.kind {
                consumer.report("consumeFrom", "\"\(source.name)\" is a stream: set \"group\" to read it with a consumer group")
            }
            for key in given + (joinAt != nil ? ["joinAt"] : []) + (leaveAt != nil ? ["leaveAt"] : []) {
                consumer.report(key, "\"\(key)\" only applies to a consumer with a \"group\" on a stream")
            }
            return nil
        }
        guard case .stream(let stream) = source.kind else {
            consumer.report("group", "consumer groups read streams; \"\(source.name)\" is a queue (remove \"group\", or consume from a stream)")
            return nil
        }
        if consumer.has("prefetch") {
            consumer.report("prefetch", "\"prefetch\" only applies to queue consumers; a group member processes one record at a time")
        }
        settings.stream = stream
        let group = groups.register(settings, given: given, consumer: consumer, diagnostics: diagnostics)
        return group.map {
            GroupMembership(group: $0, joinAt: SimTime.zero + SimDuration(seconds: joinAt ?? 0),
                            leaveAt: leaveAt.map { SimTime.zero + SimDuration(seconds: $0) })
        }
    }
}

/// What a `publishTo` or `consumeFrom` names: a broker of some kind.
struct BrokerReference {
    /// `router`: a topic or an exchange (read by `ScenarioReader+Routing`).
    enum Kind { case queue(QueueID), stream(StreamID), router }
    var name: String
    var kind: Kind
}

/// The consumer groups met while reading the consumers, with where each setting was first
/// given, so entries of one group that disagree are reported.
struct GroupTable {
    var groups: [ConsumerGroupConfiguration] = []
    /// Per group: the consumer path that first gave each setting.
    private var origins: [[String: String]] = []
    /// Index of each group by name.
    private var indexByName: [String: Int] = [:]

    /// Adds `settings` to its group (creating the group), or reports where it disagrees.
    mutating func register(_ settings: ConsumerGroupConfiguration, given: [String], consumer: ObjectReader,
                           diagnostics: Diagnostics) -> GroupID? {
        guard let index = indexByName[settings.name] else {
            indexByName[settings.name] = groups.count
            groups.append(settings)
            origins.append(Dictionary(given.map { ($0, consumer.path) }, uniquingKeysWith: { first, _ in first }))
            return GroupID(groups.count - 1)
        }
        var group = groups[index]
        var valid = true
        if group.stream != settings.stream {
            consumer.report("consumeFrom", "group \"\(settings.name)\" already reads another stream; all members of a group must consume from the same stream")
            valid = false
        }
        for key in given {
            let same: Bool
            switch key {
            case "assignor": same = group.assignor == settings.assignor
            case "commit", "autoCommitInterval": same = group.commit == settings.commit
            case "rebalanceDelay": same = group.rebalanceDelay == settings.rebalanceDelay
            case "maxPollInterval": same = group.maxPollInterval == settings.maxPollInterval
            default: same = group.startAt == settings.startAt
            }
            if let origin = origins[index][key] {
                if !same {
                    consumer.report(key, "group \"\(settings.name)\" has a different \"\(key)\" at \(origin); entries of one group must agree")
                    valid = false
                }
            } else {
                // The first entry to give it sets it for the whole group.
                switch key {
                case "assignor": group.assignor = settings.assignor
                case "commit", "autoCommitInterval": group.commit = settings.commit
                case "rebalanceDelay": group.rebalanceDelay = settings.rebalanceDelay
                case "maxPollInterval": group.maxPollInterval = settings.maxPollInterval
                default: group.startAt = settings.startAt
                }
                origins[index][key] = consumer.path
            }
        }
        groups[index] = group
        return valid ? GroupID(index) : nil
    }
}
