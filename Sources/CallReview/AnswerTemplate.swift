/// A blank answer file for a rubric version (`nokchwi qa template`): every item with its label and the answers it
/// takes, in the rubric's order, ready to fill in and pass to `qa score --answers`.
public enum AnswerTemplate {
    public static func yaml(rubric: Rubric, versionID: String, callID: String) -> String {
        var lines = [
            "# Answers for call \(callID), rubric \(rubric.id) version \(versionID.prefix(12)) (\(rubric.title))",
            "# Fill each answer; `na` only where allowed. A failed critical or fatal item needs a comment:",
            "#   item-id: {answer: no, comment: \"what happened\", at: \"1:23\"}",
            "call: \(callID)",
            "rubric_version: \(versionID)",
            "answers:",
        ]
        for section in rubric.sections {
            lines.append("  # \(section.label)\(section.labelEnglish.map { " / \($0)" } ?? "") (weight \(YAMLTree.format(section.weight)))")
            for item in section.items {
                var hint: String
                switch item.answer {
                case .yesNo: hint = "yes | no"
                case .scale(let max, let passMin): hint = "0-\(max), passes at \(passMin)"
                case .choice(let options): hint = options.map(\.id).joined(separator: " | ")
                }
                if item.allowsNA { hint += " | na" }
                if item.severity != .normal { hint += "; \(item.severity.rawValue.uppercased())" }
                lines.append("  # \(item.label)\(item.labelEnglish.map { " / \($0)" } ?? "") [\(hint)]")
                lines.append("  \(item.id):")
            }
        }
        lines.append("comment:")
        return lines.joined(separator: "\n") + "\n"
    }
}
