/// A hold the pipeline knows from metadata (seconds from the start of the recording): what
/// `CallAnalyzer.finish(metadataHold:)` takes.
public struct HoldInterval: Codable, Sendable, Equatable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}
