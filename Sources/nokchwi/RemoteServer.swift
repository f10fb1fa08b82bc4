import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `--server URL`: a reading command asks a running `nokchwi serve` (the service account's) instead of opening the
/// catalog, with the token in $NOKCHWI_TOKEN (`nokchwi login --server URL`). For deployments where people cannot
/// read the data home at all (docs/deployment.md).
struct ServerOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Ask this running `nokchwi serve` (e.g. http://127.0.0.1:8080) instead of opening the catalog; uses $NOKCHWI_TOKEN.", valueName: "url"))
    var server: String?
}

struct RemoteServer {
    let base: URL

    init(_ text: String) throws {
        guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text), let scheme = url.scheme,
              ["http", "https"].contains(scheme), url.host != nil else {
            throw CLIError("--server \(text) is not an http(s) URL like http://127.0.0.1:8080")
        }
        base = url
    }

    /// GET /api/... (with query parameters) with the token; the JSON body, or an error saying what the server answered.
    func get(_ path: String, query: [(String, String)] = []) async throws -> Data {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        guard let url = components.url else { throw CLIError("cannot build a request to \(base.absoluteString)\(path)") }
        return try await send(URLRequest(url: url), token: Self.token())
    }

    /// The server's JSON as the shared type (dates ISO 8601, as the server writes them).
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(type, from: data) } catch {
            throw CLIError("the server's answer is not what this nokchwi expects (\(error)); are both the same version?")
        }
    }

    /// POST a form (no token: `/api/tokens` signs in with a password).
    func postForm(_ path: String, _ fields: [String: String]) async throws -> Data {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        request.httpBody = Data(fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&").utf8)
        return try await send(request, token: nil)
    }

    private func send(_ request: URLRequest, token: String?) async throws -> Data {
        var request = request
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response): (Data, URLResponse)
        do { (data, response) = try await URLSession.shared.data(for: request) } catch {
            throw CLIError("cannot reach the server at \(base.absoluteString) (\(error.localizedDescription)); is `nokchwi serve` running?")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            let message = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["message"] as? String ?? "HTTP \(status)"
            switch status {
            case 401: throw CLIError("the server refused the sign-in or token (\(message)); get a token with `nokchwi login --server URL --user NAME`")
            case 403: throw CLIError("the server refused: \(message) (your role does not allow this)")
            case 400: throw CLIError("the server refused the request: \(message)")
            case 404: throw CLIError("the server has no such call, or not one you may open")
            default: throw CLIError("the server answered \(status): \(message)")
            }
        }
        return data
    }

    static func token() throws -> String {
        guard let token = ProcessInfo.processInfo.environment["NOKCHWI_TOKEN"], !token.isEmpty else {
            throw CLIError("--server needs a token in NOKCHWI_TOKEN: export NOKCHWI_TOKEN=$(nokchwi login --server URL --user NAME)")
        }
        return token
    }

    /// The server's JSON, indented (for --json and for people).
    static func pretty(_ data: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data),
              let text = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else {
            return String(decoding: data, as: UTF8.self)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
