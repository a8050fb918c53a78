/// Reduces a long series to what a chart of a given width can show, without hiding a peak.
///
/// The points are split into `columns` equal slices of the x range (one per pixel column of
/// the plot); a slice with more than two points keeps only its first, its smallest, its
/// largest and its last point, in their original order (the M4 aggregation). Every extreme of
/// every column therefore survives — a spike one sample wide still reaches its height, and a
/// line drawn through the kept points crosses each column exactly as the full line does —
/// where keeping every n-th point would drop most spikes.
///
/// - Note: Source: Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation",
///   PVLDB 7(10), 2014, https://www.vldb.org/pvldb/vol7/p797-jugel.pdf
enum SeriesDownsampler {
    /// A point of a series: `x` non-decreasing along the series; a NaN `y` marks a gap.
    struct Point: Equatable, Sendable {
        var x: Double
        var y: Double
    }

    /// The points to draw for `points` on a plot `columns` pixels wide.
    /// - Parameters:
    ///   - points: the series, `x` non-decreasing.
    ///   - columns: pixel columns of the plot (≥ 1).
    /// - Returns: `points` itself when it has at most 4 × `columns` points; otherwise at most
    ///   4 points per column, a subsequence of `points`.
    /// - Complexity: O(n).
    static func downsample(_ points: [Point], columns: Int) -> [Point] {
        let columns = max(1, columns)
        guard points.count > 4 * columns, let first = points.first, let last = points.last, last.x > first.x else {
            return points
        }
        let span = last.x - first.x
        var out: [Point] = []
        out.reserveCapacity(4 * columns)
        var start = 0
        while start < points.count {
            let column = min(columns - 1, Int((points[start].x - first.x) / span * Double(columns)))
            var end = start + 1
            while end < points.count,
                  min(columns - 1, Int((points[end].x - first.x) / span * Double(columns))) == column {
                end += 1
            }
            // The extremes among the values (a NaN, a gap, is kept only as a first or last point).
            var lowest = start, highest = start
            for k in start..<end where !points[k].y.isNaN {
                if points[lowest].y.isNaN || points[k].y < points[lowest].y { lowest = k }
                if points[highest].y.isNaN || points[k].y > points[highest].y { highest = k }
            }
            var kept = [start, lowest, highest, end - 1]
            kept.sort()
            var previous = -1
            for k in kept where k != previous {
                out.append(points[k])
                previous = k
            }
            start = end
        }
        return out
    }
}
