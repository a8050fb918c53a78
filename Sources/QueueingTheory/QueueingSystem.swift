/// A queue with Poisson arrivals, as the closed forms of queueing theory describe it: arrival
/// rate, service law, number of servers and an optional limit on the number in the system.
///
/// Kendall notation: arrivals "M" (Poisson) / service (`ServiceTime`) / servers / system
/// capacity. Valid ranges (checked by `SteadyState.predict`): arrival rate > 0 and
/// finite, service mean > 0 and finite, SCV ≥ 0, servers ≥ 1, system capacity ≥ servers.
public struct QueueingSystem: Sendable, Equatable {
    /// How many servers work in parallel.
    public enum Servers: Sendable, Equatable {
        case finite(Int)
        /// As many as arrivals can need: nobody ever waits (M/M/∞, M/G/∞).
        case unlimited
    }

    /// Poisson arrival rate λ [1/s].
    public var arrivalRatePerSecond: Double
    /// Service law of each server.
    public var service: ServiceTime
    /// Number of servers c.
    public var servers: Servers
    /// Most customers in the system, waiting and in service (K ≥ c); arrivals that find K
    /// present are lost. nil = unlimited.
    public var systemCapacity: Int?

    public init(arrivalRatePerSecond: Double, service: ServiceTime, servers: Servers = .finite(1), systemCapacity: Int? = nil) {
        self.arrivalRatePerSecond = arrivalRatePerSecond
        self.service = service
        self.servers = servers
        self.systemCapacity = systemCapacity
    }

    /// The Kendall name of the model: "M/M/1", "M/M/c", "M/D/1", "M/G/1", "M/M/c/K", "M/M/∞"
    /// (with a general service law the infinite-server model is "M/G/∞").
    public var modelName: String {
        let letter = service.kendallLetter
        switch servers {
        case .unlimited:
            return "M/\(letter)/∞"
        case .finite(let c):
            let base = "M/\(letter)/" + (c == 1 && letter == "M" && systemCapacity == nil ? "1" : letter == "M" ? "c" : "\(c)")
            return systemCapacity == nil ? base : base + "/K"
        }
    }
}
