import Foundation


/// A parsed JSON document, as a plain value tree.
///
/// Parsing uses Foundation's `JSONSerialization`; this type only removes `Any` and keeps
/// booleans apart from numbers.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Converts the output of `JSONSerialization.jsonObject`.
    ///
    /// Containers and strings are matched before `NSNumber`: asking whether a Swift
    /// dictionary is an `NSNumber` bridges it (and everything in it) to Foundation objects
    /// first, which cost about a third of the time of reading a large file.
    public init(foundation value: Any) {
        switch value {
        case let object as [String: Any]:
            self = .object(object.mapValues(JSONValue.init(foundation:)))
        case let array as [Any]:
            self = .array(array.map(JSONValue.init(foundation:)))
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            // Booleans come back as NSNumber too; their Objective-C type is "c" (char).
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        default:
            self = .null
        }
    }

    /// The value as Foundation objects (`[String: Any]`, `[Any]`, `String`, `NSNumber`,
    /// `NSNull`), for `JSONSerialization`.
    public var foundation: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let b): return NSNumber(value: b)
        case .number(let n): return NSNumber(value: n)
        case .string(let s): return s
        case .array(let a): return a.map(\.foundation)
        case .object(let o): return o.mapValues(\.foundation)
        }
    }

    /// The JSON type's name as a user would say it ("a string", "an object", …).
    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// A short rendering of the value for error messages.
    var brief: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return JSONValue.format(n)
        case .string(let s): return "\"" + (s.count > 40 ? String(s.prefix(40)) + "…" : s) + "\""
        case .array(let a): return a.isEmpty ? "[]" : "an array of \(a.count)"
        case .object(let o): return o.isEmpty ? "{}" : "an object"
        }
    }

    /// A number as a person would write it: integers without ".0", others with up to 12
    /// significant digits (so 60.00000000000001 prints as 60).
    static func format(_ n: Double) -> String {
        // Integers a double holds exactly print in full (a seed like 9007199254740992).
        if n == n.rounded(), abs(n) <= 9_007_199_254_740_992 { return String(Int64(n)) }
        if n == n.rounded(), abs(n) < 1e21 { return String(format: "%.0f", n) }
        let rounded = Double(String(format: "%.12g", n)) ?? n
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}
