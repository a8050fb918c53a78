/// The price of one run on one technology: each billed item with its count and unit price, the
/// total for the simulated time, and that total scaled to a 30-day month.
///
/// JSON shape (keys sorted when encoded with `.sortedKeys`):
/// `{"currency": "USD", "technology": "sqs-standard", "simulatedSeconds": 3600,
///   "simulated": 0.001728, "perMonth": 1.24416, "perMonthAfterFreeTier": 0.84416,
///   "items": [{"item": "receives", "count": 360, "unit": "requests", "unitPrice": 4e-07,
///   "amount": 0.000144}, …], "notes": […]}`.
public struct Cost: Sendable, Equatable, Encodable {
    /// One billed item: `amount = count × unitPrice`.
    public struct Item: Sendable, Equatable, Encodable {
        /// What is billed, e.g. "empty receives", "broker-hours".
        public var item: String
        /// How many [`unit`]: requests, operations, notifications or hours.
        public var count: Double
        /// The unit of `count`.
        public var unit: String
        /// Price of one unit [currency], the list price before any free tier.
        public var unitPrice: Double
        /// `count × unitPrice` [currency].
        public var amount: Double
    }

    /// ISO 4217 code of every amount: "USD".
    public var currency: String
    public var technology: Technology
    /// Simulated time the items cover [s].
    public var simulatedSeconds: Double
    /// Sum of the items' amounts [currency]: the simulated time at list price.
    public var simulated: Double
    /// `simulated × 2,592,000 s / simulatedSeconds` [currency per 30 days], list price: the
    /// run's rate of use kept up for a month, no free tier or volume discount.
    public var perMonth: Double
    /// `perMonth` less the monthly free tier and with volume tiers applied (SQS and SNS free
    /// requests, Service Bus Standard's 13 million included operations and its cheaper tiers),
    /// as if this workload were the account's only use [currency per 30 days].
    public var perMonthAfterFreeTier: Double
    public var items: [Item]
    /// What is not priced and why (e.g. "self-hosted: not priced"; storage, data transfer).
    public var notes: [String]

    /// Seconds in the 30-day month `perMonth` is scaled to.
    public static let secondsPerMonth: Double = 30 * 86_400
}
