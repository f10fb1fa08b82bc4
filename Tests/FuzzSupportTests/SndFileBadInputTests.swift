import CallAudio
import Foundation
import FuzzSupport
import Testing

/// Issue 7's bad recordings at the reader: each refused with its `AudioError` code (opening or reading to the
/// end), each valid-but-unusual one read in full. The same catalogue goes through ingest in `IngestBadInputTests`.
@Suite struct SndFileBadInputTests {
    static let catalog = (try? BadRecordingCatalog.all()) ?? []

    @Test func catalogBuildsAndNamesAreUnique() throws {
        let names = try BadRecordingCatalog.all().map(\.name)
        #expect(names.count >= 39)
        #expect(Set(names).count == names.count)
    }

    @Test(arguments: catalog)
    func readerGivesTheExpectedResult(_ recording: BadRecording) throws {
        let folder = try ScratchFolder()
        let path = try folder.write(recording.name + ".wav", recording.bytes)
        let result = Result { () throws(AudioError) in try Self.readAll(path) }
        switch (recording.expected, result) {
        case (.refused(let code), .failure(let error)):
            #expect(error.code == code, "\(recording.what): \(error)")
            #expect(error.path == path && error.message.count > 20)
        case (.accepted(let frames, let samePCM), .success(let samples)):
            #expect(Int64(samples.count) == frames, "\(recording.what)")
            if samePCM {
                let plain = try #require(Self.catalog.first { $0.name == BadRecordingCatalog.plainName })
                let reference = try Self.readAll(try folder.write("plain.wav", plain.bytes))
                #expect(samples.values == reference.values, "\(recording.what): the audio differs from the plain file")
            }
        case (.refused(let code), .success):
            Issue.record("\(recording.name) (\(recording.what)) was accepted; expected \(code)")
        case (.accepted, .failure(let error)):
            Issue.record("\(recording.name) (\(recording.what)) was refused: \(error)")
        }
    }

    static func readAll(_ path: String) throws(AudioError) -> (values: [Float], channels: Int, count: Int) {
        let reader = try SndFileReader(path: path)
        var values: [Float] = []
        while true {
            let chunk = try reader.readChunk(maxFrames: 1000)
            if chunk.isEmpty { break }
            values += chunk
        }
        return (values, reader.info.channels, values.count / reader.info.channels)
    }
}

/// A temporary folder removed when the value goes away.
final class ScratchFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-fuzz-tests-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }
}
