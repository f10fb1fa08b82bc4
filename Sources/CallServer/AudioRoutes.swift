import CallAccess
import CallArchive
import CallAudio
import CallModel
import Foundation
import Hummingbird

/// The call's audio for the browser's player: the archive's plaintext Ogg Opus, decrypted segment by segment
/// (64 KiB reads: never the whole file in memory), with HTTP Range (206, Content-Range, Accept-Ranges) so the
/// element knows the duration and seeks at once. Every request is authorised (`play-call`) and audited with its
/// byte range; nothing is cached by the browser or a proxy.
struct AudioRoutes {
    let services: ServerServices
    static let chunk = 64 * 1024

    func register(_ router: Router<WebContext>) {
        router.get("/calls/:id/audio") { request, context in try audio(request, context) }
    }

    private func audio(_ request: Request, _ context: WebContext) throws -> Response {
        guard let user = context.user else { throw WebError.signInRequired }
        let id = try Pages.callID(context)
        let rangeHeader = request.headers[.range]
        try services.guardian.authorize(user, .playCall, callID: id, record: .playCall,
                                        detail: ["via": "web", "range": String((rangeHeader ?? "all").prefix(40))])
        guard let call = try services.catalog.call(id: id) else { throw WebError.notFound }
        let source = try services.opener.bytes(of: call)
        let size = source.size
        var headers: HTTPFields = [.contentType: "audio/ogg", .acceptRanges: "bytes", .cacheControl: "no-store"]
        let range: ByteRange
        var status = HTTPResponse.Status.ok
        switch ByteRange.parse(rangeHeader, size: size) {
        case .whole:
            range = ByteRange(start: 0, end: size - 1)
        case .range(let r):
            range = r
            status = .partialContent
            headers[.contentRange] = "bytes \(r.start)-\(r.end)/\(size)"
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentLength] = String(range.count)
        let box = SourceBox(source)
        let body = ResponseBody(contentLength: Int(range.count)) { writer in
            var offset = range.start
            while offset <= range.end {
                let n = Int(min(Int64(Self.chunk), range.end - offset + 1))
                let bytes = try box.read(offset: offset, count: n)
                guard !bytes.isEmpty else { break }
                try await writer.write(ByteBuffer(bytes: bytes))
                offset += Int64(bytes.count)
                ServerMetrics.audioBytes(bytes.count)
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }
}

/// One request's archive reader, used by one body writer at a time (the source keeps a read position and one
/// decrypted segment; it is not shared between requests).
final class SourceBox: @unchecked Sendable {
    private let source: any ArchiveByteSource
    private let lock = NSLock()

    init(_ source: any ArchiveByteSource) { self.source = source }

    func read(offset: Int64, count: Int) throws -> [UInt8] {
        try lock.withLock { try source.readBytes(at: offset, count: count) }
    }
}
