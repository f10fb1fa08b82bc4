import Foundation

/// Reads a password from the terminal without echo, or from `$NOKCHWI_PASSWORD` for scripts (a token from
/// `nokchwi login` in `$NOKCHWI_TOKEN` is the better choice for unattended jobs).
enum PasswordPrompt {
    static func read(_ prompt: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let password = environment["NOKCHWI_PASSWORD"] { return password }
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else {
            throw CLIError("no terminal to ask for the password: set NOKCHWI_TOKEN (from `nokchwi login`) or NOKCHWI_PASSWORD")
        }
        defer { close(tty) }
        var saved = termios()
        let hasTerminal = tcgetattr(tty, &saved) == 0
        if hasTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(tty, TCSAFLUSH, &quiet)
        }
        defer {
            if hasTerminal { tcsetattr(tty, TCSAFLUSH, &saved) }
            _ = Foundation.write(tty, "\n", 1)
        }
        _ = prompt.withCString { Foundation.write(tty, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Foundation.read(tty, &byte, 1) == 1, byte != 10, byte != 13 {
            bytes.append(byte)
            if bytes.count > 4096 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Asks twice on a terminal (once from the environment) and checks both agree.
    static func readNew(_ prompt: String) throws -> String {
        let first = try read(prompt)
        if ProcessInfo.processInfo.environment["NOKCHWI_PASSWORD"] != nil { return first }
        guard try read("again: ") == first else { throw CLIError("the two passwords differ; nothing was changed") }
        return first
    }
}
