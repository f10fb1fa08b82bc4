import Foundation
import Yams

/// Reads a rubric YAML file and validates it, reporting every mistake (file, line, key) at once.
public enum RubricLoader {
    static let idPattern = #"^[a-z0-9][a-z0-9-]*$"#

    /// Parses and validates `text` (the file's content; `file` names it in problems).
    public static func load(_ text: String, file: String) throws -> Rubric {
        let tree = YAMLTree(file: file)
        let rubric = tree.parse(text).flatMap { parseRubric($0, tree) }
        if let rubric, tree.problems.isEmpty { return rubric }
        throw ReviewError(.invalidRubric, "the rubric \(file) has \(tree.problems.count) problem(s); nothing was imported",
                          problems: tree.problems)
    }

    private static func parseRubric(_ root: Node, _ t: YAMLTree) -> Rubric? {
        guard let top = t.map(root, "") else { return nil }
        t.expectOnly(top, ["rubric", "title", "title_en", "sections"], "")
        let id = t.string(top, "rubric", "", parent: root)
        if let id { checkID(id, top["rubric"]?.value, "rubric", t) }
        let title = t.string(top, "title", "", parent: root)
        let titleEnglish = t.string(top, "title_en", "", required: false)
        var sections: [RubricSection] = []
        if let nodes = t.list(top["sections"]?.value, "sections") {
            if nodes.isEmpty { t.problem(top["sections"]?.value, "sections", "a rubric needs at least one section") }
            for (i, node) in nodes.enumerated() {
                if let section = parseSection(node, "sections[\(i)]", t) { sections.append(section) }
            }
        } else if top["sections"] == nil {
            t.problem(root, "sections", "missing")
        }
        var seen: [String: String] = [:]
        for (s, section) in sections.enumerated() {
            for (i, item) in section.items.enumerated() {
                if let first = seen[item.id] {
                    t.problem(line: nil, "sections[\(s)].items[\(i)].id", "the item id \(item.id) is used twice (first in \(first)); answer files name items by id")
                } else { seen[item.id] = section.id }
            }
        }
        if !sections.isEmpty, sections.allSatisfy({ $0.weight == 0 }) {
            t.problem(top["sections"]?.value, "sections", "every section weighs 0: nothing would be scored")
        }
        guard let id, let title else { return nil }
        return Rubric(id: id, title: title, titleEnglish: titleEnglish, sections: sections)
    }

    private static func parseSection(_ node: Node, _ key: String, _ t: YAMLTree) -> RubricSection? {
        guard let m = t.map(node, key) else { return nil }
        t.expectOnly(m, ["id", "label", "label_en", "weight", "items"], key)
        let id = t.string(m, "id", key, parent: node)
        if let id { checkID(id, m["id"]?.value, "\(key).id", t) }
        let label = t.string(m, "label", key, parent: node)
        let labelEnglish = t.string(m, "label_en", key, required: false)
        let weight = t.number(m, "weight", key, parent: node, range: 0...1000)
        var items: [RubricItem] = []
        if let nodes = t.list(m["items"]?.value, "\(key).items") {
            if nodes.isEmpty { t.problem(m["items"]?.value, "\(key).items", "a section needs at least one item") }
            for (i, itemNode) in nodes.enumerated() {
                if let item = parseItem(itemNode, "\(key).items[\(i)]", t) { items.append(item) }
            }
        } else if m["items"] == nil {
            t.problem(node, "\(key).items", "missing")
        }
        if !items.isEmpty, items.allSatisfy({ $0.weight == 0 }) {
            t.problem(m["items"]?.value, "\(key).items", "every item weighs 0: the section could never score")
        }
        guard let id, let label, let weight else { return nil }
        return RubricSection(id: id, label: label, labelEnglish: labelEnglish, weight: weight, items: items)
    }

    private static func parseItem(_ node: Node, _ key: String, _ t: YAMLTree) -> RubricItem? {
        guard let m = t.map(node, key) else { return nil }
        t.expectOnly(m, ["id", "label", "label_en", "weight", "type", "na", "severity", "max", "pass_min", "options"], key)
        let id = t.string(m, "id", key, parent: node)
        if let id { checkID(id, m["id"]?.value, "\(key).id", t) }
        let label = t.string(m, "label", key, parent: node)
        let labelEnglish = t.string(m, "label_en", key, required: false)
        let weight = t.number(m, "weight", key, parent: node, range: 0...1000)
        let allowsNA = t.bool(m, "na", key) ?? false
        var severity = RubricItem.Severity.normal
        if let text = t.string(m, "severity", key, required: false) {
            if let s = RubricItem.Severity(rawValue: text) { severity = s } else {
                t.problem(m["severity"]?.value, "\(key).severity", "expected normal, critical or fatal")
            }
        }
        var answer: AnswerType?
        let type = t.string(m, "type", key, parent: node)
        let hasOptions = m["options"] != nil, hasScale = m["max"] != nil || m["pass_min"] != nil
        switch type {
        case "yes-no":
            if hasOptions || hasScale { t.problem(node, "\(key).type", "a yes-no item takes no max, pass_min or options") }
            answer = .yesNo
        case "scale":
            if hasOptions { t.problem(m["options"]?.key, "\(key).options", "only a choice item has options") }
            let max = Int(t.number(m, "max", key, required: false, range: 1...100) ?? 5)
            let passMin = Int(t.number(m, "pass_min", key, required: false, range: 0...100) ?? Double((max + 1) / 2))
            if passMin > max { t.problem(m["pass_min"]?.value, "\(key).pass_min", "must not exceed max (\(max))") }
            answer = .scale(max: max, passMin: passMin)
        case "choice":
            if hasScale { t.problem(node, "\(key).type", "a choice item takes options, not max or pass_min") }
            let options = parseOptions(m["options"]?.value, "\(key).options", t)
            if m["options"] == nil { t.problem(node, "\(key).options", "missing: a choice item lists its options") }
            answer = .choice(options)
        case nil: break
        case let other?:
            t.problem(m["type"]?.value, "\(key).type", "unknown answer type \(other); expected yes-no, scale or choice")
        }
        if severity != .normal, case .scale(_, let passMin)? = answer, passMin == 0 {
            t.problem(m["pass_min"]?.value ?? node, "\(key).pass_min", "a \(severity.rawValue) scale item needs pass_min above 0, or it can never fail")
        }
        if severity != .normal, case .choice(let options)? = answer, !options.contains(where: \.fails) {
            t.problem(m["options"]?.value ?? node, "\(key).options", "a \(severity.rawValue) choice item needs an option with fail: true")
        }
        guard let id, let label, let weight, let answer else { return nil }
        return RubricItem(id: id, label: label, labelEnglish: labelEnglish, weight: weight, answer: answer,
                          allowsNA: allowsNA, severity: severity)
    }

    private static func parseOptions(_ node: Node?, _ key: String, _ t: YAMLTree) -> [ChoiceOption] {
        guard let nodes = t.list(node, key) else { return [] }
        if nodes.count < 2 { t.problem(node, key, "a choice item needs at least two options") }
        var options: [ChoiceOption] = []
        for (i, optionNode) in nodes.enumerated() {
            let k = "\(key)[\(i)]"
            guard let m = t.map(optionNode, k) else { continue }
            t.expectOnly(m, ["id", "label", "label_en", "points", "fail"], k)
            let id = t.string(m, "id", k, parent: optionNode)
            if let id { checkID(id, m["id"]?.value, "\(k).id", t) }
            if let id, options.contains(where: { $0.id == id }) { t.problem(m["id"]?.value, "\(k).id", "option id used twice") }
            let label = t.string(m, "label", k, parent: optionNode)
            let labelEnglish = t.string(m, "label_en", k, required: false)
            let points = t.number(m, "points", k, parent: optionNode, range: 0...1000)
            let fails = t.bool(m, "fail", k) ?? false
            if let id, let label, let points {
                options.append(ChoiceOption(id: id, label: label, labelEnglish: labelEnglish, points: points, fails: fails))
            }
        }
        if !options.isEmpty, options.allSatisfy({ $0.points == 0 }) {
            t.problem(node, key, "every option earns 0 points: give the best option its points")
        }
        return options
    }

    private static func checkID(_ id: String, _ node: Node?, _ key: String, _ t: YAMLTree) {
        if id.range(of: idPattern, options: .regularExpression) == nil {
            t.problem(node, key, "ids are lower-case letters, digits and hyphens (got \(id))")
        }
    }
}
