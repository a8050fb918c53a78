import Foundation
import Testing

import MessagingModels

/// Routing and partitioning functions checked against the public test vectors in
/// `Tests/Fixtures/cases` (topic_routing.json, headers_routing.json, kafka_partitioner.json).
///
/// Every case of every file runs as one argument of a parameterized test; the inventory test
/// pins how many cases each file holds, so a fixture that fails to load or loses cases fails
/// loudly instead of silently running zero arguments.
@Suite struct RoutingTests {
    static let topicCases: [TopicCase] = (try? Fixtures.topicCases()) ?? []
    static let headersFile: HeadersFile? = try? Fixtures.headersFile()
    static let headersCases: [HeadersCase] = headersFile?.cases ?? []
    static let bindingValidationCases: [BindingValidationCase] = headersFile?.bindingValidation ?? []
    static let kafkaFile: KafkaFile? = try? Fixtures.kafkaFile()
    static let murmur2Cases: [Murmur2Case] = kafkaFile?.murmur2Vectors ?? []
    static let partitionCases: [PartitionCase] = kafkaFile?.partitionCases ?? []

    /// Header cases this implementation does not support; each entry names the case and why.
    /// Empty: the one quirk in the file (timestamp headers scaled to milliseconds) is modelled.
    static let unsupportedHeadersCaseIndices: [Int: String] = [:]

    // MARK: - Inventory

    @Test func fixturesLoadWithExpectedCaseCounts() throws {
        // Loading again with `try` surfaces the decoding error if a file is malformed.
        #expect(try Fixtures.topicCases().count == 376)
        let headers = try Fixtures.headersFile()
        #expect(headers.cases.count == 42)
        #expect(headers.bindingValidation.count == 7)
        let kafka = try Fixtures.kafkaFile()
        #expect(kafka.murmur2Vectors.count == 17)
        #expect(kafka.partitionCases.count == 110)

        #expect(Self.topicCases.count == 376)
        #expect(Self.headersCases.count == 42)
        #expect(Self.bindingValidationCases.count == 7)
        #expect(Self.murmur2Cases.count == 17)
        #expect(Self.partitionCases.count == 110)
    }

    @Test func headersQuirksAreSupportedNotSkipped() {
        let quirks = Self.headersCases.filter { $0.note?.contains("QUIRK") == true }
        #expect(quirks.map(\.index) == [41], "the timestamp ×1000 case is the only flagged quirk")
        #expect(Self.unsupportedHeadersCaseIndices.isEmpty, "skipped header cases: 0 of 42")
    }

    // MARK: - Topic exchange

    @Test(arguments: RoutingTests.topicCases)
    func topicVector(_ vector: TopicCase) {
        let pattern = TopicPattern(vector.pattern)
        #expect(
            pattern.matches(vector.routingKey) == vector.matches,
            "topic case \(vector.index): \(vector.source)")
    }

    @Test func topicMatchingAgreesWithBacktrackingReferenceOnSmallInputs() {
        let patternWords = ["a", "b", "*", "#", ""]
        let keyWords = ["a", "b", "", "*", "#"]
        let patterns = Set(Self.joinedWordLists(from: patternWords, maxWords: 4))
        let keys = Set(Self.joinedWordLists(from: keyWords, maxWords: 3))
        var disagreements: [String] = []
        for pattern in patterns.sorted() {
            let compiled = TopicPattern(pattern)
            for key in keys.sorted() where compiled.matches(key) != Self.referenceMatch(pattern, key) {
                disagreements.append("\(pattern) vs \(key)")
            }
        }
        #expect(disagreements.isEmpty)
    }

    @Test func topicMatchingHasNoExponentialBacktracking() {
        // A backtracking matcher explores on the order of C(90, 30) splits here.
        let pattern = TopicPattern(Array(repeating: "#.*", count: 30).joined(separator: ".") + ".b")
        let key = Array(repeating: "a", count: 60).joined(separator: ".")
        #expect(!pattern.matches(key))
        #expect(pattern.matches(key + ".b"))
        let hashes = TopicPattern(Array(repeating: "#", count: 1000).joined(separator: "."))
        #expect(hashes.matches(key))
        #expect(hashes.matches(""))
    }

    @Test func topicWordsAreBytesNotCharacters() {
        // A "." followed by a combining mark is one Character but still splits words.
        #expect(TopicPattern("*.*").matches(".\u{301}"))
        #expect(!TopicPattern("*").matches(".\u{301}"))
        // Canonically equivalent but byte-different words do not match (RabbitMQ compares binaries).
        #expect(!TopicPattern("caf\u{E9}.*").matches("cafe\u{301}.x"))
        #expect(!TopicPattern("caf\u{E9}").matches("cafe\u{301}"))
        #expect(TopicPattern("caf\u{E9}.*").matches("caf\u{E9}.x"))
        // Wildcards are whole words only.
        #expect(TopicPattern("a#").matches("a#"))
        #expect(!TopicPattern("a#").matches("ab"))
        #expect(TopicPattern("**").matches("**"))
        #expect(!TopicPattern("**").matches("ab"))
        #expect(TopicPattern("#.#").matches(""))
        #expect(TopicPattern("#.#").description == "#.#")
    }

    // MARK: - Headers exchange

    @Test(arguments: RoutingTests.headersCases)
    func headersVector(_ vector: HeadersCase) throws {
        let binding = try HeadersBinding(arguments: vector.bindingArguments)
        #expect(
            binding.matches(vector.messageHeaders) == vector.matches,
            "headers case \(vector.index) (x-match \(vector.xMatch)): \(vector.source)")
    }

    @Test(arguments: RoutingTests.bindingValidationCases)
    func headersBindingValidationVector(_ vector: BindingValidationCase) {
        var arguments: [String: HeaderValue] = ["k": "v"]
        if let xMatch = vector.xMatch { arguments["x-match"] = xMatch }
        let result = Result { () throws(HeadersBinding.ValidationError) in
            try HeadersBinding(arguments: arguments)
        }
        switch (result, vector.bindOK) {
        case (.success, true):
            break
        case (.failure(.invalidMatchType), false):
            #expect(vector.xMatch?.isString == false, "validation case \(vector.index): type error")
        case (.failure(.invalidMatchValue), false):
            #expect(vector.xMatch?.isString == true, "validation case \(vector.index): value error")
        default:
            Issue.record("validation case \(vector.index): expected bind_ok \(vector.bindOK), got \(result)")
        }
    }

    @Test func headersBindingModesAndErrors() throws {
        #expect(try HeadersBinding(arguments: [:]).mode == .all)
        for mode in HeadersBinding.MatchMode.allCases {
            #expect(try HeadersBinding(arguments: ["x-match": .string(mode.rawValue)]).mode == mode)
        }
        #expect(throws: HeadersBinding.ValidationError.invalidMatchValue("ALL")) {
            try HeadersBinding(arguments: ["x-match": "ALL"])
        }
        #expect(throws: HeadersBinding.ValidationError.invalidMatchType(.void)) {
            try HeadersBinding(arguments: ["x-match": .void])
        }
        #expect(
            HeadersBinding.ValidationError.invalidMatchType(23).description
                == "invalid x-match type integer (value 23); expected a string")

        let conditions: [String: HeaderValue] = ["a": 1, "x-b": .void, "x-match": "any"]
        let built = HeadersBinding(mode: .allWithX, conditions: conditions)
        #expect(built.arguments["x-match"] == "all-with-x")
        #expect(built == (try HeadersBinding(arguments: ["a": 1, "x-b": .void, "x-match": "all-with-x"])))
        #expect(built.matches(["a": 1, "x-b": "anything"]))
        #expect(!built.matches(["a": 1]))
    }

    @Test func headersValueEqualityFollowsRabbitMQTerms() {
        func matches(_ binding: HeaderValue, _ header: HeaderValue) -> Bool {
            HeadersBinding(mode: .all, conditions: ["k": binding]).matches(["k": header])
        }
        #expect(matches(1, 1))
        #expect(!matches(1, 1.0))
        #expect(!matches(1, "1"))
        #expect(!matches(true, 1))
        #expect(matches(1.5, 1.5))
        #expect(!matches(0.0, -0.0))
        #expect(!matches(.double(.nan), .double(.nan)))
        #expect(!matches("caf\u{E9}", "cafe\u{301}"))
        // Message timestamps are scaled to milliseconds; binding values are not.
        #expect(matches(.timestamp(7), 7))
        #expect(matches(7000, .timestamp(7)))
        #expect(!matches(.timestamp(7), .timestamp(7)))
        #expect(matches(.timestamp(0), .timestamp(0)))
        #expect(!matches(.integer(.max), .timestamp(.max)))  // overflows Int64: no trap, no match
        #expect(!matches(.integer(.min), .timestamp(.min)))
        // Only "x-" (lowercase, byte prefix) is special.
        #expect(HeadersBinding(mode: .any, conditions: ["X-k": 1]).matches(["X-k": 1]))
        #expect(!HeadersBinding(mode: .any, conditions: ["x-k": 1]).matches(["x-k": 1]))
        #expect(HeadersBinding(mode: .anyWithX, conditions: ["x-k": 1]).matches(["x-k": 1]))
    }

    // MARK: - Kafka partitioner

    @Test(arguments: RoutingTests.murmur2Cases)
    func murmur2Vector(_ vector: Murmur2Case) {
        #expect(
            KafkaPartitioner.murmur2(Array(vector.key.utf8)) == vector.murmur2,
            "murmur2 case \(vector.index) \"\(vector.key)\": \(vector.source)")
        #expect(KafkaPartitioner.murmur2(vector.key.utf8) == vector.murmur2)
        if let unsigned = vector.murmur2HexU32 {
            #expect(Int32(bitPattern: unsigned) == vector.murmur2, "hex and decimal agree in case \(vector.index)")
        }
    }

    @Test(arguments: RoutingTests.partitionCases)
    func partitionVector(_ vector: PartitionCase) {
        let partition: Int
        switch vector.key {
        case .string(let key):
            partition = KafkaPartitioner.partition(forKey: key, partitions: vector.partitions)
        case .bytes(let bytes):
            partition = KafkaPartitioner.partition(forKeyBytes: bytes, partitions: vector.partitions)
        }
        #expect(partition == vector.expectedPartition, "partition case \(vector.index): \(vector.source)")
    }

    @Test func partitionerEdgeCasesDoNotTrap() {
        #expect(KafkaPartitioner.toPositive(.min) == 0)
        #expect(KafkaPartitioner.toPositive(-1) == .max)
        #expect(KafkaPartitioner.toPositive(5) == 5)
        #expect(KafkaPartitioner.murmur2([UInt8]()) == 275_646_681)
        #expect(KafkaPartitioner.partition(forKey: "", partitions: 10) == 275_646_681 % 10)
        #expect(KafkaPartitioner.partition(forKey: "k", partitions: 0) == 0)
        #expect(KafkaPartitioner.partition(forKey: "k", partitions: -3) == 0)
        #expect(KafkaPartitioner.partition(forKey: "k", partitions: 1) == 0)
        let huge = KafkaPartitioner.partition(forKey: "kafka", partitions: .max)
        #expect(huge == Int(KafkaPartitioner.toPositive(KafkaPartitioner.murmur2("kafka".utf8))))
        let bytes: [UInt8] = Array(0...255)
        for length in 0...bytes.count {
            let prefix = bytes[..<length]
            #expect(KafkaPartitioner.murmur2(prefix) == KafkaPartitioner.murmur2(Array(prefix)))
        }
    }

    // MARK: - Reference topic matcher (tests only)

    /// All strings formed by joining 0…`maxWords` words from `alphabet` with ".".
    private static func joinedWordLists(from alphabet: [String], maxWords: Int) -> [String] {
        var results: [String] = [""]
        var frontier: [[String]] = [[]]
        for _ in 0..<maxWords {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + [$0] } }
            results += frontier.map { $0.joined(separator: ".") }
        }
        return results
    }

    /// The textbook recursive matcher over byte-split words; exponential, fine for tiny inputs.
    private static func referenceMatch(_ pattern: String, _ key: String) -> Bool {
        func words(_ text: String) -> [[UInt8]] {
            text.isEmpty ? [] : Array(text.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map(Array.init)
        }
        let patternWords = words(pattern)
        let keyWords = words(key)
        func match(_ p: Int, _ k: Int) -> Bool {
            if p == patternWords.count { return k == keyWords.count }
            switch patternWords[p] {
            case Array("#".utf8):
                return match(p + 1, k) || (k < keyWords.count && match(p, k + 1))
            case Array("*".utf8):
                return k < keyWords.count && match(p + 1, k + 1)
            case let literal:
                return k < keyWords.count && literal == keyWords[k] && match(p + 1, k + 1)
            }
        }
        return match(0, 0)
    }
}

// MARK: - Fixture model

extension RoutingTests {
    /// One row of topic_routing.json.
    struct TopicCase: Sendable, CustomTestStringConvertible {
        let index: Int
        let pattern: String
        let routingKey: String
        let matches: Bool
        let source: String

        var testDescription: String {
            "#\(index) \"\(pattern)\" ~ \"\(routingKey)\" → \(matches)"
        }
    }

    /// One row of headers_routing.json's `cases`.
    struct HeadersCase: Sendable, CustomTestStringConvertible {
        let index: Int
        let xMatch: String
        let bindingArguments: [String: HeaderValue]
        let messageHeaders: [String: HeaderValue]?
        let matches: Bool
        let source: String
        let note: String?

        var testDescription: String {
            "#\(index) x-match \(xMatch) → \(matches)"
        }
    }

    /// One row of headers_routing.json's `binding_validation`.
    struct BindingValidationCase: Sendable, CustomTestStringConvertible {
        let index: Int
        /// `nil` when the case says "(absent)".
        let xMatch: HeaderValue?
        let bindOK: Bool

        var testDescription: String {
            "#\(index) x-match \(xMatch.map { "\($0)" } ?? "absent") → \(bindOK ? "ok" : "rejected")"
        }
    }

    struct HeadersFile: Sendable {
        let cases: [HeadersCase]
        let bindingValidation: [BindingValidationCase]
    }

    /// One row of kafka_partitioner.json's `murmur2_vectors`.
    struct Murmur2Case: Sendable, CustomTestStringConvertible {
        let index: Int
        let key: String
        let murmur2: Int32
        let murmur2HexU32: UInt32?
        let source: String

        var testDescription: String { "#\(index) \"\(key)\" → \(murmur2)" }
    }

    /// One row of kafka_partitioner.json's `partition_cases`.
    struct PartitionCase: Sendable, CustomTestStringConvertible {
        enum Key: Sendable {
            case string(String)
            case bytes([UInt8])
        }
        let index: Int
        let key: Key
        let partitions: Int
        let expectedPartition: Int
        let source: String

        var testDescription: String {
            switch key {
            case .string(let text): "#\(index) \"\(text)\" / \(partitions) → \(expectedPartition)"
            case .bytes(let bytes): "#\(index) bytes \(bytes) / \(partitions) → \(expectedPartition)"
            }
        }
    }

    struct KafkaFile: Sendable {
        let murmur2Vectors: [Murmur2Case]
        let partitionCases: [PartitionCase]
    }
}

extension HeaderValue {
    fileprivate var isString: Bool {
        if case .string = self { return true }
        return false
    }
}

// MARK: - Fixture loading

extension RoutingTests {
    enum Fixtures {
        /// `Tests/Fixtures/cases`.
        static var directory: URL { TestSupport.Fixtures.cases }

        static func decode<T: Decodable>(_ type: T.Type, from fileName: String) throws -> T {
            let data = try Data(contentsOf: directory.appendingPathComponent(fileName))
            return try JSONDecoder().decode(type, from: data)
        }

        static func topicCases() throws -> [TopicCase] {
            try decode([RawTopicCase].self, from: "topic_routing.json").enumerated().map { index, raw in
                TopicCase(
                    index: index, pattern: raw.pattern, routingKey: raw.routing_key,
                    matches: raw.matches, source: raw.source)
            }
        }

        static func headersFile() throws -> HeadersFile {
            let raw = try decode(RawHeadersFile.self, from: "headers_routing.json")
            let cases = raw.cases.enumerated().map { index, row in
                HeadersCase(
                    index: index, xMatch: row.x_match,
                    bindingArguments: row.binding_args.mapValues(\.value),
                    messageHeaders: row.message_headers?.mapValues(\.value),
                    matches: row.matches, source: row.source, note: row.note)
            }
            let validation = raw.binding_validation.enumerated().map { index, row in
                BindingValidationCase(index: index, xMatch: row.x_match_value, bindOK: row.bind_ok)
            }
            return HeadersFile(cases: cases, bindingValidation: validation)
        }

        static func kafkaFile() throws -> KafkaFile {
            let raw = try decode(RawKafkaFile.self, from: "kafka_partitioner.json")
            let vectors = try raw.murmur2_vectors.enumerated().map { index, row in
                Murmur2Case(
                    index: index, key: row.key, murmur2: row.murmur2,
                    murmur2HexU32: try row.murmur2_hex_u32.map(parseHexU32), source: row.source)
            }
            let partitions = try raw.partition_cases.enumerated().map { index, row in
                let key: PartitionCase.Key
                if let text = row.key {
                    key = .string(text)
                } else if let hex = row.key_bytes_hex {
                    key = .bytes(try parseHexBytes(hex))
                } else {
                    throw FixtureError.malformed("partition case \(index) has neither key nor key_bytes_hex")
                }
                return PartitionCase(
                    index: index, key: key, partitions: row.num_partitions,
                    expectedPartition: row.partition, source: row.source)
            }
            return KafkaFile(murmur2Vectors: vectors, partitionCases: partitions)
        }

        static func parseHexU32(_ text: String) throws -> UInt32 {
            let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
            guard let value = UInt32(digits, radix: 16) else { throw FixtureError.malformed("hex \(text)") }
            return value
        }

        static func parseHexBytes(_ text: String) throws -> [UInt8] {
            let digits = Array(text.utf8)
            guard digits.count.isMultiple(of: 2) else { throw FixtureError.malformed("hex \(text)") }
            return try stride(from: 0, to: digits.count, by: 2).map { offset in
                let pair = String(decoding: digits[offset..<(offset + 2)], as: UTF8.self)
                guard let byte = UInt8(pair, radix: 16) else { throw FixtureError.malformed("hex \(text)") }
                return byte
            }
        }
    }

    enum FixtureError: Error {
        case malformed(String)
    }

    // JSON shapes, named after the files' keys.

    struct RawTopicCase: Decodable {
        let pattern: String
        let routing_key: String
        let matches: Bool
        let source: String
    }

    struct RawHeadersFile: Decodable {
        struct Row: Decodable {
            let x_match: String
            let binding_args: [String: TypedValue]
            let message_headers: [String: TypedValue]?
            let matches: Bool
            let source: String
            let note: String?
        }
        struct ValidationRow: Decodable {
            let x_match_value: HeaderValue?
            let bind_ok: Bool

            enum CodingKeys: String, CodingKey { case x_match_value, bind_ok }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                bind_ok = try container.decode(Bool.self, forKey: .bind_ok)
                if let text = try? container.decode(String.self, forKey: .x_match_value) {
                    x_match_value = text == "(absent)" ? nil : .string(text)
                } else {
                    x_match_value = .integer(try container.decode(Int64.self, forKey: .x_match_value))
                }
            }
        }
        let cases: [Row]
        let binding_validation: [ValidationRow]
    }

    /// `{"type": "longstr", "value": "bar"}` and friends, mapped onto `HeaderValue`.
    struct TypedValue: Decodable {
        let value: HeaderValue

        enum CodingKeys: String, CodingKey { case type, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .type)
            switch type {
            case "longstr", "shortstr", "binary":
                value = .string(try container.decode(String.self, forKey: .value))
            case "long", "signedint", "unsignedint", "short", "unsignedshort", "byte", "unsignedbyte":
                value = .integer(try container.decode(Int64.self, forKey: .value))
            case "double", "float":
                value = .double(try container.decode(Double.self, forKey: .value))
            case "bool":
                value = .bool(try container.decode(Bool.self, forKey: .value))
            case "timestamp":
                value = .timestamp(try container.decode(Int64.self, forKey: .value))
            case "void":
                value = .void
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: container, debugDescription: "unsupported field type \(type)")
            }
        }
    }

    struct RawKafkaFile: Decodable {
        struct VectorRow: Decodable {
            let key: String
            let murmur2: Int32
            let murmur2_hex_u32: String?
            let source: String
        }
        struct PartitionRow: Decodable {
            let key: String?
            let key_bytes_hex: String?
            let num_partitions: Int
            let partition: Int
            let source: String
        }
        let murmur2_vectors: [VectorRow]
        let partition_cases: [PartitionRow]
    }
}
