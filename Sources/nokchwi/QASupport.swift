import CallAccess
import CallArchive
import CallCatalog
import CallModel
import CallReview
import Foundation

/// Shared by the `qa` and `rubrics` commands: the pipeline's `qa:` section, rubric versions, refusals with every
/// problem listed (as text on stderr, or as JSON on stdout with --json).
enum QASupport {
    static let defaultPipeline = "Pipelines/default.yaml"

    /// The `qa:` section of `--pipeline` (default Pipelines/default.yaml when present, else built-in defaults).
    static func configuration(pipeline: String?) throws -> QAConfiguration {
        let path = pipeline ?? defaultPipeline
        guard FileManager.default.fileExists(atPath: path) else {
            if pipeline != nil { throw CLIError("no pipeline definition at \(path); pass --pipeline FILE") }
            return QAConfiguration()
        }
        return try QAConfiguration.load(pipelineYAML: try String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    static func timeZone(_ config: QAConfiguration) -> TimeZone { CenterTime.zone(config.timeZone) }

    /// The rubric of a stored version (parsed again from the stored file: the version is the file).
    static func rubric(_ version: RubricVersionRecord) throws -> Rubric {
        try RubricLoader.load(version.content, file: version.sourceFile)
    }

    static func sha256(_ text: String) -> String {
        var hasher = ContentHasher()
        hasher.update(Data(text.utf8))
        return hasher.finalize()
    }

    /// Problems as JSON on stdout (with --json) and a non-zero exit, or the error for ArgumentParser to print.
    static func refuse(_ error: ReviewError, json: Bool) throws -> Never {
        if json {
            try? Output.json(QARefusal(error: error.code.rawValue, message: error.message, problems: error.problems))
            throw ExitCodeError()
        }
        throw error
    }

    static func teamsScope(_ scope: CallScope) -> Set<String>? {
        switch scope {
        case .all: nil
        case .none: []
        case .limited(let teams, _): teams
        }
    }

    static func month(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0)
    }

    static func day(_ text: String, _ zone: TimeZone, option: String) throws -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd"
        guard let date = f.date(from: text) else { throw CLIError("\(option) \(text) is not a day (YYYY-MM-DD)") }
        return date
    }
}

struct QARefusal: Encodable {
    var error: String
    var message: String
    var problems: [ReviewProblem]
}

/// Exit status 1 after the refusal was written as JSON.
struct ExitCodeError: Error, CustomStringConvertible {
    var description: String { "refused (see the JSON on stdout)" }
}
