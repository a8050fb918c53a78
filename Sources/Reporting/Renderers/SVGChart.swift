import Foundation

/// What the SVG charts of the HTML report share: the style sheet (light, dark and print),
/// escaping, number text for coordinates and tick labels, and nice tick values.
///
/// Charts draw with classes (`c0` … `c7` for series colours, `axis`, `grid`, `label`), so one
/// style sheet colours them for the reader's colour scheme: the HTML page carries it once, a
/// standalone `.svg` file carries it inside. No script, font or image is referenced.
enum SVGChart {
    /// Series colours (light, dark): a palette readable on both backgrounds and in grey print.
    static let palette: [(light: String, dark: String)] = [
        ("#0969da", "#4493f8"), ("#cf222e", "#f85149"), ("#1a7f37", "#3fb950"), ("#9a6700", "#d29922"),
        ("#8250df", "#a371f7"), ("#bc4c00", "#f0883e"), ("#1b7c83", "#39c5cf"), ("#57606a", "#9198a1"),
    ]

    /// The style rules of the charts (inside `svg.chart`), for light and dark schemes and print.
    static var style: String {
        var rules = """
        svg.chart{--fg:#1f2328;--muted:#59636e;--grid:#d1d9e0;\(colourVariables(\.light))font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;font-size:12px;max-width:100%;height:auto}
        @media (prefers-color-scheme:dark){svg.chart{--fg:#f0f6fc;--muted:#9198a1;--grid:#3d444d;\(colourVariables(\.dark))}}
        @media print{svg.chart{--fg:#000;--muted:#333;--grid:#bbb;\(colourVariables(\.light))}}
        svg.chart .title{fill:var(--fg);font-weight:600;font-size:14px}
        svg.chart .label,svg.chart .tick{fill:var(--muted)}
        svg.chart .legend{fill:var(--fg)}
        svg.chart .axis{stroke:var(--muted);stroke-width:1;fill:none}
        svg.chart .grid{stroke:var(--grid);stroke-width:1;fill:none}
        svg.chart path.series{fill:none;stroke-width:1.5;stroke-linejoin:round}

        """
        for index in palette.indices {
            rules += "svg.chart .c\(index){stroke:var(--c\(index))}svg.chart rect.c\(index){fill:var(--c\(index));stroke:none}\n"
        }
        return rules
    }

    private static func colourVariables(_ scheme: KeyPath<(light: String, dark: String), String>) -> String {
        palette.indices.map { "--c\($0):\(palette[$0][keyPath: scheme]);" }.joined()
    }

    /// `text` with the five characters HTML and XML give meaning to escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A coordinate with one decimal, locale-free, never "-0.0" (deterministic bytes).
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let text = String(format: "%.1f", x)
        return text == "-0.0" ? "0.0" : text
    }

    /// The class of the `index`-th series colour.
    static func colour(_ index: Int) -> String { "c\(index % palette.count)" }

    /// Evenly spaced "nice" ticks (1, 2 or 5 × 10^k apart) from 0 covering `maximum`, about
    /// `count` of them; the last tick is ≥ `maximum`.
    static func niceTicks(upTo maximum: Double, count: Int = 5) -> [Double] {
        niceTicks(from: 0, to: maximum, count: count)
    }

    /// Evenly spaced "nice" ticks (1, 2 or 5 × 10^k apart) covering `low` … `high`, about
    /// `count` of them: the first tick is ≤ `low`, the last ≥ `high`. An empty or non-finite
    /// range gives two ticks around `low` (or 0 and 1).
    static func niceTicks(from low: Double, to high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else {
            return low.isFinite && low != 0 ? niceTicks(from: min(0, low), to: max(0, low), count: count) : [0, 1]
        }
        let rough = (high - low) / Double(max(1, count))
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let bottom = (low / step).rounded(.down), top = (high / step).rounded(.up)
        return (Int(bottom)...Int(top)).map { Double($0) * step }
    }

    /// A tick label for `value` on an axis whose ticks are `step` apart: integers with
    /// separators, else as many decimals as the step needs ("0.25", "1,500").
    static func tickText(_ value: Double, step: Double) -> String {
        if step >= 1 || value == 0 { return Formatting.count(Int(value.rounded())) }
        let decimals = min(6, max(0, Int((-log10(step)).rounded(.up))))
        return String(format: "%.\(decimals)f", value)
    }

    /// The `<text>` element of a legend entry and its swatch, starting at (`x`, `y`).
    static func legendEntry(_ name: String, colour: Int, x: Double, y: Double) -> String {
        "<rect class=\"\(SVGChart.colour(colour))\" x=\"\(number(x))\" y=\"\(number(y - 9))\" width=\"12\" height=\"10\"/>"
            + "<text class=\"legend\" x=\"\(number(x + 16))\" y=\"\(number(y))\">\(escape(name))</text>"
    }

    /// Approximate width of `text` in the chart font [px] (for laying out legends).
    static func textWidth(_ text: String) -> Double { Double(text.count) * 6.8 }

    /// Lays legend entries out in rows no wider than `width`; returns the SVG and the rows used.
    static func legend(_ names: [String], x: Double, y: Double, width: Double) -> (svg: String, rows: Int) {
        guard names.count > 1 else { return ("", 0) }
        var svg = "", cx = x, row = 0
        for (index, name) in names.enumerated() {
            let entry = 16 + textWidth(name) + 18
            if cx > x && cx + entry > x + width { row += 1; cx = x }
            svg += legendEntry(name, colour: index, x: cx, y: y + Double(row) * 16)
            cx += entry
        }
        return (svg, row + 1)
    }

    // MARK: - The frame every chart shares

    /// The start of a chart: its `<svg>` element, its title (as tooltip and as text at the
    /// top left) and its legend.
    static func opening(id: String, title: String, width: Double, height: Double, left: Double, legend: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"\(escape(id))\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
            + "<title>\(escape(title))</title>"
            + "<text class=\"title\" x=\"\(number(left))\" y=\"20\">\(escape(title))</text>"
            + legend
    }

    /// A horizontal grid line at height `y` across the plot, with its value tick on the left.
    static func gridLine(y: Double, text: String, left: Double, plotWidth: Double) -> String {
        "<line class=\"grid\" x1=\"\(number(left))\" y1=\"\(number(y))\" x2=\"\(number(left + plotWidth))\" y2=\"\(number(y))\"/>"
            + "<text class=\"tick\" x=\"\(number(left - 6))\" y=\"\(number(y + 4))\" text-anchor=\"end\">\(escape(text))</text>"
    }

    /// A tick mark under the plot at `x`, with its text.
    static func xTick(x: Double, text: String, baseline: Double) -> String {
        "<line class=\"axis\" x1=\"\(number(x))\" y1=\"\(number(baseline))\" x2=\"\(number(x))\" y2=\"\(number(baseline + 5))\"/>"
            + "<text class=\"tick\" x=\"\(number(x))\" y=\"\(number(baseline + 18))\" text-anchor=\"middle\">\(escape(text))</text>"
    }

    /// The plot's left and bottom axes.
    static func axes(left: Double, top: Double, plotWidth: Double, plotHeight: Double) -> String {
        "<path class=\"axis\" d=\"M\(number(left)) \(number(top))V\(number(top + plotHeight))H\(number(left + plotWidth))\"/>"
    }

    /// The label under the x axis, centred on the plot.
    static func xLabel(_ text: String, left: Double, plotWidth: Double, height: Double) -> String {
        "<text class=\"label\" x=\"\(number(left + plotWidth / 2))\" y=\"\(number(height - 6))\" text-anchor=\"middle\">\(escape(text))</text>"
    }

    /// The label of the y axis, written upwards beside it.
    static func yLabel(_ text: String, top: Double, plotHeight: Double) -> String {
        "<text class=\"label\" transform=\"translate(14 \(number(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(text))</text>"
    }

    /// A standalone SVG document of `chart` (the chart's `<svg>` with its style sheet inside),
    /// for a file a browser or GitHub shows on its own.
    static func standalone(_ chart: String) -> String {
        guard let close = chart.range(of: ">") else { return chart }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + chart[..<close.upperBound]
            + "<style>\n" + style + "svg.chart{background:transparent}\n</style>" + chart[close.upperBound...]
    }
}
