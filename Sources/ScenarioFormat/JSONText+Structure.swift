import Foundation

extension JSONText {
    /// A key that appears twice in one JSON object.
    struct DuplicateKey: Equatable {
        /// JSON path of the repeated key, e.g. `$.consumers[0].instances`.
        var path: String
        var key: String
        /// 1-based line and column of the second occurrence.
        var line: Int
        var column: Int
    }

    /// Where a document nests deeper than `maxDepth`.
    struct TooDeep: Equatable {
        /// JSON path of the first array or object beyond the limit.
        var path: String
        /// 1-based line and column of its opening bracket.
        var line: Int
        var column: Int
    }

    /// What one pass over the text finds that Foundation's parser does not tell.
    struct Structure {
        /// Every repeated key of every object, in document order.
        var duplicateKeys: [DuplicateKey] = []
        /// The text of each number literal with more than 15 significant digits (which a
        /// `Double` may not hold exactly), by JSON path, so messages quote it as written.
        var numberLiterals: [String: String] = [:]
        /// The first container nested deeper than the limit; the scan stops there.
        var tooDeep: TooDeep?
    }

    /// Deepest nesting of arrays and objects a scenario may use. Scenarios need about six
    /// levels; the limit keeps a runaway document from exhausting the parser's stack.
    static let maxDepth = 100

    /// Every repeated key of every object in `data`, in document order. Foundation's parser
    /// keeps the last value of a repeated key without a word, so a scenario with two
    /// `"instances"` would run with one of them silently; the reader reports these instead.
    ///
    /// Expects text that already parsed as JSON. Keys are compared after their escapes are
    /// decoded (`"dur\u0061tion"` is `"duration"`).
    /// - Complexity: O(n) in the size of the text.
    static func duplicateKeys(in data: Data) -> [DuplicateKey] { scan(data).duplicateKeys }

    /// One pass over `data`: repeated keys, long number literals and the first container
    /// nested deeper than `maxDepth` (where the scan stops). Tolerates malformed text (it
    /// only tracks strings and brackets), so it may run before the parser.
    /// - Complexity: O(n) in the size of the text (line and column are tracked as it goes).
    static func scan(_ data: Data, maxDepth: Int = JSONText.maxDepth) -> Structure {
        struct Frame {
            var isObject: Bool
            var path: String
            var keys: Set<String> = []
            /// Object: the key whose value comes next; array: the index of the next element.
            var key = ""
            var index = 0
            var expectingKey = true
        }
        var stack: [Frame] = []
        var result = Structure()
        var stringStart: (offset: Int, line: Int, column: Int)?
        var numberStart: Int?
        var escaped = false
        var line = 1
        var column = 1
        let bytes = [UInt8](data)

        /// The path of the value that starts now, in the innermost container.
        func valuePath() -> String {
            guard let top = stack.last else { return "$" }
            return top.isObject ? ObjectReader.join(top.path, top.key) : "\(top.path)[\(top.index)]"
        }

        /// Records the number literal that ends before `end` if it is long.
        func endNumber(at end: Int) {
            guard let start = numberStart else { return }
            numberStart = nil
            let literal = bytes[start..<end]
            let digits = literal.prefix { $0 != 0x65 && $0 != 0x45 }.filter { $0 >= 0x30 && $0 <= 0x39 }.drop { $0 == 0x30 }
            if digits.count > 15 {
                result.numberLiterals[valuePath()] = String(decoding: literal, as: UTF8.self)
            }
        }

        var offset = -1
        while offset + 1 < bytes.count {
            // Advance line and column past the previous byte, then look at the next one.
            if offset >= 0 {
                let previous = bytes[offset]
                if previous == 0x0A { line += 1; column = 1 } else if previous & 0xC0 != 0x80 { column += 1 }
            }
            offset += 1
            let byte = bytes[offset]
            if let start = stringStart {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    stringStart = nil
                    guard var top = stack.popLast() else { continue }
                    if top.isObject && top.expectingKey {
                        let key = decodedString(bytes[start.offset...offset])
                        if !top.keys.insert(key).inserted {
                            result.duplicateKeys.append(DuplicateKey(path: ObjectReader.join(top.path, key), key: key, line: start.line, column: start.column))
                        }
                        top.key = key
                        top.expectingKey = false
                    }
                    stack.append(top)
                }
                continue
            }
            if numberStart != nil {
                let continues = (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2B || byte == 0x2D || byte == 0x65 || byte == 0x45
                if continues { continue }
                endNumber(at: offset)
            }
            switch byte {
            case 0x22:
                stringStart = (offset, line, column)
            case 0x2D, 0x30...0x39:   // - 0-9
                numberStart = offset
            case 0x7B, 0x5B:   // { [
                let path = valuePath()
                if stack.count >= maxDepth {
                    result.tooDeep = TooDeep(path: path, line: line, column: column)
                    return result
                }
                stack.append(Frame(isObject: byte == 0x7B, path: path))
            case 0x7D, 0x5D:   // } ]
                _ = stack.popLast()
            case 0x2C:         // ,
                if stack.last?.isObject == true { stack[stack.count - 1].expectingKey = true } else if !stack.isEmpty { stack[stack.count - 1].index += 1 }
            default:
                break
            }
        }
        endNumber(at: bytes.count)
        return result
    }

    /// The value of a JSON string literal (quotes included), escapes decoded; the raw text if
    /// it does not decode.
    private static func decodedString(_ literal: ArraySlice<UInt8>) -> String {
        let raw = String(decoding: literal.dropFirst().dropLast(), as: UTF8.self)
        guard literal.contains(0x5C) else { return raw }
        let value = try? JSONSerialization.jsonObject(with: Data(literal), options: [.fragmentsAllowed])
        return value as? String ?? raw
    }
}
