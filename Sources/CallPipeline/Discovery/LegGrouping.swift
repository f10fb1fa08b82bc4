import CallModel

/// Groups audio files that no metadata described into calls by name alone:
/// `BASE-agent` + `BASE-caller` (roles known) -> `.legs`; `BASE-in` + `BASE-out` (Asterisk Monitor, roles
/// unknown without a CDR) -> `.unassignedLegs(first: in, second: out)`; anything else is one call per file.
/// A pair is formed only when each role has exactly one file in the same folder.
enum LegGrouping {
    enum Role: CaseIterable {
        case agent, caller, `in`, out

        var suffix: String {
            switch self {
            case .agent: "-agent"
            case .caller: "-caller"
            case .in: "-in"
            case .out: "-out"
            }
        }
    }

    struct Group {
        /// Leg pairs as (first, second, rolesKnown), indices into the index's audio files.
        var pairs: [(Int, Int, Bool)] = []
        var singles: [Int] = []
    }

    static func group(_ files: [Int], in index: DropFolderIndex) -> Group {
        var byBase: [String: [Role: [Int]]] = [:]
        var roleOf: [Int: (String, Role)] = [:]
        for i in files {
            let file = index.audio[i]
            guard let role = Role.allCases.first(where: { file.stemKey.hasSuffix($0.suffix) }) else { continue }
            let base = file.folderKey + "/" + file.stemKey.dropLast(role.suffix.count)
            byBase[base, default: [:]][role, default: []].append(i)
            roleOf[i] = (base, role)
        }
        var result = Group()
        var paired = Set<Int>()
        for i in files {
            guard !paired.contains(i), let (base, role) = roleOf[i], let roles = byBase[base] else { continue }
            let partner: (Role, Bool)? = switch role {
            case .agent: (.caller, true)
            case .caller: (.agent, true)
            case .in: (.out, false)
            case .out: (.in, false)
            }
            guard let (other, known) = partner, let mine = roles[role], mine.count == 1,
                  let theirs = roles[other], theirs.count == 1 else { continue }
            let (first, second) = role == .agent || role == .in ? (i, theirs[0]) : (theirs[0], i)
            result.pairs.append((first, second, known))
            paired.formUnion([first, second])
        }
        result.singles = files.filter { !paired.contains($0) }
        return result
    }
}
