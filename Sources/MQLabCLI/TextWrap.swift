/// Word wrapping for terminal output.
enum TextWrap {
    /// `text` broken at spaces into lines of at most `width` characters, the first starting
    /// with `firstIndent`, the others with `indent`. A word longer than a line stands alone
    /// on its line (never cut).
    static func wrap(_ text: String, width: Int, firstIndent: String, indent: String) -> String {
        var lines: [String] = []
        var line = firstIndent
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
