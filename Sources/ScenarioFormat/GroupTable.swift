import MessagingModels
import SimulationKernel

/// The consumer groups met while reading the consumers, with where each setting was first
/// given, so entries of one group that disagree are reported.
struct GroupTable {
    var groups: [ConsumerGroupConfiguration] = []
    /// Per group: the consumer path that first gave each setting.
    private var origins: [[String: String]] = []

    /// Adds `settings` to its group (creating the group), or reports where it disagrees.
    mutating func register(_ settings: ConsumerGroupConfiguration, given: [String], consumer: ObjectReader,
                           diagnostics: Diagnostics) -> GroupID? {
        guard let index = groups.firstIndex(where: { $0.name == settings.name }) else {
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
