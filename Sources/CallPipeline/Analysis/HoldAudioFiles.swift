import CallArchive
import CallAudio
import CallCatalog
import CallDSP
import Foundation

/// The center's hold-audio files (music on hold, queue announcements) read and fingerprinted for the analysis:
/// decoded with libsndfile, mixed to mono, resampled to 8 kHz, then `HoldAudioPrint`.
public enum HoldAudioFiles {
    /// Extensions taken from a folder: the drop folder's audio types and the compressed ones libsndfile reads.
    public static let extensions = AudioFileTypes.extensions.union(["ogg", "oga", "opus", "mp3"])
    /// Shortest file worth a fingerprint: a code needs 0.39 s of history and a match at least 2 s.
    public static let minimumSeconds = 3.0

    /// One file fingerprinted: the print and the file's SHA-256.
    public struct Fingerprinted: Sendable {
        public var print: HoldAudioPrint
        public var sha256: String
    }

    /// Files named, with the audio files directly inside the folders named (sorted, one level).
    public static func expand(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PipelineError(.holdAudioInvalid, "no such file or folder; check the path", path: path)
            }
            guard isDirectory.boolValue else { out.append(path); continue }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let audio = names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            guard !audio.isEmpty else {
                throw PipelineError(.holdAudioInvalid, "the folder holds no audio file (\(extensions.sorted().joined(separator: ", ")))", path: path)
            }
            out += audio.map { (path as NSString).appendingPathComponent($0) }
        }
        return out
    }

    /// Decodes and fingerprints one file.
    public static func fingerprint(path: String) throws -> Fingerprinted {
        let reader: SndFileReader
        do { reader = try SndFileReader(path: path) } catch {
            throw PipelineError(.holdAudioInvalid, "cannot be read as audio (\(error)); convert it to WAV", path: path)
        }
        let channels = reader.info.channels
        let resampler = reader.info.sampleRate == HoldAudioPrint.sampleRate ? nil
            : try AudioResampler(fromRate: reader.info.sampleRate, toRate: HoldAudioPrint.sampleRate, channels: 1)
        var mono: [Float] = []
        while true {
            let chunk = try reader.readChunk(maxFrames: 65536)
            if chunk.isEmpty { break }
            var mixed = [Float](repeating: 0, count: chunk.count / channels)
            let scale = 1 / Float(channels)
            for i in mixed.indices {
                var s: Float = 0
                for c in 0..<channels { s += chunk[i * channels + c] }
                mixed[i] = s * scale
            }
            if let resampler {
                mono += try mixed.withUnsafeBufferPointer { try resampler.process($0, frames: $0.count) }
            } else {
                mono += mixed
            }
        }
        if let resampler { mono += try resampler.flush() }
        let seconds = Double(mono.count) / Double(HoldAudioPrint.sampleRate)
        guard seconds >= minimumSeconds else {
            throw PipelineError(.holdAudioInvalid, String(format: "%.1f s of audio: hold audio needs at least %.0f s", seconds, minimumSeconds), path: path)
        }
        let name = (path as NSString).lastPathComponent
        return Fingerprinted(print: HoldAudioPrint(name: name, samples: mono),
                             sha256: try ContentHasher.hashFile(atPath: path).sha256)
    }

    /// The library of the files and folders named (`analyze --hold-audio`).
    public static func library(paths: [String]) throws -> HoldAudioLibrary {
        HoldAudioLibrary(try expand(paths).map { try fingerprint(path: $0).print })
    }

    /// The catalog's registered hold audio as a library (nil when none, or none of this coder's version).
    public static func library(catalog: Catalog) throws -> HoldAudioLibrary? {
        let prints = try catalog.holdAudio().filter { $0.version == HoldAudioPrint.version }
            .compactMap { HoldAudioPrint(name: $0.name, bytes: [UInt8]($0.codes)) }
        return prints.isEmpty ? nil : HoldAudioLibrary(prints)
    }
}
