import Foundation
import Yams

/// Reads an answer file (YAML or JSON) against a rubric version and lists every problem at once: unknown item,
/// missing answer (on submit), N/A where the rubric does not allow it, a value the item's type does not take, a
/// failed critical or fatal item without a comment.
public enum AnswerLoader {
    public static func load(_ text: String, file: String, rubric: Rubric, complete: Bool) throws -> EvaluationAnswers {
        let tree = YAMLTree(file: file)
        var result = EvaluationAnswers()
        if let root = tree.parse(text), let top = tree.map(root, "") {
            tree.expectOnly(top, ["call", "rubric", "rubric_version", "answers", "comment"], "")
            result.comment = tree.string(top, "comment", "", required: false)
            if let answers = tree.map(top["answers"]?.value, "answers") {
                for (id, entry) in answers.sorted(by: { $0.key < $1.key }) {
                    guard let item = rubric.item(id) else {
                        tree.problem(entry.key, "answers.\(id)", "unknown item; `nokchwi qa template` lists the rubric's items")
                        continue
                    }
                    if let answer = parseAnswer(entry.value, item, "answers.\(id)", tree) { result.answers[id] = answer }
                }
            } else if top["answers"] == nil {
                tree.problem(root, "answers", "missing")
            }
        }
        // The rubric checks run even after structural problems, so one pass lists everything (an item whose value was
        // already refused is not reported missing as well).
        let refused = Set(tree.problems.map { $0.key.split(separator: ".").prefix(2).joined(separator: ".") })
        tree.problemsFromCheck(check(result, rubric: rubric, complete: complete, file: file)
            .filter { !($0.message.hasPrefix("missing answer") && refused.contains($0.key)) })
        guard tree.problems.isEmpty else {
            throw ReviewError(.invalidAnswers, "the answer file \(file) has \(tree.problems.count) problem(s); nothing was saved",
                              problems: tree.problems)
        }
        return result
    }

    /// Checks decoded answers (from a file or the web form) against the rubric.
    public static func check(_ answers: EvaluationAnswers, rubric: Rubric, complete: Bool, file: String) -> [ReviewProblem] {
        var problems: [ReviewProblem] = []
        func add(_ key: String, _ message: String) { problems.append(ReviewProblem(file: file, line: nil, key: key, message: message)) }
        for id in answers.answers.keys.sorted() where rubric.item(id) == nil { add("answers.\(id)", "unknown item") }
        for item in rubric.items {
            guard let answer = answers.answers[item.id] else {
                if complete { add("answers.\(item.id)", "missing answer (every item must be answered, or na where allowed, to submit)") }
                continue
            }
            switch (answer.value, item.answer) {
            case (.notApplicable, _):
                if !item.allowsNA { add("answers.\(item.id)", "N/A is not allowed for this item") }
            case (.yes, .yesNo), (.no, .yesNo): break
            case (.scale(let n), .scale(let max, _)):
                if !(0...max).contains(n) { add("answers.\(item.id)", "expected 0 to \(max), got \(n)") }
            case (.choice(let option), .choice(let options)):
                if !options.contains(where: { $0.id == option }) {
                    add("answers.\(item.id)", "unknown option \(option); options: \(options.map(\.id).joined(separator: ", "))")
                }
            default:
                add("answers.\(item.id)", "a \(item.answer.name) item cannot take \(answer.value)")
            }
            if let at = answer.at, at < 0 { add("answers.\(item.id).at", "a time in the call cannot be negative") }
            if item.severity != .normal, EvaluationScorer.fails(answer.value, item),
               (answer.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add("answers.\(item.id).comment", "a failed \(item.severity.rawValue) item needs a comment saying what happened")
            }
        }
        return problems
    }

    private static func parseAnswer(_ node: Node, _ item: RubricItem, _ key: String, _ t: YAMLTree) -> ItemAnswer? {
        if node.scalar != nil {
            if node.null != nil || node.string == "" { return nil }  // blank in a template: unanswered
            return value(node, item, key, t).map { ItemAnswer($0) }
        }
        guard let m = t.map(node, key) else { return nil }
        t.expectOnly(m, ["answer", "comment", "at"], key)
        let comment = t.string(m, "comment", key, required: false)
        var at: Double?
        if let entry = m["at"] {
            at = time(entry.value.string)
            if at == nil { t.problem(entry.value, "\(key).at", "expected seconds or m:ss (a time in the call)") }
        }
        guard let entry = m["answer"], entry.value.null == nil else {
            if let comment, !comment.isEmpty { t.problem(node, "\(key).answer", "missing (a comment needs an answer)") }
            return nil
        }
        return value(entry.value, item, "\(key).answer", t).map { ItemAnswer($0, comment: comment, at: at) }
    }

    private static func value(_ node: Node, _ item: RubricItem, _ key: String, _ t: YAMLTree) -> AnswerValue? {
        guard let text = node.string?.trimmingCharacters(in: .whitespaces) else {
            t.problem(node, key, "expected an answer")
            return nil
        }
        if ["na", "n/a", "N/A", "NA"].contains(text) { return .notApplicable }
        switch item.answer {
        case .yesNo:
            if let b = YAMLTree.boolValue(text) ?? ["예": true, "아니오": false][text] { return b ? .yes : .no }
            t.problem(node, key, "expected yes or no\(item.allowsNA ? " (or na)" : "")")
        case .scale(let max, _):
            if let n = Int(text) { return .scale(n) }
            t.problem(node, key, "expected a whole number from 0 to \(max)")
        case .choice:
            return .choice(text)
        }
        return nil
    }

    /// "83.5", "1:23" or "1:02:03" as seconds.
    static func time(_ text: String?) -> Double? {
        guard let text else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var total = 0.0
        for part in parts {
            guard let v = Double(part), v >= 0 else { return nil }
            total = total * 60 + v
        }
        return total
    }
}

extension YAMLTree {
    func problemsFromCheck(_ found: [ReviewProblem]) {
        for p in found { problem(line: p.line, p.key, p.message) }
    }
}
