import CallAccess
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The request context: the browser's session (hummingbird-auth's cookie session store) and, once the sign-in
/// middleware found a valid session, the signed-in user as the access guard knows them.
public struct WebContext: SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    /// The signed-in user (nil on public pages and before sign-in).
    public var user: CallAccess.Session?
    /// Signed in with an API token (Authorization: Bearer) rather than the session cookie.
    public var bearer = false
    /// The peer's address as the socket reports it (never a header a client could forge).
    public let peer: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = SessionContext()
        peer = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The address recorded in the audit trail for this request.
    var sourceAddress: String { "web:\(peer)" }

    /// Uploads are forms and JSON answers: 1 MiB is plenty.
    public var maxUploadSize: Int { 1 << 20 }
}
