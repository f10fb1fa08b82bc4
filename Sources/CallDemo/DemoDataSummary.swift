/// What one `generate` run wrote.
public struct DemoDataSummary: Sendable, Equatable, Codable {
    /// Regular calls written (the audio behind the unparseable sidecar is counted in `badInputsWritten`).
    public var callsWritten: Int
    /// Total length of the regular calls' recordings, in seconds.
    public var audioSeconds: Double
    /// Every file written into the drop folder, relative to it, sorted.
    public var files: [String]
    /// Every truth file written, relative to the truth folder, sorted.
    public var truthFiles: [String]
    public var badInputsWritten: Int
    public var badInputs: [DemoBadInput]
}

/// One deliberately broken input and what the pipeline should do with it.
public struct DemoBadInput: Sendable, Equatable, Codable {
    /// Path relative to the drop folder.
    public var file: String
    /// What is wrong with it.
    public var problem: String
    /// What the pipeline should produce.
    public var expected: String
    /// The `AudioError.Code` raw value reading it should throw, when it is an audio file that must fail.
    public var expectedAudioError: String?

    enum CodingKeys: String, CodingKey {
        case file, problem, expected, expectedAudioError = "expected_audio_error"
    }
}
