import SimulationKernel

extension ScenarioReader {
    static let distributionKinds = ["constant", "exponential", "uniform", "normal", "lognormal", "erlang", "empirical"]
    static let arrivalKinds = ["poisson", "constant", "interarrival", "schedule"]

    /// The single key of a one-key object such as `{"exponential": {...}}`, or nil with an error.
    private func soleKey(_ reader: ObjectReader, kinds: [String], what: String) -> String? {
        let keys = reader.fields.keys.sorted()
        guard keys.count == 1, let key = keys.first else {
            diagnostics.report(reader.path, "expected \(article(what)) \(what) with exactly one key (one of: \(kinds.joined(separator: ", "))), found \(keys.isEmpty ? "{}" : "keys " + keys.joined(separator: ", "))")
            return nil
        }
        guard kinds.contains(key) else {
            reader.report(key, "unknown \(what) \"\(key)\"\(Suggestion.didYouMean(key, in: kinds)); expected one of: \(kinds.joined(separator: ", "))")
            return nil
        }
        return key
    }

    private func article(_ noun: String) -> String { "aeiou".contains(noun.first ?? "x") ? "an" : "a" }

    /// `{"constant": "40ms"}`, `{"exponential": {"mean": "40ms"}}`, … (all times in seconds
    /// or with a unit).
    func readDistribution(_ reader: ObjectReader) -> Distribution? {
        guard let kind = soleKey(reader, kinds: Self.distributionKinds, what: "distribution") else { return nil }
        if kind == "constant" {
            return reader.duration("constant").map(Distribution.constant)
        }
        guard let parameters = reader.object(kind) else { return nil }
        defer { parameters.finish() }
        switch kind {
        case "exponential":
            guard let mean = parameters.duration("mean", required: true, positive: true) else { return nil }
            return .exponential(mean: mean)
        case "uniform":
            let low = parameters.duration("min", required: true)
            let high = parameters.duration("max", required: true)
            guard let low, let high else { return nil }
            guard low <= high else {
                parameters.report("max", "expected max ≥ min (\(low) s), found \(high) s")
                return nil
            }
            return .uniform(min: low, max: high)
        case "normal", "lognormal":
            let mean = parameters.duration("mean", required: true, positive: true)
            let stddev = parameters.duration("stddev", required: true)
            guard let mean, let stddev else { return nil }
            return kind == "normal" ? .normal(mean: mean, stddev: stddev) : .lognormal(mean: mean, stddev: stddev)
        case "erlang":
            let k = parameters.integer("k", in: 1...10_000, required: true)
            let mean = parameters.duration("mean", required: true, positive: true)
            guard let k, let mean else { return nil }
            return .erlang(k: k, mean: mean)
        default: // empirical
            guard let values = parameters.array("values", required: true) else { return nil }
            guard !values.isEmpty else {
                parameters.report("values", "expected at least one duration, found []")
                return nil
            }
            let parsed = values.compactMap {
                DurationSyntax.read($0.value, path: $0.path, positive: false, diagnostics: diagnostics, warnBareNumber: false)
            }
            // One warning for the list, not one per value.
            if let bare = values.first(where: { if case .number(let n) = $0.value { return n != 0 } else { return false } }),
               case .number(let n) = bare.value {
                diagnostics.warn(parameters.path("values"), code: ScenarioWarning.bareNumberDuration,
                                 "bare numbers are read as seconds (\(bare.path) is \(JSONValue.format(n)) s); write the values with a unit, such as \"\(JSONValue.format(n))s\" (or \"\(JSONValue.format(n))ms\" if milliseconds were meant)")
            }
            return parsed.count == values.count ? .empirical(parsed) : nil
        }
    }

    /// `{"poisson": {"rate": R}}`, `{"constant": {"rate": R}}`, `{"interarrival": <distribution>}`
    /// or `{"schedule": [{"at": D, "rate": R}, …]}` (rates per second).
    func readArrivals(_ reader: ObjectReader) -> ArrivalProcess? {
        guard let kind = soleKey(reader, kinds: Self.arrivalKinds, what: "arrival process") else { return nil }
        switch kind {
        case "poisson", "constant":
            guard let parameters = reader.object(kind) else { return nil }
            defer { parameters.finish() }
            guard let rate = parameters.rate("rate") else { return nil }
            return kind == "poisson" ? .poisson(ratePerSecond: rate) : .constant(ratePerSecond: rate)
        case "interarrival":
            guard let parameters = reader.object(kind), let gaps = readDistribution(parameters) else { return nil }
            if gaps.mean <= 0 {
                diagnostics.report(parameters.path, "expected inter-arrival times with a mean > 0 (a zero gap would publish without end at one instant)")
                return nil
            }
            return .interarrival(gaps)
        default: // schedule
            guard let steps = reader.array("schedule") else { return nil }
            guard !steps.isEmpty else {
                reader.report("schedule", "expected at least one {\"at\", \"rate\"} step, found []")
                return nil
            }
            var segments: [ArrivalProcess.RateSegment] = []
            var valid = true
            for (value, path) in steps {
                guard let step = ObjectReader(value, path: path, diagnostics: diagnostics) else { valid = false; continue }
                let at = step.duration("at", required: true)
                let rate = step.rate("rate", allowZero: true)
                step.finish()
                guard let at, let rate else { valid = false; continue }
                if let previous = segments.last, SimTime.zero + SimDuration(seconds: at) <= previous.at {
                    step.report("at", "expected steps in increasing time order, found \(JSONValue.format(at)) s after \(JSONValue.format(previous.at.seconds)) s")
                    valid = false
                }
                segments.append(.init(at: SimTime.zero + SimDuration(seconds: at), ratePerSecond: rate))
            }
            if valid && !segments.contains(where: { $0.ratePerSecond > 0 }) {
                reader.report("schedule", "expected at least one step with a rate > 0")
                valid = false
            }
            return valid ? .schedule(segments) : nil
        }
    }
}
