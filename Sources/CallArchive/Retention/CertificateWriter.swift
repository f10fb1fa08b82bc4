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
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/.\(getpid())-\(UUID().uuidString).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw ArchiveError(.io, "cannot create the certificate file; check free space and permissions", path: temporary, errno: errno)
        }
        var isOpen = true
        defer {
            if isOpen { close(fd) }
            unlink(temporary)
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(.io, "cannot write the certificate (disk full?)", path: temporary, errno: errno)
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw ArchiveError(.fsyncFailed, "fsync of the certificate failed", path: temporary, errno: errno) }
        close(fd)
        isOpen = false
        guard rename(temporary, path) == 0 else {
            throw ArchiveError(.io, "cannot publish the certificate file", path: path, errno: errno)
        }
        try DurableFileWriter.fsyncDirectory(directory)
    }
}
