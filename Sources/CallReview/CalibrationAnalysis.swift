import Foundation

/// One participant's submitted answers in a calibration session.
public struct CalibrationRating: Sendable, Equatable {
    public var evaluator: String
    public var answers: EvaluationAnswers
    /// The evaluation's score (EvaluationScorer), nil when every item was N/A.
    public var score: Double?

    public init(evaluator: String, answers: EvaluationAnswers, score: Double?) {
        self.evaluator = evaluator
        self.answers = answers
        self.score = score
    }
}

/// A calibration session whose participants all submitted: one call scored blind by several evaluators and an
/// expert (the QA lead), with the rubric version they all used.
public struct CalibrationSessionInput: Sendable, Equatable {
    public var id: Int64
    public var callID: String
    public var rubric: Rubric
    public var expert: String
    /// Every participant's rating, the expert's included.
    public var ratings: [CalibrationRating]

    public init(id: Int64, callID: String, rubric: Rubric, expert: String, ratings: [CalibrationRating]) {
        self.id = id
        self.callID = callID
        self.rubric = rubric
        self.expert = expert
        self.ratings = ratings
    }
}

/// The agreement figures of calibration (docs/qa.md, "Calibration"), for one session or over many:
/// - Krippendorff's alpha, nominal over yes/no and choice items (each answer a category), interval over scale items
///   (the scale value); units are (session, item), coders the participants; N/A is a missing value.
/// - Per item: its alpha over the sessions (at its level), how often evaluators gave the expert's answer, and their
///   mean absolute deviation from the expert in points (100 x the difference of the fractions the answers earn).
/// - Per evaluator: their score less the expert's (signed mean and mean absolute), less the consensus (the mean of
///   every participant's score in the session), the share of items answered as the expert did, and per item the
///   mean absolute deviation from the expert in points.
/// - `scoreAlpha`: interval alpha over sessions (units) of the evaluation scores; needs two sessions or more.
public struct CalibrationFigures: Codable, Sendable, Equatable {
    public var sessions: Int
    public var alphaNominal: Double?
    public var alphaInterval: Double?
    public var scoreAlpha: Double?
    public var items: [CalibrationItemFigure]
    public var evaluators: [CalibrationEvaluatorFigure]

    enum CodingKeys: String, CodingKey {
        case sessions, alphaNominal = "alpha_nominal", alphaInterval = "alpha_interval", scoreAlpha = "score_alpha", items, evaluators
    }
}

public struct CalibrationItemFigure: Codable, Sendable, Equatable {
    public var itemID: String
    /// nominal (yes/no, choice) or interval (scale).
    public var level: KrippendorffAlpha.Level
    public var alpha: Double?
    /// Evaluator answers compared with the expert's (both present, N/A included).
    public var comparisons: Int
    /// Share of those equal to the expert's answer.
    public var expertAgreement: Double?
    /// Mean |f_evaluator - f_expert| x 100 over comparisons where neither answered N/A.
    public var meanAbsoluteDeviation: Double?

    enum CodingKeys: String, CodingKey {
        case itemID = "item", level, alpha, comparisons, expertAgreement = "expert_agreement"
        case meanAbsoluteDeviation = "mean_absolute_deviation"
    }
}

public struct CalibrationEvaluatorFigure: Codable, Sendable, Equatable {
    public var evaluator: String
    public var sessions: Int
    /// Mean of (evaluator's score - expert's score) over sessions where both scored: positive scores higher.
    public var scoreDeviation: Double?
    public var meanAbsoluteScoreDeviation: Double?
    /// Mean of (evaluator's score - the session's consensus score).
    public var consensusDeviation: Double?
    /// Share of items answered exactly as the expert did (N/A included).
    public var expertAgreement: Double?
    /// Per item: mean |f_evaluator - f_expert| x 100 (items answered by both, not N/A).
    public var itemDeviations: [String: Double]

    enum CodingKeys: String, CodingKey {
        case evaluator, sessions, scoreDeviation = "score_deviation", meanAbsoluteScoreDeviation = "mean_absolute_score_deviation"
        case consensusDeviation = "consensus_deviation", expertAgreement = "expert_agreement", itemDeviations = "item_deviations"
    }
}

public enum CalibrationAnalysis {
    /// The figures of the given sessions (each complete: every participant submitted). The expert of a session is
    /// a coder for alpha but not an evaluator in `evaluators`.
    public static func figures(_ sessions: [CalibrationSessionInput]) -> CalibrationFigures {
        var nominalUnits: [[Double?]] = [], intervalUnits: [[Double?]] = []
        var itemUnits: [String: [[Double?]]] = [:], itemLevel: [String: KrippendorffAlpha.Level] = [:], itemOrder: [String] = []
        var categories: [String: Double] = [:]
        func category(_ key: String) -> Double {
            if let c = categories[key] { return c }
            let c = Double(categories.count)
            categories[key] = c
            return c
        }
        var itemCompare: [String: (n: Int, equal: Int, dev: [Double])] = [:]
        var byEvaluator: [String: (sessions: Int, score: [Double], consensus: [Double], n: Int, equal: Int, items: [String: [Double]])] = [:]
        let coders = Array(Set(sessions.flatMap { $0.ratings.map(\.evaluator) })).sorted()
        var scoreUnits: [[Double?]] = []
        for session in sessions {
            let ratingOf = Dictionary(session.ratings.map { ($0.evaluator, $0) }, uniquingKeysWith: { a, _ in a })
            let expert = ratingOf[session.expert]
            let scores = session.ratings.compactMap(\.score)
            let consensus = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
            scoreUnits.append(coders.map { ratingOf[$0]?.score })
            for item in session.rubric.items {
                let level: KrippendorffAlpha.Level
                if case .scale = item.answer { level = .interval } else { level = .nominal }
                if itemLevel[item.id] == nil { itemLevel[item.id] = level; itemOrder.append(item.id) }
                let unit: [Double?] = coders.map { coder in
                    guard let value = ratingOf[coder]?.answers.answers[item.id]?.value else { return nil }
                    switch value {
                    case .notApplicable: return nil
                    case .scale(let v): return Double(v)
                    case .yes, .no, .choice: return level == .interval ? nil : category(value.description)
                    }
                }
                if level == .interval { intervalUnits.append(unit) } else { nominalUnits.append(unit) }
                itemUnits[item.id, default: []].append(unit)
                guard let expertValue = expert?.answers.answers[item.id]?.value else { continue }
                for rating in session.ratings where rating.evaluator != session.expert {
                    guard let value = rating.answers.answers[item.id]?.value else { continue }
                    var c = itemCompare[item.id] ?? (0, 0, [])
                    var e = byEvaluator[rating.evaluator] ?? (0, [], [], 0, 0, [:])
                    c.n += 1; e.n += 1
                    if value == expertValue { c.equal += 1; e.equal += 1 }
                    if let f = EvaluationScorer.fraction(value, item), let g = EvaluationScorer.fraction(expertValue, item) {
                        c.dev.append(abs(f - g) * 100)
                        e.items[item.id, default: []].append(abs(f - g) * 100)
                    }
                    itemCompare[item.id] = c
                    byEvaluator[rating.evaluator] = e
                }
            }
            for rating in session.ratings where rating.evaluator != session.expert {
                var e = byEvaluator[rating.evaluator] ?? (0, [], [], 0, 0, [:])
                e.sessions += 1
                if let s = rating.score, let x = expert?.score { e.score.append(s - x) }
                if let s = rating.score, let consensus { e.consensus.append(s - consensus) }
                byEvaluator[rating.evaluator] = e
            }
        }
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : EvaluationScorer.round2(xs.reduce(0, +) / Double(xs.count)) }
        func share(_ k: Int, _ n: Int) -> Double? { n == 0 ? nil : EvaluationScorer.round4(Double(k) / Double(n)) }
        func a(_ units: [[Double?]], _ level: KrippendorffAlpha.Level) -> Double? {
            KrippendorffAlpha.alpha(units, level: level).map(EvaluationScorer.round4)
        }
        let items = itemOrder.map { id in
            let c = itemCompare[id] ?? (0, 0, [])
            return CalibrationItemFigure(itemID: id, level: itemLevel[id]!, alpha: a(itemUnits[id] ?? [], itemLevel[id]!),
                                         comparisons: c.n, expertAgreement: share(c.equal, c.n), meanAbsoluteDeviation: mean(c.dev))
        }
        let evaluators = byEvaluator.sorted { $0.key < $1.key }.map { name, e in
            CalibrationEvaluatorFigure(evaluator: name, sessions: e.sessions, scoreDeviation: mean(e.score),
                                       meanAbsoluteScoreDeviation: mean(e.score.map(abs)), consensusDeviation: mean(e.consensus),
                                       expertAgreement: share(e.equal, e.n), itemDeviations: e.items.compactMapValues(mean))
        }
        return CalibrationFigures(sessions: sessions.count, alphaNominal: a(nominalUnits, .nominal), alphaInterval: a(intervalUnits, .interval),
                                  scoreAlpha: sessions.count >= 2 ? a(scoreUnits, .interval) : nil, items: items, evaluators: evaluators)
    }
}

extension CalibrationSessionInput {
    /// A session as the catalog stores it: the rubric version's file and each submitted evaluation's answers JSON
    /// (`EvaluationAnswers` as encoded at submission). Throws when a stored answer set cannot be read.
    public static func decode(id: Int64, callID: String, rubricContent: String, rubricFile: String, expert: String,
                              evaluations: [(evaluator: String, answersJSON: String, score: Double?)]) throws -> CalibrationSessionInput {
        let rubric = try RubricLoader.load(rubricContent, file: rubricFile)
        let ratings = try evaluations.map { e in
            do {
                return CalibrationRating(evaluator: e.evaluator, answers: try JSONDecoder().decode(EvaluationAnswers.self, from: Data(e.answersJSON.utf8)),
                                         score: e.score)
            } catch {
                throw ReviewError(.invalidData, "the stored answers of \(e.evaluator) in calibration session \(id) cannot be read; the catalog may be damaged")
            }
        }
        return CalibrationSessionInput(id: id, callID: callID, rubric: rubric, expert: expert, ratings: ratings)
    }
}
