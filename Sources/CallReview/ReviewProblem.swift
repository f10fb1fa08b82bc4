/// One mistake found in a rubric, sampling plan or answer file: where (file, line, key path) and what to do.
/// Loaders collect every problem of a file before refusing it, so a user fixes them all in one pass.
public struct ReviewProblem: Codable, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line in the file, nil when the problem concerns the whole file (or a missing key without a parent line).
    public var line: Int?
    /// The key path, e.g. `sections[2].items[0].weight`.
    public var key: String
    public var message: String

    public init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        "\(file):\(line.map(String.init) ?? "-"): \(key.isEmpty ? "(file)" : key): \(message)"
    }
}

/// A review rule refused its input: every problem found, or a single typed failure.
public struct ReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        case invalidRubric = "invalid-rubric"
        case invalidPlan = "invalid-plan"
        case invalidAnswers = "invalid-answers"
        case invalidPeriod = "invalid-period"
        case invalidData = "invalid-data"
    }

    public var code: Code
    public var message: String
    public var problems: [ReviewProblem]

    public init(_ code: Code, _ message: String, problems: [ReviewProblem] = []) {
        self.code = code
        self.message = message
        self.problems = problems
    }

    public var description: String {
        ([message] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }
}
