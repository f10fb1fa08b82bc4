import CallArchive
import CallCatalog
import CallModel
import CLITestSupport
import Foundation

extension SecurityHome {
    var home: NokchwiHome { NokchwiHome(root: URL(fileURLWithPath: path)) }

    /// Every call of the catalog with its sealed personal fields opened with the home's keys.
    func revealedCalls(_ catalog: Catalog) throws -> [Call] {
        let vault = PersonalDataVault(catalog: catalog, keys: KeyFileStore(home: home))
        return try catalog.calls(CallQuery(limit: 1000)).map { try vault.reveal($0) }
    }

    /// The bytes of the catalog as an attacker who copies it gets them: the database file and its WAL.
    func catalogBytes() throws -> Data {
        var bytes = Data()
        for suffix in ["", "-wal", "-journal"] {
            let file = path + "/catalog.sqlite" + suffix
            if FileManager.default.fileExists(atPath: file) { bytes += try Data(contentsOf: URL(fileURLWithPath: file)) }
        }
        return bytes
    }

    /// Sidecar JSON files of a demo drop folder, in name order.
    static func sidecars(_ drop: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: drop).filter { $0.hasSuffix(".json") }.sorted().compactMap { file in
            let path = drop + "/" + file
            guard let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any],
                  doc["call_id"] != nil || doc["agent"] != nil || doc["events"] != nil || doc["legs"] != nil || doc["audio"] != nil
            else { return nil }
            return path
        }
    }

    /// Changes one sidecar JSON file.
    static func edit(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
        var doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
        change(&doc)
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: path))
    }
}

extension Data {
    func contains(_ text: String) -> Bool { range(of: Data(text.utf8)) != nil }
}
