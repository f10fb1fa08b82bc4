/// An evaluator's answers to a rubric version: one per item (or N/A), with comments, some pinned to a time in the call.
public struct EvaluationAnswers: Codable, Sendable, Equatable {
    public var answers: [String: ItemAnswer]
    /// A comment on the whole call.
    public var comment: String?

    public init(answers: [String: ItemAnswer] = [:], comment: String? = nil) {
        self.answers = answers
        self.comment = comment
    }
}

public struct ItemAnswer: Codable, Sendable, Equatable {
    public var value: AnswerValue
    public var comment: String?
    /// Seconds from the start of the call the comment is about.
    public var at: Double?

    public init(_ value: AnswerValue, comment: String? = nil, at: Double? = nil) {
        self.value = value
        self.comment = comment
        self.at = at
    }
}

/// One answer: yes/no, a scale value, a choice option's id, or N/A.
public enum AnswerValue: Codable, Sendable, Equatable, CustomStringConvertible {
    case yes
    case no
    case notApplicable
    case scale(Int)
    case choice(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self = .scale(n); return }
        let s = try c.decode(String.self)
        switch s {
        case "yes": self = .yes
        case "no": self = .no
        case "na": self = .notApplicable
        default: self = .choice(s)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .scale(let n): try c.encode(n)
        default: try c.encode(description)
        }
    }

    public var description: String {
        switch self {
        case .yes: "yes"
        case .no: "no"
        case .notApplicable: "na"
        case .scale(let n): String(n)
        case .choice(let id): id
        }
    }
}
