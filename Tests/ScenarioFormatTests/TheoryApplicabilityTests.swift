import Foundation
import Testing
import ScenarioFormat
import MessagingModels
import QueueingTheory

/// `SystemModel.theory(for:)`: which queues a closed-form model describes, and the first
/// reason when none does. Scenarios are written as JSON so each case reads as a user wrote it.
@Suite struct TheoryApplicabilityTests {
    typealias S = Snippet

    static func verdict(_ json: String, queue: Int = 0) throws -> QueueTheoryVerdict {
        let scenario = try Scenario.decode(Data(json.utf8), file: "t.json")
        return scenario.model.theory(for: QueueID(queue))
    }

    static let poisson = #"{"poisson": {"rate": 8}}"#
    static let exponential = #"{"exponential": {"mean": "100ms"}}"#

    @Test func poissonIntoExponentialWorkersIsMMc() throws {
        let v = try Self.verdict(S.document(producers: S.producer(arrivals: Self.poisson),
                                            consumers: S.consumer(service: Self.exponential, #""instances": 1"#)))
        let p = try #require(v.prediction)
        #expect(p.model == "M/M/1")
        #expect(abs(p.utilization - 0.8) < 1e-12)
        #expect(abs(try #require(p.queueWait.mean) - 0.4) < 1e-12)     // ρ/(μ − λ) = 0.8 / 2
    }

    @Test func superposedPoissonProducersArePoisson() throws {
        // Two producers at 3/s and one with two instances at 1/s: 3 + 2·1 + 3 = 8/s into 2 workers.
        let producers = [S.producer(name: "a", arrivals: #"{"poisson": {"rate": 3}}"#),
                         S.producer(name: "b", arrivals: #"{"poisson": {"rate": 1}}"#, #""count": 100, "instances": 2"#),
                         S.producer(name: "c", arrivals: #"{"interarrival": {"exponential": {"mean": "333.333333333ms"}}}"#)]
        let v = try Self.verdict(S.document(producers: producers.joined(separator: ", "),
                                            consumers: S.consumer(service: Self.exponential, #""instances": 2"#)))
        let system = try #require({ if case .model(let s, _) = v { return s } else { return nil } }())
        #expect(abs(system.arrivalRatePerSecond - 8) < 1e-6)
        #expect(system.servers == .finite(2))
        #expect(v.prediction?.model == "M/M/c")
    }

    @Test func serviceLawsGiveMD1AndMG1() throws {
        let d = try Self.verdict(S.document(producers: S.producer(arrivals: Self.poisson), consumers: S.consumer(service: #"{"constant": "100ms"}"#)))
        #expect(d.prediction?.model == "M/D/1")
        let g = try Self.verdict(S.document(producers: S.producer(arrivals: Self.poisson),
                                            consumers: S.consumer(service: #"{"erlang": {"k": 2, "mean": "100ms"}}"#)))
        #expect(g.prediction?.model == "M/G/1")
        // P-K with SCV 1/2: Wq = ρ·E[S]·1.5 / (2(1 − ρ)) = 0.8·0.1·1.5 / 0.4 = 0.3.
        #expect(abs(try #require(g.prediction?.queueWait.mean) - 0.3) < 1e-12)
    }

    @Test func dropNewCapacityIsMMcK() throws {
        let v = try Self.verdict(S.document(brokers: #"{"name": "jobs", "capacity": 3, "overflow": "dropNew"}"#,
                                            producers: S.producer(arrivals: Self.poisson),
                                            consumers: S.consumer(service: Self.exponential, #""instances": 2"#)))
        guard case .model(let system, let p) = v else { Issue.record("no model: \(v.reason ?? "")"); return }
        #expect(system.systemCapacity == 5)     // 2 in service + 3 ready
        #expect(p.model == "M/M/c/K")
        #expect(p.blockingProbability > 0 && p.blockingProbability < 0.1)
    }

    @Test func moreInstancesThanMessagesIsInfiniteServers() throws {
        let v = try Self.verdict(S.document(producers: S.producer(arrivals: Self.poisson, #""count": 50"#),
                                            consumers: S.consumer(service: Self.exponential, #""instances": 50"#)))
        #expect(v.prediction?.model == "M/M/∞")
        #expect(v.prediction?.queueWait.mean == 0)
    }

    @Test func unstableQueueIsStillModelled() throws {
        let v = try Self.verdict(S.document(producers: S.producer(arrivals: #"{"poisson": {"rate": 20}}"#),
                                            consumers: S.consumer(service: Self.exponential)))
        #expect(v.prediction?.stable == false)
        #expect(v.prediction?.utilization == 2)
    }

    struct Obstacle: Sendable, CustomStringConvertible {
        var description: String
        var json: String
        var reason: String
        var queue = 0
    }

    static let obstacles: [Obstacle] = [
        Obstacle(description: "constant arrivals",
                 json: S.document(producers: S.producer(arrivals: #"{"constant": {"rate": 8}}"#)),
                 reason: #"producer "web" publishes at constant intervals, not Poisson arrivals"#),
        Obstacle(description: "uniform gaps",
                 json: S.document(producers: S.producer(arrivals: #"{"interarrival": {"uniform": {"min": "0s", "max": "1s"}}}"#)),
                 reason: #"producer "web" draws its gaps from a non-exponential distribution, not Poisson arrivals"#),
        Obstacle(description: "several producers, one non-Poisson",
                 json: S.document(producers: S.producer(name: "a", arrivals: Self.poisson) + ", " + S.producer(name: "b", arrivals: #"{"constant": {"rate": 1}}"#)),
                 reason: #"producer "b" publishes at constant intervals, not Poisson arrivals"#),
        Obstacle(description: "a rate schedule",
                 json: S.document(producers: S.producer(arrivals: #"{"schedule": [{"at": "0s", "rate": 5}, {"at": "1m", "rate": 9}]}"#)),
                 reason: #"producer "web" changes its rate over time (a schedule): there is no steady state"#),
        Obstacle(description: "poison messages",
                 json: S.document(producers: S.producer(arrivals: Self.poisson, #""count": 100, "message": {"poisonFraction": 0.1}"#)),
                 reason: #"producer "web" publishes poison messages, which fail and are retried"#),
        Obstacle(description: "producer rate limit",
                 json: S.document(producers: S.producer(arrivals: Self.poisson, #""count": 100, "rateLimit": {"rate": 5}"#)),
                 reason: #"producer "web" has a rate limit, which smooths its arrivals"#),
        Obstacle(description: "retries after failures",
                 json: S.document(producers: S.producer(arrivals: Self.poisson), consumers: S.consumer(service: Self.exponential, #""failureRate": 0.1"#)),
                 reason: #"consumer "workers" fails some attempts, which are retried"#),
        Obstacle(description: "priorities",
                 json: S.document(brokers: #"{"name": "jobs", "maxPriority": 5}"#, producers: S.producer(arrivals: Self.poisson)),
                 reason: #"queue "jobs" is a priority queue"#),
        Obstacle(description: "queue TTL",
                 json: S.document(brokers: #"{"name": "jobs", "messageTTL": "5s"}"#, producers: S.producer(arrivals: Self.poisson)),
                 reason: #"queue "jobs" has a message TTL: waiting messages expire"#),
        Obstacle(description: "delay queue",
                 json: S.document(brokers: #"{"name": "jobs", "delay": "5s"}"#, producers: S.producer(arrivals: Self.poisson)),
                 reason: #"queue "jobs" is a delay queue: every wait includes the delay"#),
        Obstacle(description: "message delay",
                 json: S.document(producers: S.producer(arrivals: Self.poisson, #""count": 100, "message": {"delay": "1s"}"#)),
                 reason: #"a producer delays its messages to queue "jobs": every wait includes the delay"#),
        Obstacle(description: "broker ingress",
                 json: S.document(brokers: #"{"name": "jobs", "profile": {"messagesPerSecond": 100}}"#, producers: S.producer(arrivals: Self.poisson)),
                 reason: #"queue "jobs"'s broker stores at most 100 messages/s (its ingress, profile.messagesPerSecond / bytesPerSecond): publishes wait for it in a second queue in front of the consumers (brokers.jobs.pendingIngressMax)"#),
        Obstacle(description: "broker publish latency",
                 json: S.document(brokers: #"{"name": "jobs", "profile": {"publishLatency": {"constant": "1ms"}}}"#, producers: S.producer(arrivals: Self.poisson)),
                 reason: #"queue "jobs"'s broker has a publish latency: each message reaches the queue that long after its publish, which every wait measured from the publish includes"#),
        Obstacle(description: "network hops",
                 json: S.document(brokers: #"{"name": "jobs", "profile": {"ackLatency": {"constant": "1ms"}}}"#, producers: S.producer(arrivals: Self.poisson)),
                 reason: #"queue "jobs"'s broker has deliver or ack latencies: a consumer holds each message longer than its processing"#),
        Obstacle(description: "drop-head capacity",
                 json: S.document(brokers: #"{"name": "jobs", "capacity": 5}"#, producers: S.producer(arrivals: Self.poisson)),
                 reason: #"queue "jobs" drops the oldest waiting message when full (dropHead): M/M/c/K describes dropping the arriving one"#),
        Obstacle(description: "autoscaling",
                 json: S.document(producers: S.producer(arrivals: Self.poisson),
                                  consumers: S.consumer(service: Self.exponential, #""instances": 4, "autoscale": {"min": 1, "max": 4, "targetDepthPerInstance": 10}"#)),
                 reason: #"consumer "workers" autoscales: the number of servers changes"#),
        Obstacle(description: "a crash",
                 json: S.document(top: #""faults": [{"at": "10s", "crash": "workers"}]"#, producers: S.producer(arrivals: Self.poisson),
                                  consumers: S.consumer(service: Self.exponential)),
                 reason: #"consumer "workers" crashes (a scripted fault)"#),
        Obstacle(description: "auto ack",
                 json: S.document(producers: S.producer(arrivals: Self.poisson), consumers: S.consumer(service: Self.exponential, #""ack": "auto""#)),
                 reason: #"consumer "workers" acks on delivery (auto ack): deliveries run ahead of processing"#),
        Obstacle(description: "prefetch with several instances",
                 json: S.document(producers: S.producer(arrivals: Self.poisson), consumers: S.consumer(service: Self.exponential, #""instances": 2, "prefetch": 10"#)),
                 reason: #"consumer "workers" prefetches 10 messages per instance: a message can wait at a busy instance while another is idle"#),
        Obstacle(description: "unequal consumers",
                 json: S.document(producers: S.producer(arrivals: Self.poisson),
                                  consumers: S.consumer(service: Self.exponential) + ", " + S.consumer(name: "slow", service: #"{"exponential": {"mean": "1s"}}"#)),
                 reason: #"consumer "slow" and "workers" have different service times (unequal servers)"#),
        Obstacle(description: "several servers with constant service",
                 json: S.document(producers: S.producer(arrivals: Self.poisson), consumers: S.consumer(service: #"{"constant": "100ms"}"#, #""instances": 3"#)),
                 reason: "M/D/3 (non-exponential service with more than one server) has no closed form"),
        Obstacle(description: "a backlog at the start",
                 json: S.document(brokers: #"{"name": "jobs", "initialBacklog": 100}"#, producers: S.producer(arrivals: Self.poisson)),
                 reason: #""jobs" starts with a backlog: the run is a transient, not a steady state"#),
        Obstacle(description: "no consumer",
                 json: S.document(brokers: #"{"name": "jobs"}, {"name": "idle"}"#, producers: S.producer(arrivals: Self.poisson) + ", " + S.producer(name: "x", publishTo: "idle", arrivals: Self.poisson)),
                 reason: #"no consumer reads "idle""#, queue: 1),
    ]

    @Test(arguments: obstacles)
    func saysWhyNoModelApplies(_ o: Obstacle) throws {
        let v = try Self.verdict(o.json, queue: o.queue)
        #expect(v.reason == o.reason)
        #expect(v.prediction == nil)
    }

    /// Every queue of every bundled scenario: its model, or the start of its reason.
    static let bundled: [(file: String, queue: String, expected: String)] = [
        ("competing-consumers.json", "jobs-too-few", "M/M/c"),
        ("competing-consumers.json", "jobs-enough", "M/M/c"),
        ("fifo-message-groups.json", "payments-no-groups", "M/M/c"),
        ("fifo-message-groups.json", "payments", "queue \"payments\" delivers one message per group"),
        ("priority-starvation.json", "batch-q", "M/M/1"),
        ("priority-starvation.json", "interactive-q", "producer \"interactive-2\" changes its rate"),
        ("task-queue.json", "jobs", "M/M/c"),
        ("retry-backoff.json", "calls-immediate", "consumer \"immediate\" fails some attempts"),
        ("notification-fanout.json", "email-q", "M/G/10 (non-exponential service"),
        ("notification-fanout.json", "sms-q", "subscription \"sms\" filters"),
        ("topic-exchange-routing.json", "kernel-q", "messages reach \"kernel-q\" through exchange \"logs\""),
        ("idempotent-consumer.json", "payments", "queue \"payments\" has a visibility timeout"),
        ("ttl-expiry.json", "alerts-head", "producer \"alerts-h\" sets a message TTL"),
        ("backlog-drain.json", "jobs-10", "\"jobs-10\" starts with a backlog"),
        ("saga.json", "ship-order", "consumer \"payment\" publishes into \"ship-order\""),
        ("request-reply.json", "quote-replies", "\"quote-replies\" receives replies"),
        ("autoscaling.json", "emails", "consumer \"mailers\" pauses"),
        ("poison-pills.json", "orders", "producer \"shop-b\" publishes poison messages"),
    ]

    @Test func bundledScenariosGetAModelOrAReason() throws {
        let root = Repository.root
        for entry in Self.bundled {
            let scenario = try Scenario.load(path: root.appendingPathComponent("Scenarios/\(entry.file)").path)
            let index = try #require(scenario.model.queues.firstIndex { $0.name == entry.queue })
            let v = scenario.model.theory(for: QueueID(index))
            let said = v.prediction?.model ?? v.reason ?? ""
            #expect(said.hasPrefix(entry.expected), "\(entry.file) \(entry.queue): \(said)")
        }
    }
}
