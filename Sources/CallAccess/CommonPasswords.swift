/// The most common passwords of 8 characters or more from public breach corpora (the passwords a guessing attack
/// tries first), bundled so that no network is needed. NIST SP 800-63B §5.1.1.2 asks that such passwords be
/// refused. Compared case-insensitively, also with trailing digits and punctuation removed ("Password2024!").
enum CommonPasswords {
    static func contains(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if list.contains(lowered) { return true }
        let core = String(lowered.reversed().drop(while: { $0.isNumber || $0.isPunctuation || $0.isSymbol }).reversed())
        return core != lowered && (list.contains(core) || core.count < 4)
    }

    static let list: Set<String> = [
        "123456789", "1234567890", "12345678", "123456789012", "1234567890123", "12345678910", "123123123",
        "123123123123", "11111111", "111111111111", "00000000", "000000000000", "987654321", "9876543210",
        "password", "password1", "password12", "password123", "password1234", "passwordpassword", "p@ssw0rd",
        "p@ssword", "passw0rd", "pa$$word", "qwerty", "qwertyuiop", "qwertyuiopas", "qwertyuiopasdf", "qwerty123",
        "qwerty123456", "qwerty12345", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx", "1qaz2wsx3edc",
        "zaq12wsx", "zxcvbnm", "zxcvbnm123", "asdfghjkl", "asdfghjkl123", "asdf1234", "qazwsxedc", "qazwsxedcrfv",
        "abcd1234", "abc12345", "abcdefgh", "abcdefghijkl", "abcdefg123", "a1b2c3d4", "a1b2c3d4e5f6", "aa123456",
        "iloveyou", "iloveyou1", "iloveyou123", "iloveyoutoo", "sunshine", "princess", "football", "baseball",
        "superman", "batman123", "starwars", "whatever", "trustno1", "welcome", "welcome1", "welcome123",
        "welcometothejungle", "letmein", "letmein123", "letmeinplease", "monkey123", "dragon123", "shadow123",
        "master123", "michael123", "jennifer", "computer", "internet", "changeme", "changeme123", "default123",
        "administrator", "admin1234", "admin12345", "administrator1", "rootroot", "secret123", "mypassword",
        "mypassword123", "newpassword", "temppassword", "testtest", "test1234", "test12345", "testing123",
        "useruser", "user1234", "guest1234", "samsung", "samsung123", "korea123", "koreakorea", "seoul123",
        "seoulkorea", "dkssudgktpdy", "sarang", "saranghae", "saranghae123", "gkswlsdl", "wjdgml", "qwer1234",
        "qwer1234!", "asdf1234!", "zxcv1234", "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6", "1234qwer", "1234asdf",
        "!qaz2wsx", "!q2w3e4r", "love1234", "iloveu", "football1", "baseball1", "sunshine1", "princess1",
        "charlie123", "freedom123", "whatever1", "qwertyqwerty", "passpass", "passpass123", "loveyou123",
        "the quick brown fox", "thequickbrownfox",
        "thequickbrownfoxjumpsoverthelazydog", "abc123abc123", "aaaaaaaa", "asdfasdf", "asdfasdfasdf",
        "1qazxsw2", "1qazxsw23edc", "qweasdzxc", "qweasdzxc123", "zaq1xsw2", "zaq1zaq1", "callcenter",
        "callcenter123", "nokchwi", "nokchwi123", "recording", "recording123",
    ]
}
