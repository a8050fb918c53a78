import Expectations
import Foundation

extension Scenario {
    /// Reads a JSON array of expectations (the form of a scenario's `expect`) on its own, for
    /// files other than scenarios that state requirements (such as exercises' objectives).
    /// Metrics are not checked here: call `checkExpectations(against:)` on the scenario they
    /// apply to.
    /// - Parameters:
    ///   - data: the JSON text of an array.
    ///   - file: names the source in error messages.
    ///   - path: the JSON path of the array in that file (`$.objectives`).
    /// - Throws: `ScenarioErrors` listing every malformed item, with its JSON path.
    public static func readExpectations(_ data: Data, file: String, path: String = "$") throws(ScenarioErrors) -> [MetricExpectation] {
        let diagnostics = Diagnostics(file: file)
        let root: JSONValue
        do {
            (root, _) = try JSONText.parse(data)
        } catch {
            throw ScenarioErrors([ScenarioError(file: file, path: path, message: error.message)])
        }
        guard case .array(let elements) = root else {
            throw ScenarioErrors([ScenarioError(file: file, path: path, message: "expected an array of expectations, found \(root.brief)")])
        }
        let reader = ScenarioReader(diagnostics: diagnostics)
        let list = elements.enumerated().map { (value: $0.element, path: "\(path)[\($0.offset)]") }
        let result = reader.readExpectations(list)
        if !diagnostics.isEmpty { throw ScenarioErrors(diagnostics.errors, omitted: diagnostics.omitted) }
        return result
    }

    /// Checks every expectation's metric against `catalog` (the fields the report of this
    /// scenario has) and its value's unit against the field's kind; records each field's kind
    /// in `expectations`.
    ///
    /// - Throws: `ScenarioErrors`, one per problem in document order: an unknown metric (with
    ///   "did you mean" and the valid keys at the point where the path went wrong), a metric
    ///   naming an entity the scenario lacks, a path to a group of figures rather than one, or
    ///   a unit that does not fit the field (a duration for a count).
    public mutating func checkExpectations(against catalog: MetricCatalog) throws(ScenarioErrors) {
        var errors: [ScenarioError] = []
        for index in expectations.indices {
            let expectation = expectations[index]
            guard let kind = catalog.kind(of: expectation.path) else {
                errors.append(ScenarioError(file: file, path: expectation.metricPath,
                                            message: Scenario.unknownMetricMessage(expectation.metric, catalog: catalog)))
                continue
            }
            expectations[index].kind = kind
            if !expectation.value.unit.fits(kind) {
                let suggestion: String
                switch kind {
                case .seconds: suggestion = "a duration such as \"2s\" or a number of seconds"
                case .perSecond: suggestion = "a rate such as \"100/s\" or a number per second"
                case .fraction: suggestion = "a percentage such as \"5%\" or a fraction from 0 to 1"
                case .count: suggestion = "a plain number"
                }
                errors.append(ScenarioError(file: file, path: expectation.valuePath,
                                            message: "\"\(expectation.value.text)\" is \(expectation.value.unit.article), but \"\(expectation.metric)\" is \(kind.description); expected \(suggestion)"))
            }
        }
        if !errors.isEmpty { throw ScenarioErrors(errors) }
    }

    /// Why `metric` is not one numeric field of the report `catalog` describes — the message
    /// a scenario's `expect` gets: "did you mean" and the valid keys where the path went
    /// wrong, a missing entity, or a group of figures — or nil when it is one. For metrics
    /// named outside a scenario file (`mqlab sweep --metric`).
    public static func metricProblem(_ metric: String, in catalog: MetricCatalog) -> String? {
        catalog.kind(of: ReportPath(metric)) == nil ? unknownMetricMessage(metric, catalog: catalog) : nil
    }

    /// Report sections present only when a feature is on, and the feature (for messages; the
    /// valid paths themselves come from the report of the scenario's model).
    static let optionalSections: [String: String] = [
        "producers": "a producer rate limit or a queue capacity",
        "requestReply": "producers that send requests",
        "sagas": "producers that start sagas",
        "capacity": "a queue length limit (maxLength)",
        "partitions": "a stream",
        "groups": "a stream read by consumer groups",
        "routing": "a topic or an exchange",
        "ordering": "ordering tracked (message keys or message groups)",
        "rateLimit": "a rate limit on this entity",
        "resequencing": "a resequencing consumer",
        "autoscaling": "autoscaling",
        "circuitBreaker": "a circuit breaker",
        "downstream": "a downstream dependency",
        "pausedSeconds": "consumer pauses",
        "byPriority": "message priorities",
        "orderingViolations": "ordering tracked (message keys)",
    ]

    /// Why `metric` is not a numeric field of the report, found by following it through the
    /// catalog segment by segment.
    static func unknownMetricMessage(_ metric: String, catalog: MetricCatalog) -> String {
        // The longest valid prefix: an entity name may itself contain dots, so try each
        // entity map's names before splitting on ".".
        var prefix = ReportPath.root
        var rest = Substring(metric)
        while !rest.isEmpty {
            if let map = catalog.entityMaps.first(where: { $0.prefix == prefix }) {
                guard let name = ReportPath.longestName(map.names, startingAt: rest) else {
                    let wanted = ReportPath.firstSegment(of: rest)
                    let list = map.names.isEmpty ? "there are none" : "\(map.plural): \(NameList.short(map.names))"
                    return "unknown metric \"\(metric)\": no \(map.noun) named \"\(wanted)\" in this scenario\(Suggestion.didYouMean(wanted, in: map.names)); \(list)"
                }
                prefix = prefix.appending(key: name)
                rest = rest.dropFirst(name.count)
                if rest.first == "." { rest = rest.dropFirst() }
                continue
            }
            let segment = ReportPath.firstSegment(of: rest)
            let next = segment.hasPrefix("[") ? ReportPath(prefix.text + segment) : prefix.appending(key: segment)
            guard catalog.hasPrefix(next) else {
                let valid = catalog.children(of: prefix)
                let hint = Suggestion.didYouMean(segment, in: valid)
                let whole = hint.isEmpty ? Suggestion.didYouMean(metric, in: catalog.paths.map(\.text)) : ""
                let place = prefix.isRoot ? "at the top of the report" : "under \"\(prefix)\""
                let list = valid.isEmpty ? "" : "; valid there: \(NameList.short(valid))"
                let feature = optionalSections[segment].map { "; \"\(segment)\" is in the report only with \($0), which this scenario does not use" } ?? ""
                return "unknown metric \"\(metric)\": no numeric field \"\(segment)\" \(place)\(hint)\(whole)\(feature)\(list)"
            }
            prefix = next
            rest = rest.dropFirst(segment.count)
            if rest.first == "." { rest = rest.dropFirst() }
        }
        let valid = catalog.children(of: prefix)
        if valid.isEmpty {
            return "\"\(metric)\" is not a number in the report; expected the path of a numeric field"
        }
        return "\"\(metric)\" is a group of figures, not one number; add one of: \(NameList.short(valid.map { $0.hasPrefix("[") ? $0 : "." + $0 }))"
    }
}
