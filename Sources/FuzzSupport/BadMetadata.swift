import CallPipeline
import Foundation

/// A metadata file a drop folder may hold and what its adapter must make of it.
public struct BadMetadata: Sendable, CustomStringConvertible {
    /// The adapter that reads it.
    public let target: FuzzTarget
    public let name: String
    public let bytes: [UInt8]
    /// The code `parse` throws, or nil when it parses (possibly rejecting lines of a CSV).
    public let expected: MetadataError.Code?

    public init(_ target: FuzzTarget, _ name: String, _ text: String, _ expected: MetadataError.Code?) {
        self.init(target, name, bytes: Array(text.utf8), expected)
    }

    public init(_ target: FuzzTarget, _ name: String, bytes: [UInt8], _ expected: MetadataError.Code?) {
        self.target = target
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }

    public var description: String { "\(target.rawValue)/\(name)" }

    /// The file extension its adapter reads.
    public var fileExtension: String {
        switch target {
        case .asterisk: "csv"
        case .siprec: "xml"
        default: "json"
        }
    }
}
