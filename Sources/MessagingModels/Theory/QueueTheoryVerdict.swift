import QueueingTheory

/// What queueing theory says about one queue of a `SystemModel`: a closed-form model and its
/// figures, or the plain reason why none applies.
public enum QueueTheoryVerdict: Sendable, Equatable {
    /// The queue behaves as `system` (Poisson arrivals, i.i.d. service, identical servers), so
    /// `prediction` describes its steady state.
    case model(system: QueueingSystem, prediction: QueueingPrediction)
    /// No closed form applies; the first reason found, in plain words (e.g. "consumer
    /// \"workers\" retries failed attempts").
    case notApplicable(reason: String)

    /// The prediction, when a model applies.
    public var prediction: QueueingPrediction? {
        if case .model(_, let prediction) = self { return prediction }
        return nil
    }

    /// The reason no model applies, or nil when one does.
    public var reason: String? {
        if case .notApplicable(let reason) = self { return reason }
        return nil
    }
}
