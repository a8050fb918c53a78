import Foundation
import Technologies

extension AdviseCommand {
    /// A starter scenario for the workload the answers describe, in technology-neutral terms so
    /// it can run on each technology: Poisson arrivals at the peak rate, and a pool of workers
    /// with exponential service sized to about 70% utilization (`⌈rate × mean / 0.7⌉`
    /// instances). With replay, the queue is a stream with a partition per worker, read by a
    /// live group and by a replay group that joins halfway through from the earliest offset;
    /// records go to partitions round robin, so each partition carries an equal share (sticky
    /// batches of keyless records would arrive in bursts and queue longer at the same load).
    struct StarterScenario {
        /// Target utilization of the worker pool.
        static let targetUtilization = 0.7
        /// Largest instance count a scenario accepts (the reader's limit).
        static let maxInstances = 100_000

        var ratePerSecond: Double
        var serviceMeanSeconds: Double
        var replay: Bool
        var pick: Technology

        /// Worker instances for ~70% utilization.
        var workers: Int { Int((ratePerSecond * serviceMeanSeconds / Self.targetUtilization).rounded(.up)) }
        /// Utilization the pool will have: rate × mean / workers.
        var utilization: Double { ratePerSecond * serviceMeanSeconds / Double(workers) }
        /// About 100,000 messages, between 1 s (a minute for a stream, whose groups spend their
        /// first 3 s forming) and 10 min of simulated time [s].
        var durationSeconds: Int { max(replay ? 60 : 1, min(600, Int((100_000 / ratePerSecond).rounded(.up)))) }

        /// - Throws: `UsageError` when the pool would need more instances than a scenario allows.
        func check() throws(UsageError) {
            guard workers <= Self.maxInstances else {
                throw UsageError("--write: \(AdviceAnswers.format(ratePerSecond))/s with a \(Self.durationText(serviceMeanSeconds)) mean service needs \(workers) workers, more than the \(Self.maxInstances) a scenario allows; give a shorter --service-mean")
            }
        }

        /// The scenario file's text (JSON, ending with a newline).
        var json: String {
            let rate = AdviceAnswers.format(ratePerSecond)
            let mean = Self.durationText(serviceMeanSeconds)
            let percent = String(format: "%.0f", utilization * 100)
            let name = "starter-" + pick.rawValue
            var lines = [
                "{",
                "  \"version\": 1,",
                "  \"name\": \"\(name)\",",
            ]
            let service = "\"service\": { \"exponential\": { \"mean\": \"\(mean)\" } }"
            if replay {
                lines.append("  \"description\": \"Starter workload written by mqlab advise (pick: \(pick.rawValue)): events arrive at \(rate)/s (Poisson) on a stream with \(workers) partitions (spread round robin: give the messages keys to model per-key order); the live group's \(workers) consumers (\(mean) mean each) run at about \(percent)% utilization, and a replay group joins halfway through and reads the log again from the earliest offset. Look at each group's lag (the live group's first seconds are its first rebalance, 3 s as Kafka's group.initial.rebalance.delay.ms, not overload) and how long the replay takes to catch up. Edit the rate, service and partitions to your system.\",")
                lines += [
                    "  \"seed\": 1,",
                    "  \"duration\": \"\(durationSeconds)s\",",
                    "  \"drainTimeout\": \"1h\",",
                    "  \"brokers\": [",
                    "    { \"name\": \"events\", \"type\": \"stream\", \"partitions\": \(workers), \"partitioner\": \"roundRobin\", \"retention\": \"7d\" }",
                    "  ],",
                    "  \"producers\": [",
                    "    { \"name\": \"producer\", \"publishTo\": \"events\", \"arrivals\": { \"poisson\": { \"rate\": \(rate) } } }",
                    "  ],",
                    "  \"consumers\": [",
                    "    { \"name\": \"live\", \"consumeFrom\": \"events\", \"group\": \"live\", \"instances\": \(workers),",
                    "      \(service) },",
                    "    { \"name\": \"replay\", \"consumeFrom\": \"events\", \"group\": \"replay\", \"instances\": \(workers),",
                    "      \"joinAt\": \"\(max(1, durationSeconds / 2))s\", \"startAt\": \"earliest\",",
                    "      \(service) }",
                    "  ]",
                    "}",
                ]
            } else {
                lines.append("  \"description\": \"Starter workload written by mqlab advise (pick: \(pick.rawValue)): jobs arrive at \(rate)/s (Poisson) on one queue served by \(workers) workers (\(mean) mean each), about \(percent)% utilization. Look at queue wait and end-to-end percentiles, queue depth and the ledger. Edit the rate, service and workers to your system.\",")
                lines += [
                    "  \"seed\": 1,",
                    "  \"duration\": \"\(durationSeconds)s\",",
                    "  \"drainTimeout\": \"1h\",",
                    "  \"brokers\": [",
                    "    { \"name\": \"work\", \"type\": \"queue\" }",
                    "  ],",
                    "  \"producers\": [",
                    "    { \"name\": \"producer\", \"publishTo\": \"work\", \"arrivals\": { \"poisson\": { \"rate\": \(rate) } } }",
                    "  ],",
                    "  \"consumers\": [",
                    "    { \"name\": \"workers\", \"consumeFrom\": \"work\", \"instances\": \(workers),",
                    "      \(service) }",
                    "  ]",
                    "}",
                ]
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// A duration as a scenario writes it: whole milliseconds as "50ms", else seconds.
        static func durationText(_ seconds: Double) -> String {
            let ms = seconds * 1000
            if ms == ms.rounded(), ms < 1e12 { return "\(Int64(ms))ms" }
            return "\(seconds)s"
        }
    }
}
