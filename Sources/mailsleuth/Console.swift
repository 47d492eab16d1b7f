import Foundation
import MailReport

/// Writes to standard output and standard error; the only place the executable prints.
enum Console {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Text that came from an input (file names, messages), made safe for the terminal.
    static func safe(_ text: String) -> String { Sanitizer.terminal(text) }

    /// Colour only on a terminal and when NO_COLOR is unset.
    static var useColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
