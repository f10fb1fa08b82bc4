import Foundation
import Hummingbird

extension Response {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{\"error\":\"internal\"}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 303 See Other: after a form POST the browser GETs the target.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// The page for an error outside /api/ (no template: it must render even when the templates failed).
enum ErrorPage {
    static func html(status: HTTPResponse.Status, message: String, problems: [CallReviewProblemText]) -> String {
        let list = problems.isEmpty ? "" : "<ul>" + problems.map { "<li>\(HTMLText.escape($0.text))</li>" }.joined() + "</ul>"
        return """
        <!doctype html><html lang="ko"><head><meta charset="utf-8"><title>\(status.code)</title>
        <link rel="stylesheet" href="/assets/app.css"></head><body><main class="error"><h1>\(status.code) \(HTMLText.escape(status.reasonPhrase))</h1>
        <p>\(HTMLText.escape(message))</p>\(list)<p><a href="/">nokchwi</a></p></main></body></html>
        """
    }
}

/// Anything that reads as one line of a problem list.
protocol CallReviewProblemText { var text: String { get } }

enum HTMLText {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
