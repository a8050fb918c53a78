import Foundation
import Testing
@testable import Technologies

/// Every branch of the decision tree in mqlab's scope overview ("Choosing the right message
/// queue"): on AWS → SQS/SNS, on Azure → Service Bus, millions/s → Kafka, replay → Kafka,
/// complex routing → RabbitMQ, Redis already → Redis Streams, simplest → Redis Streams or
/// RabbitMQ, default → RabbitMQ.
@Suite struct DecisionTreeTests {
    static let branches: [(AdviceAnswers, Technology, [DecisionQuestion])] = [
        (AdviceAnswers(cloud: .aws), .sqsStandard, [.onAWS]),
        (AdviceAnswers(cloud: .azure), .azureServiceBus, [.onAWS, .onAzure]),
        (AdviceAnswers(cloud: .none, peakRatePerSecond: 2_000_000), .kafka, [.onAWS, .onAzure, .millionsPerSecond]),
        (AdviceAnswers(peakRatePerSecond: 5000, replay: true), .kafka, [.onAWS, .onAzure, .millionsPerSecond, .replay]),
        (AdviceAnswers(complexRouting: true), .rabbitmqClassic, [.onAWS, .onAzure, .millionsPerSecond, .replay, .complexRouting]),
        (AdviceAnswers(haveRedis: true), .redisStreams, [.onAWS, .onAzure, .millionsPerSecond, .replay, .complexRouting, .redisAlready]),
        (AdviceAnswers(simplest: true), .redisStreams, DecisionQuestion.allCases),
        (AdviceAnswers(), .rabbitmqClassic, DecisionQuestion.allCases),
    ]

    @Test(arguments: 0..<8) func eachBranchPicksItsTechnology(index: Int) {
        let (answers, pick, path) = Self.branches[index]
        let advice = DecisionTree.advise(answers)
        #expect(advice.pick == pick)
        #expect(advice.branch.map(\.question) == path)
        // Every step before the last is a no; the last is the yes that picked, or a no at the default.
        #expect(advice.branch.dropLast().allSatisfy { !$0.answer })
        #expect(advice.branch.last?.answer == (index < 7))
        #expect(advice.isDefault == (index == 7))
        #expect(!advice.why.isEmpty)
    }

    @Test func simplestOffersRabbitMQBesideRedisStreams() {
        #expect(DecisionTree.advise(AdviceAnswers(simplest: true)).alternatives == [.rabbitmqClassic])
        #expect(DecisionTree.advise(AdviceAnswers(cloud: .aws)).alternatives == [.sns, .sqsFIFO])
    }

    @Test func theMillionsThresholdIsAMillionPerSecond() {
        #expect(DecisionTree.advise(AdviceAnswers(peakRatePerSecond: 999_999)).pick == .rabbitmqClassic)
        #expect(DecisionTree.advise(AdviceAnswers(peakRatePerSecond: 1_000_000)).pick == .kafka)
        let step = DecisionTree.advise(AdviceAnswers(peakRatePerSecond: 1_000_000)).branch[2]
        #expect(step.given == "peak rate 1000000/s ≥ 1000000/s")
    }

    @Test func missingAnswersDefaultToNoAndSaySo() {
        let advice = DecisionTree.advise(AdviceAnswers(replay: false))
        #expect(advice.branch.map(\.defaulted) == [true, true, true, false, true, true, true])
        #expect(advice.branch[0].given == "cloud: not given, so none")
        #expect(advice.branch[3].given == "replay: no")
        #expect(advice.branch[4].given == "complex routing: not given, so no")
    }

    @Test func yesAnswersPastTheDecidingQuestionAreNoted() {
        let advice = DecisionTree.advise(AdviceAnswers(cloud: .aws, replay: true, haveRedis: false))
        #expect(advice.pick == .sqsStandard)
        #expect(advice.notes.count == 1)
        #expect(advice.notes[0].hasPrefix("not asked: \"Do you need event streaming or replay?\" (replay: yes)"))
    }

    @Test func walkAsksOnlyUntilTheFirstYes() {
        var asked: [DecisionQuestion] = []
        let advice = DecisionTree.walk { question in
            asked.append(question)
            return .init(question == .replay, given: "asked")
        }
        #expect(asked == [.onAWS, .onAzure, .millionsPerSecond, .replay])
        #expect(advice.pick == .kafka)
    }

    @Test func jsonShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(DecisionTree.advise(AdviceAnswers(cloud: .azure))), as: UTF8.self)
        #expect(json.hasPrefix(#"{"alternatives":["azure-storage-queue"],"branch":[{"answer":false,"defaulted":false,"given":"cloud: azure","question":"onAWS","text":"Are you on AWS?"},"#))
        #expect(json.contains(#""isDefault":false,"notes":[],"pick":"azure-service-bus","why":"On Azure"#))
    }
}
