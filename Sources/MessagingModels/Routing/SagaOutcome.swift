/// How a saga ends, marked by the consumer of its last step (`endsSaga`).
///
/// A producer with `startsSaga` starts one saga per message; the saga is identified by the
/// message's correlation id, which every follow-up publish (`onSuccess`, `onFailure`) carries.
/// When a consumer with `endsSaga` successfully processes a message of an open saga, the saga
/// ends with that outcome. Sagas still open when the run ends are reported as stuck (a step
/// or a compensation failed with nothing to follow it, or work was still in flight).
/// - Note: Source: H. Garcia-Molina, K. Salem, "Sagas", SIGMOD 1987 (compensating
///   transactions); C. Richardson, "Pattern: Saga" (choreography with events).
public enum SagaOutcome: String, Sendable, CaseIterable {
    /// Every step succeeded.
    case completed
    /// A step failed and the compensations of the steps before it ran.
    case compensated
}
