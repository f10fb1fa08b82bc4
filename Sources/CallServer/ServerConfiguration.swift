import CallModel
import CallReview
import Foundation

/// How `nokchwi serve` listens and behaves. Loopback by default: opening it to the network is a decision (`--listen`).
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Marks the session cookie Secure (set when serving TLS, or behind a TLS proxy).
    public var secureCookies: Bool
    /// A web sign-in lasts this long (then the user signs in again).
    public var sessionLifetime: Duration
    /// The pipeline's `qa:` section: lease length, own-team exclusion, the center's zone for reports.
    public var qa: QAConfiguration
    /// The pipeline's `retention:` policy, recorded in the certificate of a purge run from the archivist's console.
    public var retention: RetentionPolicy
    /// Page language when the user has not chosen one.
    public var defaultLanguage: Language
    /// A Korean font (TrueType/OpenType bytes) served at /assets/ko-font for browsers without one (the CLI reads it
    /// from `--font` or Debian's fonts-nanum); nil: pages rely on the system's fonts.
    public var koreanFont: [UInt8]?
    /// Serve `/api/metrics` from this registry (and count requests); nil: no metrics.
    public var metrics: ServerMetrics?
    /// Serve HTTPS with this certificate chain and key (PEM bytes); the cookie is then Secure and HSTS is sent.
    public var tls: TLSFiles?

    public struct TLSFiles: Sendable {
        public var certificateChainPEM: [UInt8]
        public var privateKeyPEM: [UInt8]
        public init(certificateChainPEM: [UInt8], privateKeyPEM: [UInt8]) {
            self.certificateChainPEM = certificateChainPEM
            self.privateKeyPEM = privateKeyPEM
        }
    }

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
                sessionLifetime: Duration = .seconds(8 * 3600), qa: QAConfiguration = QAConfiguration(),
                retention: RetentionPolicy = .standard, defaultLanguage: Language = .korean, koreanFont: [UInt8]? = nil, tls: TLSFiles? = nil,
                metrics: ServerMetrics? = nil) {
        self.metrics = metrics
        self.koreanFont = koreanFont
        self.tls = tls
        self.host = host
        self.port = port
        self.secureCookies = secureCookies || tls != nil
        self.sessionLifetime = sessionLifetime
        self.qa = qa
        self.retention = retention
        self.defaultLanguage = defaultLanguage
    }
}
