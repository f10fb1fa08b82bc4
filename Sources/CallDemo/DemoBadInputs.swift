import Foundation

/// The deliberately broken files of `bad/`, each with what the pipeline should make of it.
enum DemoBadInputs {
    static let folder = "bad"
    static let unparseableBase = "bad-sidecar-unparseable"

    /// Writes the byte-level bad files; the audio beside the unparseable sidecar is written by the generator.
    static func write(into sink: DemoFileSink, speech: [Float]) throws(DemoDataError) -> [DemoBadInput] {
        var list: [DemoBadInput] = []
        let pcm = pcm16(speech)

        try sink.write(Data(), to: "\(folder)/bad-zero-length.wav")
        list.append(DemoBadInput(
            file: "\(folder)/bad-zero-length.wav", problem: "0 bytes",
            expected: "not archived; reported and quarantined as an empty recording", expectedAudioError: "empty"))

        var truncated = wav(dataBytes: UInt32(pcm.count), riffBytes: 36 + pcm.count) + pcm
        truncated.removeLast(pcm.count / 2)
        try sink.write(truncated, to: "\(folder)/bad-truncated.wav")
        list.append(DemoBadInput(
            file: "\(folder)/bad-truncated.wav",
            problem: "RIFF and data sizes agree with each other but promise \(pcm.count) bytes of audio; "
                + "the file holds \(pcm.count - pcm.count / 2)",
            expected: "not archived (never as a shorter valid call); quarantined as truncated",
            expectedAudioError: "truncated"))

        let placeholder = wav(dataBytes: 0xFFFF_FFFF, riffBytes: 36 + pcm.count) + pcm
        try sink.write(placeholder, to: "\(folder)/bad-data-size-ffffffff.wav")
        list.append(DemoBadInput(
            file: "\(folder)/bad-data-size-ffffffff.wav",
            problem: "the data chunk size is the placeholder 0xFFFFFFFF (a header the recorder never finalised)",
            expected: "not archived; quarantined as a header mismatch (no 4 GiB allocation, no endless read)",
            expectedAudioError: "headerMismatch"))

        let text = "Call log export 2026-11-23\nagent=A003 team=team-1 calls=71\nThis is text, not audio.\n"
        try sink.write(text, to: "\(folder)/bad-text-renamed.wav")
        list.append(DemoBadInput(
            file: "\(folder)/bad-text-renamed.wav", problem: "a text file with a .wav name",
            expected: "not archived; quarantined as unreadable audio", expectedAudioError: "unsupportedEncoding"))

        let broken = """
            { "call_id": "\(unparseableBase)", "start_time": "2026-11-23T12:00:00+09:00",
              "agent_id": "A005", "team": "team-2", "tags": ["complaint",
            """
        try sink.write(broken, to: "\(folder)/\(unparseableBase).json")
        list.append(DemoBadInput(
            file: "\(folder)/\(unparseableBase).json",
            problem: "sidecar JSON cut off mid-document (does not parse); a valid recording "
                + "\(folder)/\(unparseableBase).wav sits beside it",
            expected: "the JSON is quarantined (or reported as a metadata warning); the WAV is still archived, "
                + "without metadata (flag no-metadata); its truth is \(unparseableBase).truth.json",
            expectedAudioError: nil))

        let escape = """
            {
              "call_id": "bad-sidecar-escape",
              "start_time": "2026-11-23T12:30:00+09:00",
              "agent_id": "A006",
              "team": "team-2",
              "audio": "../../etc/passwd"
            }

            """
        try sink.write(escape, to: "\(folder)/bad-sidecar-escape.json")
        list.append(DemoBadInput(
            file: "\(folder)/bad-sidecar-escape.json",
            problem: "sidecar whose audio is ../../etc/passwd, outside the drop folder",
            expected: "the JSON is quarantined (path escapes the drop folder); nothing outside the drop folder is "
                + "opened; no call is archived from it",
            expectedAudioError: nil))
        return list
    }

    /// A canonical 44-byte PCM16 mono 8 kHz WAV header with the given (possibly lying) sizes.
    static func wav(dataBytes: UInt32, riffBytes: Int) -> Data {
        var d = Data("RIFF".utf8)
        le32(&d, UInt32(truncatingIfNeeded: riffBytes))
        d += Data("WAVEfmt ".utf8)
        le32(&d, 16)
        le16(&d, 1)       // PCM
        le16(&d, 1)       // mono
        le32(&d, 8000)
        le32(&d, 16000)   // byte rate
        le16(&d, 2)       // block align
        le16(&d, 16)
        d += Data("data".utf8)
        le32(&d, dataBytes)
        return d
    }

    static func pcm16(_ samples: [Float]) -> Data {
        var d = Data(capacity: samples.count * 2)
        for s in samples {
            let v = Int16(max(-32768, min(32767, (s * 32767).rounded())))
            le16(&d, UInt16(bitPattern: v))
        }
        return d
    }

    private static func le32(_ d: inout Data, _ v: UInt32) {
        for k in 0..<4 { d.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) }
    }

    private static func le16(_ d: inout Data, _ v: UInt16) {
        d.append(UInt8(truncatingIfNeeded: v))
        d.append(UInt8(truncatingIfNeeded: v >> 8))
    }
}
