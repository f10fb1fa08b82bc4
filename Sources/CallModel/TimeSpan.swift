/// A closed-open stretch of a recording in seconds, `[start, end)`, encoded as the JSON array `[start, end]`.
public struct TimeSpan: Codable, Sendable, Equatable, Hashable {
    public var start: Double
    public var end: Double

    public init(_ start: Double, _ end: Double) {
        self.start = start
        self.end = end
    }

    public var duration: Double { max(0, end - start) }

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        start = try c.decode(Double.self)
        end = try c.decode(Double.self)
        guard c.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "a time span is [start, end]")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(start)
        try c.encode(end)
    }
}
