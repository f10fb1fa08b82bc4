import CallAccess
import CallModel
import Foundation
import Hummingbird

/// What every route handler shares: the services, the renderer and the small steps every page takes (who is
/// signed in, which language, render or JSON).
struct Pages: Sendable {
    let services: ServerServices
    let configuration: ServerConfiguration
    let renderer: PageRenderer

    /// The signed-in user, or 401 (API) / the sign-in page (pages).
    func user(_ context: WebContext) throws -> Session {
        guard let user = context.user else { throw WebError.signInRequired }
        return user
    }

    /// `?lang=` when given (and remembered in the session), else the session's choice, else the default.
    func language(_ request: Request, _ context: WebContext) -> Language {
        if let asked = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) {
            if var session = context.sessions.session {
                session.language = asked.rawValue
                _ = context.sessions.updateSession(session)
            }
            return asked
        }
        return context.sessions.session?.language.flatMap(Language.init(rawValue:)) ?? configuration.defaultLanguage
    }

    func render(_ template: String, title: String, _ model: [String: Any], _ request: Request, _ context: WebContext) -> Response {
        let language = language(request, context)
        return renderer.page(template, title: language.text(title), model: model, context: context, language: language)
    }

    /// A form body's fields (the CSRF middleware may have collected it already; collecting again is cheap).
    func form(_ request: Request, _ context: WebContext) async throws -> FormFields {
        var request = request
        return FormFields(try await request.collectBody(upTo: context.maxUploadSize))
    }

    func callID(_ context: WebContext) throws -> CallID { try Self.callID(context) }

    /// The `:id` of the route as a call id: letters, digits, '-' and '_' only, else 404 like an unknown call.
    static func callID(_ context: WebContext) throws -> CallID {
        guard let raw = context.parameters.get("id"), !raw.isEmpty, raw.utf8.count <= 100,
              raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { throw WebError.notFound }
        return CallID(rawValue: raw)
    }

    /// The center's time, to the minute.
    static func minute(_ date: Date?) -> String {
        date.map { minuteFormat.format($0) } ?? "-"
    }

    private static let minuteFormat = Date.VerbatimFormatStyle(
        format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
        timeZone: CenterTime.defaultZone, calendar: Calendar(identifier: .gregorian))
}
