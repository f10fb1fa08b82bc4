import CallAudio

/// Why demo data could not be generated.
public enum DemoDataError: Error, CustomStringConvertible, Sendable {
    /// The Debian sound packages are not installed (or the folders hold no WAV files).
    case soundsMissing(soundsDirectory: String, mohDirectory: String)
    /// Prompts were found but none is usable speech.
    case noUsablePrompts(String)
    case invalidOptions(String)
    /// Reading a prompt or writing a recording failed.
    case audio(AudioError)
    /// Creating a folder or writing a metadata/truth file failed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .soundsMissing(let sounds, let moh):
            "demo sounds not found (prompts: \(sounds), music on hold: \(moh)); "
                + "install asterisk-core-sounds-en-wav asterisk-moh-opsound-wav"
        case .noUsablePrompts(let dir): "no usable speech prompts in \(dir); install asterisk-core-sounds-en-wav"
        case .invalidOptions(let why): "invalid demo options: \(why)"
        case .audio(let e): "audio: \(e)"
        case .io(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
