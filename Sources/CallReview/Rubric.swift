/// An evaluation form: weighted sections of weighted items (see docs/qa.md for the scoring formula).
/// Loaded and validated by `RubricLoader`; stored by version (the file's content hash) in the catalog.
public struct Rubric: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var titleEnglish: String?
    public var sections: [RubricSection]

    public init(id: String, title: String, titleEnglish: String? = nil, sections: [RubricSection]) {
        self.id = id
        self.title = title
        self.titleEnglish = titleEnglish
        self.sections = sections
    }

    public var items: [RubricItem] { sections.flatMap(\.items) }

    public func item(_ id: String) -> RubricItem? { items.first { $0.id == id } }

    enum CodingKeys: String, CodingKey {
        case id, title, titleEnglish = "title_en", sections
    }
}

public struct RubricSection: Codable, Sendable, Equatable {
    public var id: String
    public var label: String
    public var labelEnglish: String?
    /// Relative weight among sections; 0 = tracked, not scored.
    public var weight: Double
    public var items: [RubricItem]

    public init(id: String, label: String, labelEnglish: String? = nil, weight: Double, items: [RubricItem]) {
        self.id = id
        self.label = label
        self.labelEnglish = labelEnglish
        self.weight = weight
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case id, label, labelEnglish = "label_en", weight, items
    }
}

public struct RubricItem: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable, CaseIterable {
        case normal
        /// Failing it zeroes its section.
        case critical
        /// Failing it zeroes the whole evaluation.
        case fatal
    }

    public var id: String
    public var label: String
    public var labelEnglish: String?
    /// Relative weight inside its section.
    public var weight: Double
    public var answer: AnswerType
    /// Whether the evaluator may answer N/A (then the item leaves numerator and denominator).
    public var allowsNA: Bool
    public var severity: Severity

    public init(id: String, label: String, labelEnglish: String? = nil, weight: Double, answer: AnswerType,
                allowsNA: Bool = false, severity: Severity = .normal) {
        self.id = id
        self.label = label
        self.labelEnglish = labelEnglish
        self.weight = weight
        self.answer = answer
        self.allowsNA = allowsNA
        self.severity = severity
    }

    enum CodingKeys: String, CodingKey {
        case id, label, labelEnglish = "label_en", weight, answer, allowsNA = "na", severity
    }
}

/// How an item is answered and what each answer earns (a fraction of the item's weight).
public enum AnswerType: Codable, Sendable, Equatable {
    /// yes earns all, no earns nothing and fails the item.
    case yesNo
    /// 0...max; earns value/max; a value below `passMin` fails the item.
    case scale(max: Int, passMin: Int)
    /// One option; earns points/max points; an option marked `fails` fails the item.
    case choice([ChoiceOption])

    public var name: String {
        switch self {
        case .yesNo: "yes-no"
        case .scale: "scale"
        case .choice: "choice"
        }
    }
}

public struct ChoiceOption: Codable, Sendable, Equatable {
    public var id: String
    public var label: String
    public var labelEnglish: String?
    public var points: Double
    public var fails: Bool

    public init(id: String, label: String, labelEnglish: String? = nil, points: Double, fails: Bool = false) {
        self.id = id
        self.label = label
        self.labelEnglish = labelEnglish
        self.points = points
        self.fails = fails
    }

    enum CodingKeys: String, CodingKey {
        case id, label, labelEnglish = "label_en", points, fails = "fail"
    }
}
