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

    /// Every repeated key of every object in `data`, in document order. Foundation's parser
    /// keeps the last value of a repeated key without a word, so a scenario with two
    /// `"instances"` would run with one of them silently; the reader reports these instead.
    ///
    /// Expects text that already parsed as JSON. Keys are compared after their escapes are
    /// decoded (`"dur\u0061tion"` is `"duration"`).
    /// - Complexity: O(n) in the size of the text.
    static func duplicateKeys(in data: Data) -> [DuplicateKey] {
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
        var found: [DuplicateKey] = []
        var stringStart: Int?
        var escaped = false
        let bytes = [UInt8](data)

        /// The path of the value that starts now, in the innermost container.
        func valuePath() -> String {
            guard let top = stack.last else { return "$" }
            return top.isObject ? ObjectReader.join(top.path, top.key) : "\(top.path)[\(top.index)]"
        }

        for (offset, byte) in bytes.enumerated() {
            if let start = stringStart {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    stringStart = nil
                    guard var top = stack.popLast() else { continue }
                    if top.isObject && top.expectingKey {
                        let key = decodedString(bytes[start...offset])
                        if !top.keys.insert(key).inserted {
                            let (line, column) = position(of: start, in: data)
                            found.append(DuplicateKey(path: ObjectReader.join(top.path, key), key: key, line: line, column: column))
                        }
                        top.key = key
                        top.expectingKey = false
                    }
                    stack.append(top)
                }
                continue
            }
            switch byte {
            case 0x22:
                stringStart = offset
            case 0x7B, 0x5B:   // { [
                stack.append(Frame(isObject: byte == 0x7B, path: valuePath()))
            case 0x7D, 0x5D:   // } ]
                _ = stack.popLast()
            case 0x2C:         // ,
                if stack.last?.isObject == true { stack[stack.count - 1].expectingKey = true } else if !stack.isEmpty { stack[stack.count - 1].index += 1 }
            default:
                break
            }
        }
        return found
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
