import MessagingModels

extension ScenarioReader {
    static let filterOperators = ["prefix", "suffix", "numeric", "exists", "anything-but"]

    /// Reads an SNS filter policy: `{"attribute": [condition, …], …}` (a single condition may
    /// stand without the list).
    ///
    /// Conditions: a string or number (exact match), `{"prefix": S}`, `{"suffix": S}`,
    /// `{"numeric": ["=", N]}` or `{"numeric": [">=", LOW, "<", HIGH]}`, `{"exists": BOOL}`,
    /// `{"anything-but": VALUE | [VALUES] | {"prefix": S}}`.
    /// - Note: Source: AWS SNS "Subscription filter policy constraints": at most 5 keys,
    ///   numbers from −1e9 to 1e9
    ///   (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html).
    func readFilterPolicy(_ value: JSONValue, path: String) -> FilterPolicy? {
        guard case .object(let fields) = value else {
            diagnostics.report(path, "expected a filter policy object ({\"attribute\": [values]}), found \(value.brief)")
            return nil
        }
        if fields.count > FilterPolicy.maxKeys {
            diagnostics.report(path, "expected at most \(FilterPolicy.maxKeys) attribute names in a filter policy (an SNS limit), found \(fields.count)")
            return nil
        }
        var policy: [String: [FilterPolicy.Condition]] = [:]
        var valid = true
        for name in fields.keys.sorted() {
            let keyPath = ObjectReader.join(path, name)
            let elements: [(JSONValue, String)]
            if case .array(let list)? = fields[name] {
                guard !list.isEmpty else {
                    diagnostics.report(keyPath, "expected at least one condition, found []")
                    valid = false
                    continue
                }
                elements = list.enumerated().map { ($0.element, "\(keyPath)[\($0.offset)]") }
            } else {
                elements = [(fields[name] ?? .null, keyPath)]
            }
            var conditions: [FilterPolicy.Condition] = []
            for (element, elementPath) in elements {
                if let condition = readFilterCondition(element, path: elementPath) { conditions.append(condition) } else { valid = false }
            }
            policy[name] = conditions
        }
        return valid ? FilterPolicy(policy) : nil
    }

    private func readFilterNumber(_ value: JSONValue, path: String) -> Double? {
        guard case .number(let n) = value, n.isFinite, abs(n) <= FilterPolicy.numericLimit else {
            diagnostics.report(path, "expected a number from -1e9 to 1e9 (an SNS limit), found \(value.brief)")
            return nil
        }
        return n
    }

    private func readFilterCondition(_ value: JSONValue, path: String) -> FilterPolicy.Condition? {
        switch value {
        case .string(let s): return .equals(s)
        case .number: return readFilterNumber(value, path: path).map(FilterPolicy.Condition.equalsNumber)
        case .object(let fields):
            guard fields.count == 1, let op = fields.keys.first, let operand = fields[op] else {
                diagnostics.report(path, "expected a condition with exactly one key (one of: \(Self.filterOperators.joined(separator: ", "))), found \(fields.isEmpty ? "{}" : "keys " + fields.keys.sorted().joined(separator: ", "))")
                return nil
            }
            let operandPath = ObjectReader.join(path, op)
            switch op {
            case "prefix", "suffix":
                guard case .string(let s) = operand else {
                    diagnostics.report(operandPath, "expected a string, found \(operand.brief)")
                    return nil
                }
                return op == "prefix" ? .prefix(s) : .suffix(s)
            case "exists":
                guard case .bool(let b) = operand else {
                    diagnostics.report(operandPath, "expected true or false, found \(operand.brief)")
                    return nil
                }
                return .exists(b)
            case "numeric":
                return readNumericCondition(operand, path: operandPath)
            case "anything-but":
                return readAnythingBut(operand, path: operandPath)
            default:
                diagnostics.report(operandPath, "unknown filter operator \"\(op)\"\(Suggestion.didYouMean(op, in: Self.filterOperators)); expected one of: \(Self.filterOperators.joined(separator: ", "))")
                return nil
            }
        default:
            diagnostics.report(path, "expected a filter condition (a string, a number or an object such as {\"prefix\": \"eu-\"}), found \(value.brief)")
            return nil
        }
    }

    /// `["=", N]`, `[OP, N]` or `[">" | ">=", LOW, "<" | "<=", HIGH]` with LOW < HIGH.
    private func readNumericCondition(_ value: JSONValue, path: String) -> FilterPolicy.Condition? {
        let shape = "expected [operator, number] or [\">\" or \">=\", low, \"<\" or \"<=\", high] (operators: =, <, <=, >, >=)"
        guard case .array(let list) = value, list.count == 2 || list.count == 4 else {
            diagnostics.report(path, "\(shape), found \(value.brief)")
            return nil
        }
        var bounds: [(FilterPolicy.Comparison, Double)] = []
        for pair in stride(from: 0, to: list.count, by: 2) {
            guard case .string(let text) = list[pair], let op = FilterPolicy.Comparison(rawValue: text) else {
                diagnostics.report("\(path)[\(pair)]", "\(shape), found \(list[pair].brief)")
                return nil
            }
            guard let number = readFilterNumber(list[pair + 1], path: "\(path)[\(pair + 1)]") else { return nil }
            bounds.append((op, number))
        }
        if bounds.count == 2 {
            let lowerOK = bounds[0].0 == .greater || bounds[0].0 == .greaterOrEqual
            let upperOK = bounds[1].0 == .less || bounds[1].0 == .lessOrEqual
            guard lowerOK, upperOK, bounds[0].1 < bounds[1].1 else {
                diagnostics.report(path, "\(shape) with low < high, found a range from \(bounds[0].0.rawValue) \(JSONValue.format(bounds[0].1)) to \(bounds[1].0.rawValue) \(JSONValue.format(bounds[1].1))")
                return nil
            }
        }
        return .numeric(bounds)
    }

    /// A value, a list of values, or `{"prefix": S}`.
    private func readAnythingBut(_ value: JSONValue, path: String) -> FilterPolicy.Condition? {
        func excluded(_ element: JSONValue, _ elementPath: String) -> FilterPolicy.Excluded? {
            switch element {
            case .string(let s): return .string(s)
            case .number: return readFilterNumber(element, path: elementPath).map(FilterPolicy.Excluded.number)
            default:
                diagnostics.report(elementPath, "expected a string or a number, found \(element.brief)")
                return nil
            }
        }
        switch value {
        case .array(let list):
            guard !list.isEmpty else {
                diagnostics.report(path, "expected at least one value, found []")
                return nil
            }
            let values = list.enumerated().compactMap { excluded($0.element, "\(path)[\($0.offset)]") }
            return values.count == list.count ? .anythingBut(values) : nil
        case .object(let fields):
            guard fields.count == 1, case .string(let prefix)? = fields["prefix"] else {
                diagnostics.report(path, "expected {\"prefix\": \"…\"}, a value or a list of values, found \(value.brief)")
                return nil
            }
            return .anythingButPrefix(prefix)
        default:
            return excluded(value, path).map { .anythingBut([$0]) }
        }
    }
}
