import MessagingModels
import SimulationKernel

extension ScenarioReader {
    /// Reads the top-level `faults` list: each entry `{"at": D, "crash": STREAM,
    /// "partition": N}` fails that partition's leader at `at` (see `StreamFault`).
    func readStreamFaults(_ top: ObjectReader, streams: [StreamConfiguration], brokerNames: [String],
                          streamIndex: (String) -> Int?) -> [StreamFault] {
        guard let list = top.array("faults") else { return [] }
        var faults: [StreamFault] = []
        for (value, path) in list {
            guard let fault = ObjectReader(value, path: path, diagnostics: diagnostics) else { continue }
            let at = fault.duration("at", required: true)
            let target = fault.string("crash", required: true)
            let partition = fault.integer("partition", in: 0...Int.max, required: true)
            fault.finish()
            guard let target else { continue }
            guard let s = streamIndex(target) else {
                let names = streams.map(\.name)
                let known = brokerNames.contains(target) ? "\"\(target)\" is not a stream" : "no stream named \"\(target)\"\(Suggestion.didYouMean(target, in: names))"
                fault.report("crash", "\(known); a crash fault names a stream\(names.isEmpty ? " and there is none" : ": " + names.joined(separator: ", "))")
                continue
            }
            let stream = streams[s]
            if let partition, partition >= stream.partitions {
                fault.report("partition", "expected a partition of \"\(target)\" from 0 to \(stream.partitions - 1), found \(partition)")
                continue
            }
            if stream.replicas < 2 {
                fault.report("crash", "a leader failover needs a follower: set \"replicas\" ≥ 2 on \"\(target)\" (it has \(stream.replicas))")
                continue
            }
            guard let at, let partition else { continue }
            faults.append(StreamFault(at: SimTime.zero + SimDuration(seconds: at), stream: StreamID(s), partition: partition))
        }
        return faults
    }
}
