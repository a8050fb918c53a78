import MessagingModels

extension ScenarioReader {
    /// The longest routing key AMQP 0-9-1 carries (a `shortstr`) [bytes].
    /// - Note: Source: AMQP 0-9-1 specification, domain `shortstr` (at most 255 octets); RabbitMQ
    ///   tutorial 5 (https://www.rabbitmq.com/tutorials/tutorial-five-python: "up to the limit of
    ///   255 bytes").
    static let maxRoutingKeyBytes = 255

    /// Reads the `routingKey` and `headers` keys of `reader` (a producer's `message` object or
    /// a consumer's publish action) into a template; nil when neither is set or one is invalid.
    ///
    /// ```json
    /// { "routingKey": "order.eu" | { "oneOf": ["order.eu", "order.us"], "weights": [3, 1] },
    ///   "headers": { "region": "eu" | { "oneOf": ["eu", "us"] }, "priority": 5, "vip": true } }
    /// ```
    func readMessageTemplate(_ reader: ObjectReader) -> (template: MessageTemplate?, valid: Bool) {
        var valid = true
        var routingKey = WeightedChoice<String>(fixed: "")
        var headers: [MessageTemplate.Header] = []
        let hasRoutingKey = reader.has("routingKey")
        if let value = reader.value("routingKey") {
            if let choice = readChoice(value, path: reader.path("routingKey"), what: "a routing key", parse: readRoutingKey) {
                routingKey = choice
            } else {
                valid = false
            }
        }
        let hasHeaders = reader.has("headers")
        if let table = reader.object("headers") {
            for name in table.fields.keys.sorted() {
                guard let value = table.value(name) else {
                    table.report(name, "expected a header value (a string, number or boolean, or {\"oneOf\": […]}), found null")
                    valid = false
                    continue
                }
                if let choice = readChoice(value, path: table.path(name), what: "a header value", parse: readHeaderValue) {
                    headers.append(MessageTemplate.Header(name: name, values: choice))
                } else {
                    valid = false
                }
            }
        } else if hasHeaders {
            valid = false
        }
        guard valid, hasRoutingKey || hasHeaders else { return (nil, valid) }
        let template = MessageTemplate(routingKey: routingKey, headers: headers)
        let variants = headers.reduce(routingKey.count) { $0.multipliedReportingOverflow(by: $1.values.count).overflow ? Int.max : $0 * $1.values.count }
        guard variants <= MessageTemplate.maxVariants else {
            diagnostics.report(reader.path, "expected at most \(MessageTemplate.maxVariants) combinations of routing key and header values, found \(variants == Int.max ? "more" : String(variants))")
            return (nil, false)
        }
        return (template, true)
    }

    /// A value or `{"oneOf": [values], "weights": [numbers]}`.
    func readChoice<V: Sendable & Equatable>(
        _ value: JSONValue, path: String, what: String, parse: (JSONValue, String) -> V?
    ) -> WeightedChoice<V>? {
        guard case .object = value else {
            return parse(value, path).map { WeightedChoice(fixed: $0) }
        }
        guard let reader = ObjectReader(value, path: path, diagnostics: diagnostics) else { return nil }
        defer { reader.finish() }
        guard let options = reader.array("oneOf", required: true) else { return nil }
        guard !options.isEmpty else {
            reader.report("oneOf", "expected at least one value, found []")
            return nil
        }
        let values = options.compactMap { parse($0.value, $0.path) }
        var weights: [Double]?
        if let list = reader.array("weights") {
            var parsed: [Double] = []
            for (element, elementPath) in list {
                guard case .number(let w) = element, w.isFinite, w >= 0 else {
                    diagnostics.report(elementPath, "expected a weight ≥ 0, found \(element.brief)")
                    continue
                }
                parsed.append(w)
            }
            if list.count != options.count {
                reader.report("weights", "expected one weight per value of \"oneOf\" (\(options.count)), found \(list.count)")
                return nil
            }
            guard parsed.count == list.count else { return nil }
            if !parsed.contains(where: { $0 > 0 }) {
                reader.report("weights", "expected at least one weight > 0")
                return nil
            }
            weights = parsed
        }
        guard values.count == options.count else { return nil }
        return WeightedChoice(values, weights: weights)
    }

    func readRoutingKey(_ value: JSONValue, _ path: String) -> String? {
        guard case .string(let key) = value else {
            diagnostics.report(path, "expected a routing key (a string), found \(value.brief)")
            return nil
        }
        guard key.utf8.count <= Self.maxRoutingKeyBytes else {
            diagnostics.report(path, "expected a routing key of at most \(Self.maxRoutingKeyBytes) bytes (AMQP shortstr), found \(key.utf8.count) bytes")
            return nil
        }
        return key
    }

    /// A header value: a string, a number (an integer when it has no fraction) or a boolean.
    func readHeaderValue(_ value: JSONValue, _ path: String) -> HeaderValue? {
        switch value {
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .number(let n):
            if n == n.rounded(), abs(n) < 9e15 { return .integer(Int64(n)) }
            return .double(n)
        default:
            diagnostics.report(path, "expected a header value (a string, number or boolean), found \(value.brief)")
            return nil
        }
    }
}
