import ArgumentParser
import CallAccess
import CallArchive
import CallCatalog
import CallModel
import Foundation

/// `nokchwi keys list|rotate [--rewrap]|seal-personal` (admins).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Key-encryption keys: list them, rotate to a new one, rewrap archives' data keys.",
        subcommands: [List.self, Rotate.self, SealPersonal.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Key ids, the active one, and how many archives each wraps.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageKeys, record: .auditView, detail: ["view": "keys"])
            let store = access.keys
            let active = try store.activeKeyID()
            let counts = try access.catalog.archiveKeyCounts()
            let rows = try store.keyIDs().map { KeyRow(id: $0, active: $0 == active, archives: counts[$0] ?? 0) }
            if global.json { try Output.json(rows) } else {
                for r in rows { Output.line("\(r.id)\(r.active ? "  (active)" : "")  \(r.archives) archive(s)") }
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new key-encryption key; new archives use it. --rewrap also rewraps every archive's data key with it (the audio is not re-encrypted).")
        @Flag(name: .long, help: "Rewrap the data keys of existing archives with the new key.") var rewrap = false
        @Flag(name: .customLong("rewrap-only"), help: "Rewrap existing archives to the active key without adding a key.") var rewrapOnly = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageKeys)
            let clock = SystemWallClock()
            let store = access.keys
            let active: KeyEncryptionKey
            if rewrapOnly {
                active = try store.activeKey()
            } else {
                active = try store.rotate(clock: clock)
                _ = try access.catalog.appendAudit(access.actor.draft(.keyRotate, at: clock.now(), detail: ["kek": active.id]))
            }
            var rewrapped = 0
            if rewrap || rewrapOnly {
                var after: CallID = ""
                while true {
                    let page = try access.catalog.archiveKeys(notWrappedBy: active.id, afterCallID: after)
                    if page.isEmpty { break }
                    for (callID, record) in page {
                        after = callID
                        let wrapped = WrappedDataKey(kekID: record.kekID, wrapped: record.wrappedKey)
                        let new = try store.rewrap(wrapped, to: active)
                        let replaced = try access.catalog.rewrapArchiveKey(
                            callID: callID, previousKEK: record.kekID,
                            with: ArchiveKeyRecord(kekID: new.kekID, wrappedKey: new.wrapped, fileID: record.fileID),
                            at: clock.now(),
                            audit: access.actor.draft(.keyRewrap, at: clock.now(), callID: callID,
                                                      detail: ["from": record.kekID, "to": active.id]))
                        if replaced { rewrapped += 1 }
                    }
                }
            }
            if global.json {
                try Output.json(["active": active.id, "rewrapped": "\(rewrapped)"])
            } else {
                Output.line("active key: \(active.id)" + (rewrap || rewrapOnly ? "; \(rewrapped) archive key(s) rewrapped" : ""))
                if !rewrap && !rewrapOnly { Output.line("Existing archives keep their old key until `nokchwi keys rotate --rewrap-only`; keep the old key file until then.") }
            }
        }
    }
}

struct KeyRow: Codable {
    let id: String
    let active: Bool
    let archives: Int
}
