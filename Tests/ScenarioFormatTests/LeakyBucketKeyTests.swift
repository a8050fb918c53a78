import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels

/// The leaky-bucket keys of `rateLimit`.
@Suite("Leaky bucket keys")
struct LeakyBucketKeyTests {
    typealias S = Snippet

    static let bad: [BadInput] = [
        BadInput("burst on a leaky bucket",
                 S.document(producers: S.producer(#""count": 1, "rateLimit": {"rate": 5, "algorithm": "leakyBucket", "burst": 3}"#)),
                 "$.producers[0].rateLimit.burst", "has no burst"),
        BadInput("queue on a token bucket",
                 S.document(producers: S.producer(#""count": 1, "rateLimit": {"rate": 5, "queue": 3}"#)),
                 "$.producers[0].rateLimit.queue", "applies to \"algorithm\": \"leakyBucket\""),
        BadInput("misspelt algorithm",
                 S.document(producers: S.producer(#""count": 1, "rateLimit": {"rate": 5, "algorithm": "leakybucket"}"#)),
                 "$.producers[0].rateLimit.algorithm", "did you mean \"leakyBucket\""),
        BadInput("negative queue",
                 S.document(producers: S.producer(#""count": 1, "rateLimit": {"rate": 5, "algorithm": "leakyBucket", "queue": -1}"#)),
                 "$.producers[0].rateLimit.queue", "expected an integer ≥ 0, found -1"),
        BadInput("leaky bucket on a templated producer",
                 S.document(producers: S.producer(#""count": 1, "message": {"routingKey": "a"}, "rateLimit": {"rate": 5, "algorithm": "leakyBucket"}"#)),
                 "$.producers[0].rateLimit.algorithm", "publishes straight to a queue"),
        BadInput("refusing consumer without a retry policy",
                 S.document(producers: S.producer(), consumers: S.consumer(#""rateLimit": {"rate": 5, "algorithm": "leakyBucket", "queue": 0}"#)),
                 "$.consumers[0].rateLimit.queue", "add a \"retry\" policy"),
    ]

    @Test("each bad leaky-bucket key is reported at its path", arguments: bad)
    func badKey(_ input: BadInput) {
        input.check()
    }

    @Test func goodKeysBuildTheModel() throws {
        let json = S.document(
            producers: S.producer(#""count": 1, "rateLimit": {"rate": 5, "algorithm": "leakyBucket", "queue": 10}"#),
            consumers: S.consumer(#""rateLimit": {"rate": 2, "algorithm": "leakyBucket"}"#))
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        #expect(model.producers[0].rateLimit == RateLimit(ratePerSecond: 5, algorithm: .leakyBucket, queue: 10))
        #expect(model.consumers[0].rateLimit == RateLimit(ratePerSecond: 2, algorithm: .leakyBucket))
    }
}
