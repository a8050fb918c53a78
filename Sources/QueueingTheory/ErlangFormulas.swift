import Foundation

/// Erlang's loss (B) and delay (C) formulas, computed by the recursion on the number of
/// servers, which never forms aⁿ or n! and so stays accurate for thousands of servers.
public enum ErlangFormulas {
    /// Erlang B: probability that all `servers` are busy in M/M/c/c (blocked calls lost),
    /// offered load a = λ/μ [Erlang].
    ///
    /// B(0) = 1, B(n) = a·B(n−1) / (n + a·B(n−1)).
    /// - Complexity: O(servers).
    /// - Note: Source: Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory
    ///   (4th ed.), §2.5 (M/M/c/c, Erlang's loss formula and its recursion).
    public static func lossProbability(servers: Int, offeredLoad a: Double) -> Double {
        var b = 1.0
        if servers > 0 {
            for n in 1...servers { b = a * b / (Double(n) + a * b) }
        }
        return b
    }

    /// Erlang C: probability that an arrival waits in M/M/c, from Erlang B:
    /// C = c·B / (c − a·(1 − B)). Requires a < c (stable); returns 1 otherwise.
    /// - Complexity: O(servers).
    /// - Note: Source: Kleinrock, Queueing Systems Vol. 1 (1975), §3.5 (M/M/m, Erlang's C
    ///   formula, eq. 3.40); Gross & Harris, Fundamentals of Queueing Theory, §2.3 (relation
    ///   of C to B).
    public static func delayProbability(servers: Int, offeredLoad a: Double) -> Double {
        let c = Double(servers)
        guard a < c else { return 1 }
        let b = lossProbability(servers: servers, offeredLoad: a)
        return c * b / (c - a * (1 - b))
    }
}
