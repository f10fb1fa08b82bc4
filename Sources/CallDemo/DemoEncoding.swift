import CallAudio

/// The sample encodings the demo recorders write (all in WAV containers).
public enum DemoEncoding: String, Sendable, Codable, CaseIterable {
    case pcm16 = "pcm16"
    case muLaw = "mulaw"
    case aLaw = "alaw"
    /// GSM 6.10: libsndfile writes it mono only, so it is used for leg files.
    case gsm610 = "gsm610"
    case imaADPCM = "ima-adpcm"

    var writerFormat: SndFileWriter.Format {
        switch self {
        case .pcm16: .wavPCM16
        case .muLaw: .wavULaw
        case .aLaw: .wavALaw
        case .gsm610: .wavGSM610
        case .imaADPCM: .wavIMAADPCM
        }
    }

    /// Whether libsndfile can write it with this many channels at this rate.
    func supports(channels: Int, sampleRate: Int) -> Bool {
        switch self {
        case .gsm610: channels == 1 && sampleRate == 8000
        case .muLaw, .aLaw, .imaADPCM: sampleRate == 8000
        case .pcm16: true
        }
    }
}
