import CallModel
import Foundation
import Testing
@testable import CallPipeline

/// Every way a metadata file can name a file outside the drop folder is rejected as
/// `metadata-path-outside-drop-folder` (or finds nothing outside), and no candidate ever points outside.
@Suite struct DiscoveryPathEscapeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        /// `OUTSIDE` is replaced by the absolute path of a folder beside the drop folder.
        let text: String
        let code: String?
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "a/up.json", text: #"{"audio": "../../secret.wav"}"#, code: "metadata-path-outside-drop-folder"),
        Case(file: "a/up-inside.json", text: #"{"audio": "sub/../../../secret.wav"}"#, code: "metadata-path-outside-drop-folder"),
        Case(file: "a/dot.json", text: #"{"audio": "./../../secret.wav"}"#, code: "metadata-path-outside-drop-folder"),
        Case(file: "a/legs-up.json", text: #"{"legs": {"agent": "../../secret.wav", "caller": "x-caller.wav"}}"#,
             code: "metadata-path-outside-drop-folder"),
        Case(file: "a/legs-abs.json", text: #"{"legs": {"agent": "x-agent.wav", "caller": "OUTSIDE/secret.wav"}}"#,
             code: "metadata-path-outside-drop-folder"),
        Case(file: "a/abs.json", text: #"{"audio": "OUTSIDE/secret.wav"}"#, code: "metadata-path-outside-drop-folder"),
        Case(file: "a/abs-dots.json", text: #"{"audio": "/../../../OUTSIDE/secret.wav"}"#, code: "metadata-path-outside-drop-folder"),
        Case(file: "a/etc.json", text: #"{"audio": "/etc/passwd"}"#, code: "metadata-path-outside-drop-folder"),
        Case(file: "fs/cdr.json", text: #"{"variables": {"uuid": "../../secret", "answer_epoch": "1700000000", "record_file_path": "../../OUTSIDE/secret.wav"}}"#,
             code: "metadata-missing-audio"),
        Case(file: "csv/Master.csv", text: #""","1","2","from-pstn","","SIP/t-1","SIP/8007-2","Dial","","2026-11-23 09:00:00","2026-11-23 09:00:04","2026-11-23 09:01:04","64","60","ANSWERED","DOCUMENTATION","../../secret","""#,
             code: "metadata-malformed"),
    ]

    @Test(arguments: cases)
    func metadataCannotReachOutsideTheDropFolder(_ c: Case) throws {
        let outside = try MetadataTempFolder()
        try outside.write("secret.wav")
        let f = try MetadataTempFolder()
        try f.write(c.file, c.text.replacingOccurrences(of: "OUTSIDE", with: outside.url.path))
        try f.write("a/x-agent.wav")
        try f.write("a/x-caller.wav")
        try f.write("a/sub/keep.wav")
        let scan = try DropFolderScanner(root: f.url, channelCount: { _ in 2 }).scan()
        #expect(scan.rejections.map(\.code.rawValue) == (c.code.map { [$0] } ?? []), "\(scan.rejections)")
        #expect(scan.rejections.allSatisfy { !$0.reason.contains(outside.url.path) && !$0.reason.contains("secret") })
        for file in scan.candidates.flatMap(\.layout.files) {
            #expect(!file.hasPrefix("/") && !file.split(separator: "/").contains(".."), "\(file)")
            #expect(FileManager.default.fileExists(atPath: f.url.appendingPathComponent(file).path))
        }
    }
}
