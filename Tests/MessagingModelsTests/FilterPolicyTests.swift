import Foundation
import Testing
import MessagingModels

/// The SNS filter-policy matcher against the documented cases of `shared/facts/semantics.json`
/// (copied to `Tests/Fixtures/cases/sns_filter_cases.json`) and the rules of the AWS SNS
/// filter-policy documentation.
@Suite struct FilterPolicyTests {
    struct Case: CustomTestStringConvertible, @unchecked Sendable {
        var policy: [String: Any]
        var attributes: [String: [String: String]]
        var matches: Bool
        var testDescription: String { "\(policy) vs \(attributes) → \(matches)" }
    }

    static func cases() throws -> [Case] {
        let root = try #require(try Fixtures.json("sns_filter_cases.json") as? [String: Any])
        let list = try #require(root["cases"] as? [[String: Any]])
        return try list.map { entry in
            Case(policy: try #require(entry["policy"] as? [String: Any]),
                 attributes: try #require(entry["attributes"] as? [String: [String: String]]),
                 matches: try #require(entry["matches"] as? Bool))
        }
    }

    /// An SNS policy value (the JSON of a condition) as a `FilterPolicy.Condition`.
    static func condition(_ json: Any) throws -> FilterPolicy.Condition {
        if let string = json as? String { return .equals(string) }
        if let number = json as? Double { return .equalsNumber(number) }
        let object = try #require(json as? [String: Any])
        if let values = object["anything-but"] as? [Any] {
            return .anythingBut(try values.map { value in
                if let s = value as? String { return .string(s) }
                return .number(try #require(value as? Double))
            })
        }
        if let numeric = object["numeric"] as? [Any] {
            var bounds: [(FilterPolicy.Comparison, Double)] = []
            for i in stride(from: 0, to: numeric.count, by: 2) {
                let symbol = try #require(numeric[i] as? String)
                let comparison = try #require(FilterPolicy.Comparison(rawValue: symbol))
                bounds.append((comparison, try #require(numeric[i + 1] as? Double)))
            }
            return .numeric(bounds)
        }
        Issue.record("unsupported condition \(object)")
        return .exists(true)
    }

    /// An SNS message attribute (`Type`, `Value`) as a `FilterPolicy.Attribute`.
    static func attribute(_ json: [String: String]) throws -> FilterPolicy.Attribute {
        let value = try #require(json["Value"])
        switch json["Type"] {
        case "String": return .string(value)
        case "Number": return .number(try #require(Double(value)))
        case "String.Array":
            return .stringArray(try #require(try JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String]))
        case "Number.Array":
            return .numberArray(try #require(try JSONSerialization.jsonObject(with: Data(value.utf8)) as? [Double]))
        default:
            Issue.record("unsupported attribute type \(json)")
            return .string(value)
        }
    }

    @Test func everyDocumentedCaseAgrees() throws {
        let cases = try Self.cases()
        #expect(cases.count == 10)
        for c in cases {
            var policy: [String: [FilterPolicy.Condition]] = [:]
            for (key, values) in c.policy {
                policy[key] = try (try #require(values as? [Any])).map(Self.condition)
            }
            let attributes = try c.attributes.mapValues(Self.attribute)
            #expect(FilterPolicy(policy).matches(attributes) == c.matches, "\(c.testDescription)")
        }
    }

    @Test func andAcrossKeysOrWithinAKey() {
        let policy = FilterPolicy(["store": [.equals("example_corp")], "event": [.equals("order_placed"), .equals("order_cancelled")]])
        #expect(policy.matches(["store": .string("example_corp"), "event": .string("order_cancelled")]))
        #expect(!policy.matches(["store": .string("example_corp"), "event": .string("order_shipped")]))
        #expect(!policy.matches(["event": .string("order_placed")]))           // a policy key with no attribute
        #expect(policy.matches(["store": .string("example_corp"), "event": .string("order_placed"), "other": .number(1)]))
        #expect(FilterPolicy([:]).matches([:]))                                  // no policy keys: everything
    }

    @Test func stringsAreCaseSensitiveAndNeverEqualNumbers() {
        #expect(!FilterPolicy(["a": [.equals("Rugby")]]).matches(["a": .string("rugby")]))
        #expect(!FilterPolicy(["a": [.equals("100")]]).matches(["a": .number(100)]))
        #expect(!FilterPolicy(["a": [.equalsNumber(100)]]).matches(["a": .string("100")]))
    }

    @Test func prefixSuffixNumericRangeAndExists() {
        #expect(FilterPolicy(["r": [.prefix("eu-")]]).matches(["r": .string("eu-west-1")]))
        #expect(!FilterPolicy(["r": [.prefix("eu-")]]).matches(["r": .string("us-east-1")]))
        #expect(FilterPolicy(["f": [.suffix(".png")]]).matches(["f": .stringArray(["a.jpg", "b.png"])]))
        let range = FilterPolicy(["price": [.numeric([(.greaterOrEqual, 0), (.less, 100)])]])
        #expect(range.matches(["price": .number(0)]) && range.matches(["price": .number(99.999)]))
        #expect(!range.matches(["price": .number(100)]) && !range.matches(["price": .number(-0.5)]))
        #expect(range.matches(["price": .numberArray([500, 42])]))
        #expect(FilterPolicy(["vip": [.exists(true)]]).matches(["vip": .string("")]))
        #expect(!FilterPolicy(["vip": [.exists(true)]]).matches([:]))
        #expect(FilterPolicy(["vip": [.exists(false)]]).matches([:]))
        #expect(!FilterPolicy(["vip": [.exists(false)]]).matches(["vip": .string("yes")]))
    }

    @Test func anythingButNeedsThePresenceOfTheAttribute() {
        let policy = FilterPolicy(["event": [.anythingBut([.string("test")])]])
        #expect(policy.matches(["event": .string("order")]))
        #expect(!policy.matches(["event": .string("test")]))
        #expect(!policy.matches([:]))
        #expect(!FilterPolicy(["e": [.anythingButPrefix("test")]]).matches(["e": .string("test-1")]))
        #expect(FilterPolicy(["e": [.anythingButPrefix("test")]]).matches(["e": .string("prod-1")]))
    }

    @Test func headersBecomeAttributes() {
        let attributes = FilterPolicy.attributes(of: ["s": "eu", "i": 5, "d": 2.5, "b": true, "v": .void])
        #expect(attributes == ["s": .string("eu"), "i": .number(5), "d": .number(2.5), "b": .string("true")])
    }
}
