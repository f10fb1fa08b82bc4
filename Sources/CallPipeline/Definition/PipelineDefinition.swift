import CallArchive
import CallAudio
import CallDSP
import CallModel
import Foundation
import Yams

/// A pipeline definition (`Pipelines/*.yaml`): how recordings are read, encoded and described.
/// Every threshold lives here, with the defaults documented in the README and docs/analysis.md.
public struct PipelineDefinition: Sendable, Equatable {
    public var name: String
    public var encoding: OpusEncodingSettings
    public var ingest: IngestSettings
    public var metadata: MetadataSettings
    /// Talk, silence, overtalk and hold thresholds (`analysis:`).
    public var analysis: AnalysisSettings
    /// Retention classes and the default class (`retention:`).
    public var retention: RetentionPolicy
    /// SHA-256 of the file the definition was read from ("" for the built-in default).
    public var sourceSHA256: String
    /// Where audit checkpoints are shipped as they are written (`audit:`).
    public var audit = AuditSettings()
    /// `retention.two_person`: a purge or hold release needs a second archivist (sticky in the home once used).
    public var retentionTwoPerson = false

    public init(name: String = "default", encoding: OpusEncodingSettings = OpusEncodingSettings(),
                ingest: IngestSettings = IngestSettings(), metadata: MetadataSettings = MetadataSettings(),
                analysis: AnalysisSettings = AnalysisSettings(), retention: RetentionPolicy = .standard,
                sourceSHA256: String = "") {
        self.name = name
        self.encoding = encoding
        self.ingest = ingest
        self.metadata = metadata
        self.analysis = analysis
        self.retention = retention
        self.sourceSHA256 = sourceSHA256
    }

    /// Loads and validates a definition file.
    public static func load(path: String) throws -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError(.definitionInvalid, "cannot read the pipeline definition; check the path", path: path)
        }
        var hasher = ContentHasher()
        hasher.update(data)
        var definition = try parse(yaml: String(decoding: data, as: UTF8.self), path: path)
        definition.sourceSHA256 = hasher.finalize()
        return definition
    }

    /// Parses a definition from YAML text.
    public static func parse(yaml: String, path: String = "<inline>") throws -> PipelineDefinition {
        let file: PipelineFile
        do {
            file = try YAMLDecoder().decode(PipelineFile.self, from: yaml)
        } catch {
            throw PipelineError(.definitionInvalid, "the pipeline definition does not parse: \(PipelineFile.explain(error))", path: path)
        }
        var definition = PipelineDefinition(
            name: file.name ?? "default",
            encoding: file.encoding?.settings ?? OpusEncodingSettings(),
            ingest: file.ingest ?? IngestSettings(),
            metadata: file.metadata ?? MetadataSettings(),
            analysis: file.analysis ?? AnalysisSettings(),
            retention: try file.retention?.policy(path: path) ?? .standard)
        definition.audit = file.audit ?? AuditSettings()
        definition.retentionTwoPerson = file.retention?.twoPerson ?? false
        try definition.validate(path: path)
        return definition
    }

    func validate(path: String) throws {
        let e = encoding
        func invalid(_ what: String) -> PipelineError { PipelineError(.definitionInvalid, what, path: path) }
        guard (6000...64000).contains(e.bitratePerChannel) else { throw invalid("encoding.bitrate_per_channel must be 6000...64000 bit/s") }
        guard (0...10).contains(e.complexity) else { throw invalid("encoding.complexity must be 0...10") }
        guard [10, 20, 40, 60].contains(e.frameMilliseconds) else { throw invalid("encoding.frame_ms must be 10, 20, 40 or 60") }
        guard (100...1000).contains(e.maxPageMilliseconds) else { throw invalid("encoding.max_page_ms must be 100...1000") }
        guard (256...65536).contains(ingest.chunkFrames) else { throw invalid("ingest.chunk_frames must be 256...65536") }
        guard ingest.jobs >= 0 else { throw invalid("ingest.jobs must be 0 (one per core) or more") }
        guard TimeZone(identifier: metadata.timezone) != nil else { throw invalid("metadata.timezone is not an IANA time zone") }
        if let problem = analysis.validate() { throw invalid("analysis: \(problem)") }
        if let problem = retention.validationProblem() { throw invalid("retention.\(problem)") }
    }
}

/// Ingest settings (`ingest:` in the YAML).
public struct IngestSettings: Codable, Sendable, Equatable {
    /// Calls processed at once; 0 means one per core.
    public var jobs: Int = 0
    /// Frames decoded per block (bounded memory whatever the call length).
    public var chunkFrames: Int = 4096

    public init(jobs: Int = 0, chunkFrames: Int = 4096) {
        self.jobs = jobs
        self.chunkFrames = chunkFrames
    }

    enum CodingKeys: String, CodingKey {
        case jobs
        case chunkFrames = "chunk_frames"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        jobs = try c.decodeIfPresent(Int.self, forKey: .jobs) ?? 0
        chunkFrames = try c.decodeIfPresent(Int.self, forKey: .chunkFrames) ?? 4096
    }
}

/// The YAML file's shape. Sections other issues add (sampling) are ignored here.
struct PipelineFile: Decodable {
    var name: String?
    var encoding: EncodingSection?
    var ingest: IngestSettings?
    var metadata: MetadataSettings?
    var analysis: AnalysisSettings?
    var retention: RetentionSection?
    var audit: AuditSettings?

    struct EncodingSection: Decodable {
        var bitratePerChannel: Int?
        var vbr: Bool?
        var complexity: Int?
        var frameMs: Int?
        var maxPageMs: Int?

        enum CodingKeys: String, CodingKey {
            case bitratePerChannel = "bitrate_per_channel"
            case vbr, complexity
            case frameMs = "frame_ms"
            case maxPageMs = "max_page_ms"
        }

        var settings: OpusEncodingSettings {
            var s = OpusEncodingSettings()
            if let v = bitratePerChannel { s.bitratePerChannel = v }
            if let v = vbr { s.vbr = v }
            if let v = complexity { s.complexity = v }
            if let v = frameMs { s.frameMilliseconds = v }
            if let v = maxPageMs { s.maxPageMilliseconds = v }
            return s
        }
    }

    static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            return key.isEmpty ? context.debugDescription : "\(key): \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _):
            return "missing key \(key.stringValue)"
        default:
            return String(describing: error)
        }
    }
}
