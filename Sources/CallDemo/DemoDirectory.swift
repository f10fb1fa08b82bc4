/// The synthetic call center: agents, teams, departments and the complaint categories of each.
enum DemoDirectory {
    struct Agent: Sendable {
        let id: String        // "A007"
        let team: String      // "team-3"
        let extensionNumber: String  // "2007"
        /// SIP address of record, e.g. `sip:agent007@callcenter.example.go.kr`.
        var aor: String { "sip:agent\(id.dropFirst())@callcenter.example.go.kr" }
        var name: String { "Agent \(id)" }
    }

    /// A001...A012, three per team (team-1...team-4).
    static let agents: [Agent] = (1...12).map { n in
        let digits = n < 10 ? "00\(n)" : "0\(n)"
        return Agent(id: "A" + digits, team: "team-\((n - 1) / 3 + 1)", extensionNumber: "2" + digits)
    }

    /// Department and its categories, with a weight close to a city yearbook's call shares.
    static let departments: [(name: String, weight: Double, categories: [String])] = [
        ("water", 0.24, ["water-bill", "water-leak", "water-outage", "sewer-blockage"]),
        ("local-tax", 0.16, ["property-tax", "vehicle-tax", "local-income-tax", "tax-payment-certificate"]),
        ("passports", 0.12, ["passport-issue", "passport-reissue", "passport-pickup"]),
        ("vehicles", 0.12, ["vehicle-registration", "ownership-transfer", "scrapping"]),
        ("welfare", 0.14, ["basic-pension", "childcare-allowance", "livelihood-benefit", "disability-services"]),
        ("parking", 0.12, ["illegal-parking-report", "parking-fine", "resident-parking-permit"]),
        ("traffic", 0.10, ["traffic-fine", "bus-route", "signal-fault", "road-damage"]),
    ]

    static let tags = ["complaint", "inquiry", "repeat-caller", "urgent", "elderly-caller", "praise"]

    /// The city's call-center number as dialled (the CDR's `dst`).
    static let serviceNumber = "120"

    static func department(_ rng: inout DemoRandom) -> (String, String) {
        var x = rng.unit() * departments.reduce(0) { $0 + $1.weight }
        for d in departments {
            x -= d.weight
            if x < 0 { return (d.name, rng.pick(d.categories)) }
        }
        let last = departments[departments.count - 1]
        return (last.name, rng.pick(last.categories))
    }

    /// A synthetic mobile number `010-XXXX-XXXX`.
    static func callerNumber(_ rng: inout DemoRandom) -> String {
        func four() -> String {
            let n = rng.int(0...9999)
            return String(repeating: "0", count: 4 - String(n).count) + String(n)
        }
        return "010-\(four())-\(four())"
    }

    /// `010-1234-5678` → `+821012345678`.
    static func e164(_ number: String) -> String {
        "+82" + number.filter(\.isNumber).dropFirst()
    }
}
