import Foundation

/// Number formatting shared by the human-readable renderers (deterministic, locale-free).
public enum Formatting {
    /// A duration with a unit chosen for readability: "850 µs", "40.2 ms", "1.23 s", "2.5 min".
    public static func duration(_ seconds: Double?) -> String {
        guard let s = seconds else { return "–" }
        let magnitude = abs(s)
        if magnitude == 0 { return "0" }
        if magnitude < 1e-3 { return significant(s * 1e6) + " µs" }
        if magnitude < 1 { return significant(s * 1e3) + " ms" }
        if magnitude < 120 { return significant(s) + " s" }
        if magnitude < 7200 { return significant(s / 60) + " min" }
        return significant(s / 3600) + " h"
    }

    /// Three significant digits, at most two decimals ("0.123", "12.3", "123"); from 1,000 up,
    /// the nearest integer with separators ("23,674").
    static func significant(_ x: Double) -> String {
        let magnitude = abs(x)
        if magnitude >= 1000 && magnitude < 1e18 { return count(Int(x.rounded())) }
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
        return String(format: "%.\(decimals)f", x)
    }

    /// An integer with thousands separators ("48,012").
    public static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A rate per second ("80.0/s").
    static func rate(_ x: Double) -> String { significant(x) + "/s" }

    /// A byte rate in decimal units ("38 MB/s", "512 kB/s", "900 B/s").
    static func bytesRate(_ x: Double) -> String {
        if x >= 1e9 { return significant(x / 1e9) + " GB/s" }
        if x >= 1e6 { return significant(x / 1e6) + " MB/s" }
        if x >= 1e3 { return significant(x / 1e3) + " kB/s" }
        return significant(x) + " B/s"
    }

    /// A fraction as a percentage ("81.2%").
    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    /// A signed fraction as a percentage ("+1.3%", "-0.4%").
    static func signedPercent(_ x: Double) -> String { String(format: "%+.1f%%", x * 100) }

    /// `text` broken into lines of at most `width` characters at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` padded on the right to `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` padded on the left to `width` characters.
    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
