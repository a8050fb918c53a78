/// Walks the technology decision tree of mqlab's scope overview.
///
/// The tree asks `DecisionQuestion.allCases` in order and stops at the first "yes", which picks
/// that question's technologies; after seven "no"s it picks RabbitMQ. It is a rule of thumb
/// about fit and operations, not a measurement: `mqlab compare` measures a workload on each
/// technology.
public enum DecisionTree {
    /// The peak rate from which "millions of messages per second" is answered yes [messages/s].
    public static let millionsThresholdPerSecond = 1_000_000.0

    /// An answer to one question.
    public struct Answer: Sendable, Equatable {
        public var value: Bool
        /// Where it came from (shown in the branch).
        public var given: String
        /// Whether it is a default because none was given.
        public var defaulted: Bool
        public init(_ value: Bool, given: String, defaulted: Bool = false) {
            self.value = value
            self.given = given
            self.defaulted = defaulted
        }
    }

    /// Walks the tree, asking `answer` for each question in order until one is "yes" (so an
    /// interactive caller asks only the questions the branch needs).
    /// - Returns: the advice; its `notes` are empty (see `advise(_:)`).
    public static func walk(_ answer: (DecisionQuestion) -> Answer) -> Advice {
        var branch: [Advice.Step] = []
        for question in DecisionQuestion.allCases {
            let reply = answer(question)
            branch.append(Advice.Step(question: question, text: question.text, answer: reply.value,
                                      given: reply.given, defaulted: reply.defaulted))
            if reply.value {
                let picks = question.yesPicks
                return Advice(pick: picks[0], alternatives: Array(picks.dropFirst()), why: question.yesWhy,
                              branch: branch, notes: [], isDefault: false)
            }
        }
        let picks = DecisionQuestion.defaultPicks
        return Advice(pick: picks[0], alternatives: Array(picks.dropFirst()), why: DecisionQuestion.defaultWhy,
                      branch: branch, notes: [], isDefault: true)
    }

    /// Walks the tree with `answers`, missing ones taking their defaults (no cloud, a rate
    /// below a million a second, no to the rest) and saying so; notes the "yes" answers the
    /// walk did not reach.
    public static func advise(_ answers: AdviceAnswers) -> Advice {
        var advice = walk { answers.answer($0) }
        let asked = Set(advice.branch.map(\.question))
        for question in DecisionQuestion.allCases where !asked.contains(question) {
            let reply = answers.answer(question)
            guard reply.value, !reply.defaulted else { continue }
            advice.notes.append("not asked: \"\(question.text)\" (\(reply.given)): the tree stops at the first yes. "
                                + Self.unaskedNote(question))
        }
        return advice
    }

    static func unaskedNote(_ question: DecisionQuestion) -> String {
        switch question {
        case .onAWS, .onAzure: ""
        case .millionsPerSecond: "Check the pick's capacity at that rate; Kafka is the tree's answer for it."
        case .replay: "A queue deletes a message once acknowledged; replay needs a log: Kafka, RabbitMQ streams or Redis Streams."
        case .complexRouting: "Routing by topic pattern or headers is RabbitMQ's; SNS filter policies and Service Bus subscription rules cover simpler cases."
        case .redisAlready: "Redis Streams would add no new server."
        case .simplest: ""
        }
    }
}

/// Answers to the decision tree's questions; nil means not given.
public struct AdviceAnswers: Sendable, Equatable {
    /// The cloud the system runs on.
    public enum Cloud: String, Sendable, CaseIterable, Codable {
        case aws, azure, none
    }

    public var cloud: Cloud?
    /// Highest rate the system must carry [messages/s]; > 0.
    public var peakRatePerSecond: Double?
    public var replay: Bool?
    public var complexRouting: Bool?
    public var haveRedis: Bool?
    public var simplest: Bool?

    public init(cloud: Cloud? = nil, peakRatePerSecond: Double? = nil, replay: Bool? = nil, complexRouting: Bool? = nil,
                haveRedis: Bool? = nil, simplest: Bool? = nil) {
        self.cloud = cloud
        self.peakRatePerSecond = peakRatePerSecond
        self.replay = replay
        self.complexRouting = complexRouting
        self.haveRedis = haveRedis
        self.simplest = simplest
    }

    /// The answer to `question`, or its default ("no") with a note that none was given.
    public func answer(_ question: DecisionQuestion) -> DecisionTree.Answer {
        func flag(_ value: Bool?, _ name: String) -> DecisionTree.Answer {
            guard let value else { return .init(false, given: "\(name): not given, so no", defaulted: true) }
            return .init(value, given: "\(name): \(value ? "yes" : "no")")
        }
        switch question {
        case .onAWS, .onAzure:
            guard let cloud else { return .init(false, given: "cloud: not given, so none", defaulted: true) }
            return .init(cloud == (question == .onAWS ? .aws : .azure), given: "cloud: \(cloud.rawValue)")
        case .millionsPerSecond:
            guard let rate = peakRatePerSecond else {
                return .init(false, given: "peak rate: not given, so below a million a second", defaulted: true)
            }
            let millions = rate >= DecisionTree.millionsThresholdPerSecond
            return .init(millions, given: "peak rate \(Self.format(rate))/s \(millions ? "≥" : "<") 1000000/s")
        case .replay: return flag(replay, "replay")
        case .complexRouting: return flag(complexRouting, "complex routing")
        case .redisAlready: return flag(haveRedis, "Redis already")
        case .simplest: return flag(simplest, "simplest")
        }
    }

    /// A number without a needless ".0": 5000, 2.5.
    public static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
