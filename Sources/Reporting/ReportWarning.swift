/// One warning of a run (`warnings[i]` in the JSON report): something valid in the scenario,
/// or in how the run turned out, that makes figures easy to misread.
///
/// Reader warnings (found while decoding the file, with the JSON path of the value) come
/// first, in document order; run warnings (computed from the metrics afterwards) follow in a
/// fixed order: warm-up, then unstable queues in file order, then saturated ingresses (queues,
/// then streams, in file order), then coordinated omission.
public struct ReportWarning: Codable, Sendable, Equatable {
    /// Stable identifier of the kind of warning, for scripts: `bareNumberDuration`,
    /// `warmupExcludesEverything`, `unstableQueue`, `saturatedIngress`, `coordinatedOmission`,
    /// `serviceBusThrottling`.
    public var code: String
    /// JSON path in the scenario file the warning is about (`$.warmup`); absent when it is
    /// about a broker as a whole (the message names it).
    public var path: String?
    /// What was found and what to do about it.
    public var message: String

    public init(code: String, path: String? = nil, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }
}

extension ReportWarning {
    /// A warm-up that excludes every published message from latency and throughput.
    public static let warmupExcludesEverything = "warmupExcludesEverything"
    /// A queue whose consumers could not keep up: its percentiles describe a growing transient.
    public static let unstableQueue = "unstableQueue"
    /// A broker ingress (a queue's profile capacity, a stream partition's) that could not keep
    /// up: publishes queued in front of the broker, where `depth` does not show them.
    public static let saturatedIngress = "saturatedIngress"
    /// Service Bus brokers used more than a Standard-tier namespace's credits per second,
    /// which the model does not throttle (Report+Technology.swift).
    public static let serviceBusThrottling = "serviceBusThrottling"
    /// Latency from the intended send is materially higher than from the actual send: a
    /// producer fell behind its schedule (Report+Omission.swift).
    public static let coordinatedOmission = "coordinatedOmission"
}
