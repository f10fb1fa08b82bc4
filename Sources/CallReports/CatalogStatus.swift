import CallAccess
import CallCatalog
import CallModel
import Foundation

/// `nokchwi status` (and `/api/status`): the catalog's totals scoped like `calls list`, the talk metrics of the calls
/// the user's reports cover, quarantine and pipeline runs for those who run the ingest, and the calls still holding
/// personal fields in plain text for those who run the archive or its keys. The JSON is the totals with three keys
/// beside them.
public struct CatalogStatus: Codable, Sendable {
    public let stats: CatalogStats
    /// Which calls the totals cover, in words.
    public let scope: String
    /// Why the talk metrics are absent, when they are.
    public let metricsWithheld: String?
    public let personalPlaintext: PlaintextPersonalCounts?

    /// The permission that lets `user` see the totals: reports (supervisors) or, else, the ingest (archivists).
    public static func permission(for user: UserAccount) -> Permission {
        AccessPolicy.decide(user, .viewReports).isAllowed ? .viewReports : .ingestCalls
    }

    /// The totals `session` may see (the caller has authorized `permission(for:)` and recorded the view).
    public init(catalog: Catalog, guardian: AccessGuard, session: Session) throws {
        let user = session.user
        let callScope = guardian.scope(session, .listCalls)
        let metricsScope = guardian.scope(session, .viewReports)
        let ingest = AccessPolicy.decide(user, .ingestCalls).isAllowed
        stats = try catalog.stats(calls: callScope, metrics: metricsScope, ingest: ingest)
        scope = Self.describe(callScope)
        metricsWithheld = metricsScope == .none ? "talk metrics are for \(AccessPolicy.allowedRoles(.viewReports)); not for your role" : nil
        personalPlaintext = ingest || AccessPolicy.decide(user, .manageKeys).isAllowed ? try catalog.plaintextPersonalCounts() : nil
    }

    static func describe(_ scope: CallScope) -> String {
        switch scope {
        case .all: "every call in the catalog"
        case .none: "no calls"
        case .limited(let teams, let username):
            [teams.isEmpty ? nil : "calls of team(s) " + teams.sorted().joined(separator: ", "),
             username == nil ? nil : "calls the QA queue assigned to you"].compactMap { $0 }.joined(separator: " and ")
        }
    }

    enum CodingKeys: String, CodingKey { case scope, metricsWithheld = "metrics_withheld", personalPlaintext = "personal_plaintext" }

    public func encode(to encoder: any Encoder) throws {
        try stats.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope)
        try c.encodeIfPresent(metricsWithheld, forKey: .metricsWithheld)
        try c.encodeIfPresent(personalPlaintext, forKey: .personalPlaintext)
    }

    public init(from decoder: any Decoder) throws {
        stats = try CatalogStats(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scope = try c.decode(String.self, forKey: .scope)
        metricsWithheld = try c.decodeIfPresent(String.self, forKey: .metricsWithheld)
        personalPlaintext = try c.decodeIfPresent(PlaintextPersonalCounts.self, forKey: .personalPlaintext)
    }
}
