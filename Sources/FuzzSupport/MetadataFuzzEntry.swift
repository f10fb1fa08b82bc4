import CallPipeline
import Foundation

/// The metadata fuzz entry points: one adapter's `parse` (and `canRead` where it reads bytes) on the input.
enum MetadataFuzzEntry {
    static let settings = MetadataSettings()

    static func parse(_ bytes: [UInt8], as target: FuzzTarget) -> FuzzOutcome {
        let data = Data(bytes)
        let (adapter, path): (any MetadataAdapter, String) = switch target {
        case .asterisk: (AsteriskCDRAdapter(), "cdr/Master.csv")
        case .freeswitch: (FreeSWITCHCDRAdapter(), "cdr/call.json")
        case .siprec: (SIPRECAdapter(), "rec/call.xml")
        default: (SidecarJSONAdapter(), "rec/call.json")
        }
        _ = adapter.canRead(relativePath: path, prefix: data)
        do throws(MetadataError) {
            let result = try adapter.parse(data: data, relativePath: path, settings: settings)
            return .accepted("\(result.records.count) records, \(result.rejectedLines.count) rejected lines")
        } catch {
            return .refused(code: error.code.rawValue)
        }
    }
}
