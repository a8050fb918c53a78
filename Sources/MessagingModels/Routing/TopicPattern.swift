/// A precompiled AMQP 0-9-1 topic-exchange binding key that decides which routing keys it matches.
///
/// A binding key and a routing key are both split into *words* on the `.` byte. In the binding
/// key, a word that is exactly `*` matches exactly one routing-key word and a word that is
/// exactly `#` matches zero or more words; every other word (including `a#b`, `**` or an empty
/// word) must equal the routing-key word byte for byte. In the routing key, `*` and `#` are
/// ordinary words.
///
/// Splitting follows RabbitMQ, which treats keys as binaries:
/// - the empty string is **zero** words (so `""` matches only `""`, and `#` matches `""`);
/// - any other string has one more word than it has `.` bytes, so `"."` is two empty words,
///   `"a."` is `["a", ""]`;
/// - words are compared by their UTF-8 bytes, not by Unicode canonical equivalence, so a
///   precomposed `é` and `e` + U+0301 are different words (Swift's `==` on `String` would
///   call them equal).
///
/// Matching runs a set-of-states automaton over the pattern's words (a Thompson-style NFA
/// simulation), so patterns such as `#.#.#.#.#` cannot cause exponential backtracking.
/// Consecutive `#` words are merged when the pattern is compiled, since `#.#` matches exactly
/// what `#` matches. Patterns without wildcards are matched by a single byte comparison.
///
/// ```swift
/// let pattern = TopicPattern("*.orange.*")
/// pattern.matches("quick.orange.rabbit")   // true
/// pattern.matches("quick.orange.male.rabbit")   // false
/// ```
///
/// - Complexity: `init` is O(*b*) for a binding key of *b* bytes. `matches(_:)` is
///   O(*w* × *r*) for a pattern of *w* words and a routing key of *r* bytes, and allocates no
///   heap memory for native strings.
/// - Note: Source: AMQP 0-9-1 specification, section 3.1.3.3 "The Topic Exchange Type"
///   (word syntax, `*` and `#`); RabbitMQ `deps/rabbit/src/rabbit_exchange_type_topic.erl` and
///   `rabbit_db_topic_exchange.erl` (binary splitting on `.`, empty key is zero words), and the
///   test suites `routing_SUITE.erl` and `rabbit_db_topic_exchange_SUITE.erl` behind
///   `Tests/Fixtures/cases/topic_routing.json`.
public struct TopicPattern: Sendable, Hashable, CustomStringConvertible {
    /// One compiled word of a binding key.
    private enum Word: Sendable, Hashable {
        /// A word that must equal the routing-key word; the range indexes `patternBytes`.
        case literal(Range<Int>)
        /// `*`: exactly one word.
        case star
        /// `#`: zero or more words.
        case hash
    }

    /// How `matches(_:)` decides, chosen once at compile time.
    private enum Strategy: Sendable, Hashable {
        /// The pattern is `#` (or `#.#…`): every routing key matches.
        case matchAll
        /// No wildcard words: the routing key must equal the binding key byte for byte.
        case exactBytes
        /// Run the word automaton.
        case automaton
    }

    /// The binding key this pattern was compiled from, unchanged.
    public let bindingKey: String

    /// The binding key's UTF-8 bytes; literal words index into it.
    private let patternBytes: [UInt8]

    /// The binding key's words, with runs of `#` merged into one.
    private let words: [Word]

    private let strategy: Strategy

    /// Compiles a binding key.
    ///
    /// Every string is a valid binding key; this initializer never fails.
    ///
    /// - Parameter bindingKey: The binding key, such as `"*.orange.*"` or `"lazy.#"`.
    /// - Complexity: O(*b*) for a binding key of *b* UTF-8 bytes.
    public init(_ bindingKey: String) {
        self.bindingKey = bindingKey
        let bytes = Array(bindingKey.utf8)
        patternBytes = bytes

        var compiled: [Word] = []
        var hasWildcard = false
        for range in TopicPattern.wordRanges(of: bytes) {
            let isSingleByte = range.count == 1
            if isSingleByte && bytes[range.lowerBound] == UInt8(ascii: "#") {
                hasWildcard = true
                if compiled.last != .hash { compiled.append(.hash) }
            } else if isSingleByte && bytes[range.lowerBound] == UInt8(ascii: "*") {
                hasWildcard = true
                compiled.append(.star)
            } else {
                compiled.append(.literal(range))
            }
        }
        words = compiled

        if compiled == [.hash] {
            strategy = .matchAll
        } else if !hasWildcard {
            strategy = .exactBytes
        } else {
            strategy = .automaton
        }
    }

    /// The binding key, as given to `init(_:)`.
    public var description: String { bindingKey }

    /// Returns whether a message published with `routingKey` is routed through this binding.
    ///
    /// - Parameter routingKey: The message's routing key; any string, including `""`.
    /// - Returns: `true` when the routing key's words match the pattern's words.
    /// - Complexity: O(*w* × *r*) for a pattern of *w* words and a routing key of *r* bytes.
    public func matches(_ routingKey: String) -> Bool {
        switch strategy {
        case .matchAll:
            return true
        case .exactBytes:
            return routingKey.utf8.elementsEqual(patternBytes)
        case .automaton:
            var key = routingKey
            return key.withUTF8 { runAutomaton(over: $0) }
        }
    }

    // MARK: - Matching

    /// Simulates the word automaton over the routing key's words.
    ///
    /// State `i` (0 ≤ `i` ≤ `words.count`) means "the first `i` pattern words have matched the
    /// routing-key words read so far"; the key matches when state `words.count` is live after
    /// the last word. A `#` at position `i` lets state `i` move to `i + 1` without reading a
    /// word (epsilon move) and stay at `i` while reading one.
    private func runAutomaton(over key: UnsafeBufferPointer<UInt8>) -> Bool {
        let stateCount = words.count + 1
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * stateCount) { storage in
            var current = UnsafeMutableBufferPointer(rebasing: storage[0..<stateCount])
            var next = UnsafeMutableBufferPointer(rebasing: storage[stateCount..<(2 * stateCount)])
            current.initialize(repeating: false)
            next.initialize(repeating: false)
            current[0] = true
            followEpsilonMoves(in: current)

            return patternBytes.withUnsafeBufferPointer { pattern in
                // The empty routing key is zero words: accept from the initial closure.
                guard !key.isEmpty else { return current[words.count] }

                var wordStart = 0
                for index in 0...key.count {
                    guard index == key.count || key[index] == UInt8(ascii: ".") else { continue }
                    let word = wordStart..<index
                    wordStart = index + 1

                    next.update(repeating: false)
                    var anyLive = false
                    for state in 0..<words.count where current[state] {
                        switch words[state] {
                        case .hash:
                            next[state] = true
                            anyLive = true
                        case .star:
                            next[state + 1] = true
                            anyLive = true
                        case .literal(let literal):
                            if TopicPattern.bytesEqual(pattern, literal, key, word) {
                                next[state + 1] = true
                                anyLive = true
                            }
                        }
                    }
                    guard anyLive else { return false }
                    followEpsilonMoves(in: next)
                    swap(&current, &next)
                }
                return current[words.count]
            }
        }
    }

    /// Marks every state reachable from a live state through `#` words without reading a word.
    ///
    /// One forward pass suffices because epsilon moves only go from `i` to `i + 1`.
    private func followEpsilonMoves(in states: UnsafeMutableBufferPointer<Bool>) {
        for state in 0..<words.count where states[state] && words[state] == .hash {
            states[state + 1] = true
        }
    }

    /// Returns whether two byte ranges hold the same bytes.
    private static func bytesEqual(
        _ lhs: UnsafeBufferPointer<UInt8>, _ lhsRange: Range<Int>,
        _ rhs: UnsafeBufferPointer<UInt8>, _ rhsRange: Range<Int>
    ) -> Bool {
        guard lhsRange.count == rhsRange.count else { return false }
        return lhs[lhsRange].elementsEqual(rhs[rhsRange])
    }

    /// Splits UTF-8 bytes into word ranges on `.`; the empty input has no words.
    ///
    /// `.` (0x2E) never occurs inside a multi-byte UTF-8 sequence, so splitting bytes is the
    /// same as splitting scalars, and unlike `String.split` a `.` followed by a combining
    /// mark still separates words.
    private static func wordRanges(of bytes: [UInt8]) -> [Range<Int>] {
        guard !bytes.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: ".") {
            ranges.append(start..<index)
            start = index + 1
        }
        ranges.append(start..<bytes.count)
        return ranges
    }
}
