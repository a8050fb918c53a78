/// A share of an experiment's runs: `--shard i/n` runs the items whose index k has
/// k mod n = i, for i in 0..<n (round robin, so shards of replications and of sweep points
/// take about the same time). Batch engines number their tasks from 0 (Kubernetes
/// `JOB_COMPLETION_INDEX`; a Slurm array declared `--array=0-(n-1)`).
public struct Shard: Sendable, Equatable, Codable {
    /// This shard's number, 0 ≤ index < count.
    public var index: Int
    /// How many shards the experiment is split into, ≥ 1.
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "shard index out of range")
        self.index = index
        self.count = count
    }

    /// Reads `i/n`.
    /// - Throws: `ShardError` saying what was expected when `text` is not two integers with
    ///   0 ≤ i < n.
    public init(_ text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardError(message: "--shard expects i/n (this shard's number from 0 and the number of shards, such as 0/4), found \"\(text)\"")
        }
        guard count >= 1, count <= 1_000_000, (0..<count).contains(index) else {
            throw ShardError(message: "--shard \(text): expected 1 ≤ n ≤ 1000000 and 0 ≤ i < n (shards count from 0; a Slurm array for n shards is --array=0-\(max(count, 1) - 1))")
        }
        self.init(index: index, count: count)
    }

    /// The item indices below `total` this shard runs, ascending.
    public func items(of total: Int) -> [Int] {
        Array(stride(from: index, to: total, by: count))
    }
}

/// A `--shard` argument that is not `i/n` with 0 ≤ i < n.
public struct ShardError: Error, Sendable {
    public var message: String
}
