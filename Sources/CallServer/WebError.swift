import CallAccess
import CallModel
import CallReview
import Foundation
import Hummingbird
import Logging

/// Errors of the web layer and how any error becomes a response: a JSON body under /api/, a short page elsewhere.
/// A call the user may not open answers exactly like an unknown call (404), so ids cannot be probed; a role
/// without the permission gets 403; no session gets 401 (API) or the sign-in page (pages). Messages never carry
/// personal data; unexpected errors are logged and answered with a generic 500.
public struct WebError: Error, Sendable, CustomStringConvertible {
    let status: HTTPResponse.Status
    let code: String
    public let message: String
    public var description: String { message }
    var problems: [ReviewProblem] = []

    static let signInRequired = WebError(status: .unauthorized, code: "sign-in-required", message: "sign in first")
    static let csrf = WebError(status: .forbidden, code: "csrf", message: "the form or request is missing its session token; reload the page")
    static let notFound = WebError(status: .notFound, code: "not-found", message: "no such call, or not one you may open")
    static func badRequest(_ message: String) -> WebError { WebError(status: .badRequest, code: "bad-request", message: message) }

    static func response(for error: any Error, request: Request, logger: Logger) -> Response {
        let web = classify(error, logger: logger)
        let isAPI = request.uri.path.hasPrefix("/api/")
        if web.status == .unauthorized, !isAPI, request.method == .get {
            return Response.redirect(to: "/login?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "/"))
        }
        if isAPI {
            var body: [String: AnyEncodable] = ["error": AnyEncodable(web.code), "message": AnyEncodable(web.message)]
            if !web.problems.isEmpty { body["problems"] = AnyEncodable(web.problems) }
            return Response.json(body, status: web.status)
        }
        return Response.html(ErrorPage.html(status: web.status, message: web.message, problems: web.problems), status: web.status)
    }

    static func classify(_ error: any Error, logger: Logger) -> WebError {
        switch error {
        case let web as WebError:
            return web
        case let access as AccessError:
            switch access.code {
            case .refused:
                switch access.refusal {
                case .notAssigned?, .outsideTeams?: return .notFound
                default: return WebError(status: .forbidden, code: "refused", message: access.refusal.map { $0.rawValue } ?? "refused")
                }
            case .notFound: return .notFound
            case .authenticationFailed: return .signInRequired
            default: break
            }
        case let review as ReviewError:
            return WebError(status: .unprocessableContent, code: review.code.rawValue, message: review.message, problems: review.problems)
        case let http as HTTPError:
            return WebError(status: http.status, code: "http", message: http.body ?? http.status.reasonPhrase)
        default:
            break
        }
        logger.error("request failed: \(String(describing: type(of: error)))", metadata: ["error": "\(error)"])
        return WebError(status: .internalServerError, code: "internal", message: "the server could not answer; the error is in its log")
    }
}

/// Type-erased Encodable for small JSON bodies.
struct AnyEncodable: Encodable, Sendable {
    private let encodeValue: @Sendable (any Encoder) throws -> Void
    init<T: Encodable & Sendable>(_ value: T) { encodeValue = { try value.encode(to: $0) } }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

extension ReviewProblem: CallReviewProblemText {
    var text: String { description }
}
