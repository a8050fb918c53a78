/// The items of a cost being built, with the monthly free tiers and volume tiers that apply
/// to groups ("pools") of them.
struct Bill {
    /// A monthly volume tier: units up to `upTo` a month (cumulative; nil for no upper bound)
    /// cost `unitPrice` each.
    struct Tier {
        var upTo: Double?
        var unitPrice: Double
    }

    var items: [Cost.Item] = []
    /// The pool index of each item, or nil for items billed linearly.
    var itemPools: [Int?] = []
    var pools: [[Tier]] = []
    var notes: [String] = []

    /// Adds a pool of tiers shared by the items added with its index.
    mutating func addPool(_ tiers: [Tier]) -> Int {
        pools.append(tiers)
        return pools.count - 1
    }

    mutating func add(_ item: String, _ count: Double, _ unit: String, _ unitPrice: Double, pool: Int? = nil) {
        items.append(Cost.Item(item: item, count: count, unit: unit, unitPrice: unitPrice, amount: count * unitPrice))
        itemPools.append(pool)
    }

    /// The SQS request items of `usage`: sends, receives, empty receives, deletes and
    /// visibility changes, each as billed requests.
    mutating func sqsRequests(_ usage: BillableUsage, prefix: String, pool: Int, perRequest: Double) {
        let chunk = CostModel.chunkBytes
        let sends = CostModel.requests(messages: usage.sends, batchSize: usage.sendBatchSize,
                                       bytesPerMessage: usage.messageSizeBytes, chunkBytes: chunk)
        let receives = CostModel.requests(messages: usage.receives, batchSize: usage.receiveBatchSize,
                                          bytesPerMessage: usage.messageSizeBytes, chunkBytes: chunk)
        let deletes = CostModel.requests(messages: usage.deletes, batchSize: usage.deleteBatchSize,
                                         bytesPerMessage: 0, chunkBytes: nil)
        add(prefix + "sends", Double(sends), "requests", perRequest, pool: pool)
        add(prefix + "receives", Double(receives), "requests", perRequest, pool: pool)
        add(prefix + "empty receives", Double(usage.emptyReceives), "requests", perRequest, pool: pool)
        add(prefix + "deletes", Double(deletes), "requests", perRequest, pool: pool)
        add(prefix + "visibility changes", Double(usage.visibilityChanges), "requests", perRequest, pool: pool)
    }

    /// The finished cost: linear items scale to the month; pooled items are summed per pool,
    /// scaled, and priced through the pool's tiers for `perMonthAfterFreeTier`.
    func cost(technology: Technology, simulatedSeconds: Double) -> Cost {
        let scale = Cost.secondsPerMonth / simulatedSeconds
        let simulated = items.reduce(0) { $0 + $1.amount }
        var afterFreeTier = 0.0
        var pooledCounts = [Double](repeating: 0, count: pools.count)
        for (item, pool) in zip(items, itemPools) {
            if let pool {
                pooledCounts[pool] += item.count * scale
            } else {
                afterFreeTier += item.amount * scale
            }
        }
        for (tiers, count) in zip(pools, pooledCounts) {
            afterFreeTier += Self.tiered(count, tiers)
        }
        return Cost(currency: "USD", technology: technology, simulatedSeconds: simulatedSeconds, simulated: simulated,
                    perMonth: simulated * scale, perMonthAfterFreeTier: afterFreeTier, items: items, notes: notes)
    }

    /// The price of `count` units a month through cumulative `tiers`.
    static func tiered(_ count: Double, _ tiers: [Tier]) -> Double {
        var lower = 0.0, total = 0.0
        for tier in tiers {
            let upper = tier.upTo ?? .infinity
            total += max(0, min(count, upper) - lower) * tier.unitPrice
            lower = upper
            if count <= upper { break }
        }
        return total
    }
}
