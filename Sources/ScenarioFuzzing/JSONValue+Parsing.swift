extension JSONValue {
    /// A JSON text could not be parsed; `offset` is the UTF-8 byte where parsing stopped.
    public struct ParseError: Error, Equatable {
        public let offset: Int
    }

    /// Parses a JSON text, keeping key order, repeated keys and number literals.
    ///
    /// - Parameter text: one JSON value, optionally surrounded by white space.
    /// - Throws: `ParseError` for anything that is not JSON.
    /// - Complexity: O(n) in the text's length; nesting deeper than 512 levels is an error
    ///   (no recursion without a bound).
    public init(parsing text: String) throws {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        self = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw ParseError(offset: parser.position) }
    }

    struct Parser {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 }
        }

        mutating func expect(_ literal: String) throws {
            for b in literal.utf8 {
                guard peek == b else { throw ParseError(offset: position) }
                position += 1
            }
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth < 512, let b = peek else { throw ParseError(offset: position) }
            switch b {
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                position += 1
                var items: [JSONValue] = []
                skipSpace()
                if peek == UInt8(ascii: "]") { position += 1; return .array(items) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { position += 1; continue }
                    try expect("]")
                    return .array(items)
                }
            case UInt8(ascii: "{"):
                position += 1
                var members: [(String, JSONValue)] = []
                skipSpace()
                if peek == UInt8(ascii: "}") { position += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw ParseError(offset: position) }
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { position += 1; continue }
                    try expect("}")
                    return .object(members)
                }
            default:
                let start = position
                while let c = peek, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || (c >= 0x30 && c <= 0x39) {
                    position += 1
                }
                guard position > start else { throw ParseError(offset: position) }
                return .number(String(decoding: bytes[start..<position], as: UTF8.self))
            }
        }

        mutating func string() throws -> String {
            try expect("\"")
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
            while let b = peek {
                position += 1
                if b == UInt8(ascii: "\"") { flush(); return String(scalars) }
                guard b == UInt8(ascii: "\\") else { raw.append(b); continue }
                flush()
                guard let e = peek else { break }
                position += 1
                switch e {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                          let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
                    else { throw ParseError(offset: position) }
                    position += 4
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: scalars.append(Unicode.Scalar(e))
                }
            }
            throw ParseError(offset: position)
        }
    }
}
