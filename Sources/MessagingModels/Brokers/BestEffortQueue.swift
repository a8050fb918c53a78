import SimulationKernel

/// The random choices of a best-effort queue (`QueueOrdering.bestEffort`) and what it
/// injected; see `Simulation.dispatchBestEffort`.
struct BestEffortQueue {
    let reorderProbability: Double
    let duplicateProbability: Double
    /// The queue's own `ordering` stream (`RandomPurpose`): its draws disturb no other.
    var stream: RandomStream
    /// Deliveries of the second ready message before the head.
    var reordered = 0
    /// Copies made visible again right after a first delivery.
    var duplicated = 0

    /// Whether this delivery takes the second message instead of the head.
    mutating func reorders() -> Bool { reorderProbability > 0 && stream.bernoulli(reorderProbability) }
    /// Whether this first delivery leaves a copy behind.
    mutating func duplicates() -> Bool { duplicateProbability > 0 && stream.bernoulli(duplicateProbability) }
}
