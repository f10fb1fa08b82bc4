import CallAccess
import CallModel
import Hummingbird
import Mustache

/// Renders pages: a page template (Mustache, HTML-escaped by default) inside the layout, with the labels of the
/// user's language as `t`, the session's CSRF token and the navigation the user's roles allow.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in Templates.all { try library.register(text, named: name) }
        self.library = library
    }

    func page(_ name: String, title: String, model: [String: Any], context: WebContext, language: Language) -> Response {
        var values = model
        values["t"] = language.labels
        values["csrf"] = context.sessions.session?.csrf ?? ""
        let body = library.render(values, withTemplate: name) ?? ""
        var layout: [String: Any] = ["t": language.labels, "title": title, "body": body, "lang": language.rawValue,
                                     "csrf": context.sessions.session?.csrf ?? "",
                                     "otherLanguage": language == .korean ? "en" : "ko"]
        if let user = context.user {
            layout["user"] = ["name": user.username, "roles": user.user.roles.sorted().map(\.rawValue).joined(separator: ", ")]
            layout["nav"] = Self.navigation(user.user, language)
        }
        return .html(library.render(layout, withTemplate: "layout") ?? "")
    }

    /// The desks a user's roles open.
    static func navigation(_ user: UserAccount, _ language: Language) -> [[String: String]] {
        var links: [[String: String]] = []
        if AccessPolicy.decide(user, .claimCalls).isAllowed { links.append(["href": "/qa", "label": language.text("queue")]) }
        if AccessPolicy.decide(user, .viewReports).isAllowed {
            links.append(["href": "/dashboard", "label": language.text("dashboard")])
            links.append(["href": "/yearbook", "label": language.text("yearbook")])
        }
        if AccessPolicy.decide(user, .manageRetention).isAllowed { links.append(["href": "/archive", "label": language.text("archive")]) }
        return links
    }
}
