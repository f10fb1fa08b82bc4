#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CallModel
import Foundation

/// Writes a run's destruction certificate durably, as `purge-<run id>-<YYYYMMDD>.json` and `.txt` in the home's
/// `certificates/` folder (temporary file, fsync, rename over any earlier version from an interrupted run, fsync of
/// the folder; mode 0640).
enum CertificateWriter {
    struct Written {
        let jsonPath: String
        let textPath: String
        /// SHA-256 of the JSON bytes (recorded in the run's audit entry).
        let jsonSHA256: String
    }

    static func write(_ certificate: DestructionCertificate, to directory: URL, timeZone: TimeZone) throws -> Written {
        try DurableFileWriter.makeDirectories(directory.path)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let d = calendar.dateComponents([.year, .month, .day], from: certificate.startedAt)
        let base = directory.appendingPathComponent(String(format: "purge-%lld-%04d%02d%02d", certificate.runID, d.year!, d.month!, d.day!)).path
        let json = try certificate.jsonData()
        try replace(Array(json), at: base + ".json")
        try replace(Array(certificate.renderText(timeZone: timeZone).utf8), at: base + ".txt")
        var hasher = ContentHasher()
        hasher.update(json)
        return Written(jsonPath: base + ".json", textPath: base + ".txt", jsonSHA256: hasher.finalize())
    }

    private static func replace(_ bytes: [UInt8], at path: String) throws {
        try SmallFileWriter.write(bytes, to: path, mode: 0o640, replace: true, what: "the certificate file")
    }
}
