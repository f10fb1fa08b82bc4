import Foundation
import FuzzSupport
import Testing
@testable import CallPipeline

/// Issue 7's hostile metadata at each adapter: malformed, huge, deeply nested, not UTF-8, XML entity expansion
/// and external entities. Each gives its `MetadataError` code (or parses) without trapping, and no reason quotes
/// the input.
@Suite struct MetadataBadInputTests {
    static func adapter(_ target: FuzzTarget) -> any MetadataAdapter {
        switch target {
        case .asterisk: AsteriskCDRAdapter()
        case .freeswitch: FreeSWITCHCDRAdapter()
        case .siprec: SIPRECAdapter()
        default: SidecarJSONAdapter()
        }
    }

    @Test(arguments: BadMetadataCatalog.all)
    func adapterGivesTheExpectedCode(_ input: BadMetadata) {
        let path = "drop/" + input.name + "." + input.fileExtension
        do throws(MetadataError) {
            let result = try Self.adapter(input.target).parse(data: Data(input.bytes), relativePath: path,
                                                              settings: MetadataSettings())
            #expect(input.expected == nil, "\(input) parsed; expected \(input.expected?.rawValue ?? "")")
            for rejection in result.rejectedLines { #expect(rejection.reason.count < 500) }
        } catch {
            #expect(error.code == input.expected, "\(input): \(error)")
            #expect(error.relativePath == path && error.reason.count < 500)
            #expect(!error.reason.contains("passwd") && !error.reason.contains("lol"))
        }
    }

    @Test func pathsInMetadataStayWhereTheyAreUntilResolved() throws {
        let find = { (target: FuzzTarget, name: String) in
            try #require(BadMetadataCatalog.all.first { $0.target == target && $0.name == name })
        }
        let dots = try find(.sidecar, "path-with-dots")
        let record = try #require(try SidecarJSONAdapter().parse(data: Data(dots.bytes), relativePath: "x.json",
                                                                 settings: MetadataSettings()).records.first)
        #expect(record.audio == .file("../../etc/passwd"))  // refused by the resolver (DropFolderScanner)
        let fs = try find(.freeswitch, "recording-path-with-dots")
        let fsRecord = try #require(try FreeSWITCHCDRAdapter().parse(data: Data(fs.bytes), relativePath: "x.json",
                                                                     settings: MetadataSettings()).records.first)
        #expect(fsRecord.audio == .anyOf([.basename("passwd.wav")]), "only the basename, looked up inside the drop folder")
        let siprec = try find(.siprec, "label-with-dots")
        let siprecRecord = try #require(try SIPRECAdapter().parse(data: Data(siprec.bytes), relativePath: "s.xml",
                                                                  settings: MetadataSettings()).records.first)
        #expect(siprecRecord.audio == .stem("s", legs: [], scope: .besideMetadata), "unsafe labels are not used as names")
    }
}
