/// One published price or billing rule of a messaging service: its figure, unit, region, date
/// and the public sources it was read from.
///
/// The figure's meaning lives in `unit` (for example "USD per 1M requests" or "KB of payload
/// per billed request"); `CostModel` turns the figures it uses into per-operation prices.
public struct PriceFact: Sendable, Equatable, Codable {
    /// How far the sources agree: `high` for a price API figure or the official page,
    /// `medium` for one third-party figure or a derived one, `low` for an unverified one.
    public enum Confidence: String, Sendable, Codable {
        case high, medium, low
    }

    /// The service or product, e.g. "AWS SQS", "Azure Service Bus", "Amazon MSK".
    public var system: String
    /// The fact's name within its system, e.g. "standard_price_per_million_requests".
    public var name: String
    /// The figure, in `unit`.
    public var value: Double
    /// The unit of `value`, e.g. "USD per 1M requests".
    public var unit: String
    /// The public sources (URLs, with what each says), separated by semicolons.
    public var source: String
    public var confidence: Confidence
    /// Conditions, tiers and disagreements between sources; may be empty.
    public var note: String
    /// The region the price applies to, where the sources name one.
    public var region: String?
    /// When the sources published the figure, where they say.
    public var asOf: String?

    public init(system: String, name: String, value: Double, unit: String, source: String,
                confidence: Confidence, note: String, region: String?, asOf: String?) {
        self.system = system
        self.name = name
        self.value = value
        self.unit = unit
        self.source = source
        self.confidence = confidence
        self.note = note
        self.region = region
        self.asOf = asOf
    }

    enum CodingKeys: String, CodingKey {
        case system, name, value, unit, source, confidence, note, region
        case asOf = "as_of"
    }
}
