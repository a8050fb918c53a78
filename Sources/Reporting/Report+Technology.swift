import Technologies

extension Report {
    /// Adds each broker's technology (`brokers.<name>.technology`) and, for services that
    /// refuse requests past capacity, the publishes they would have throttled
    /// (`brokers.<name>.profile.throttled`). The capacity's share in use is the profile's
    /// `utilization`.
    /// - Parameter technologies: the technology of each broker that has one, by broker name.
    public mutating func addTechnologies(_ technologies: [String: Technology]) {
        for (name, technology) in technologies.sorted(by: { $0.key < $1.key }) where brokers[name] != nil {
            brokers[name]?.technology = technology.rawValue
            if Preset.for(technology).throttlesPastCapacity, let profile = brokers[name]?.profile, profile.messagesPerSecond != nil {
                brokers[name]?.profile?.throttled = profile.overQuota
            }
        }
    }
}
