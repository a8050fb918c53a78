import Foundation
import MQLabCLI

/// A `Console` that keeps what a command prints in memory, safe to write from any thread.
public final class CapturedConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    private let showsProgress: Bool

    /// - Parameter showsProgress: whether ``console`` claims to be a terminal (progress lines).
    public init(showsProgress: Bool = false) {
        self.showsProgress = showsProgress
    }

    /// Everything written to standard output so far.
    public var out: String { lock.withLock { outText } }
    /// Everything written to standard error so far.
    public var err: String { lock.withLock { errText } }

    /// The console to hand to a command.
    public var console: Console { console(showsProgress: showsProgress) }

    /// A console writing here that claims to be a terminal or not.
    public func console(showsProgress: Bool) -> Console {
        Console(out: { text in self.lock.withLock { self.outText += text } },
                err: { text in self.lock.withLock { self.errText += text } },
                showsProgress: showsProgress)
    }
}
