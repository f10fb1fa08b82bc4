import Foundation

/// What `fuzz-audio` and `fuzz-metadata` do besides fuzzing: pick the target, write seeds, replay files.
///
///     NOKCHWI_FUZZ_TARGET=sndfile fuzz-audio --write-seeds DIR   # generated seeds for the target
///     NOKCHWI_FUZZ_TARGET=sndfile fuzz-audio FILE|DIR...         # replay (plain build); libFuzzer flags (fuzz build)
public enum FuzzCommand {
    public static let environmentKey = "NOKCHWI_FUZZ_TARGET"

    /// The target chosen for this process (set once by `main` before fuzzing starts).
    nonisolated(unsafe) public static var target: FuzzTarget = .sndfile

    /// The target `NOKCHWI_FUZZ_TARGET` names (the first of `targets` when unset); exits with status 2 and a
    /// message when it names a target this binary does not have.
    public static func selectTarget(among targets: [FuzzTarget]) -> FuzzTarget {
        guard let name = ProcessInfo.processInfo.environment[environmentKey], !name.isEmpty else { return targets[0] }
        guard let chosen = FuzzTarget(rawValue: name), targets.contains(chosen) else {
            fail("\(environmentKey)=\(name) is not one of \(targets.map(\.rawValue).joined(separator: ", "))")
        }
        return chosen
    }

    /// Handles `--write-seeds DIR` and `--help`; returns the exit status, or nil when the arguments are for
    /// the fuzzer (or for replay).
    public static func handleOwnOptions(_ arguments: [String], targets: [FuzzTarget]) -> Int32? {
        let args = Array(arguments.dropFirst())
        if args.contains("--help") {
            print("""
                usage: \(environmentKey)=TARGET \(arguments.first ?? "fuzz") [--write-seeds DIR | FILE|DIR... | libFuzzer flags]
                targets: \(targets.map(\.rawValue).joined(separator: ", ")) (default \(targets[0].rawValue))
                """)
            return 0
        }
        guard let i = args.firstIndex(of: "--write-seeds") else { return nil }
        guard i + 1 < args.count else { fail("--write-seeds needs a folder") }
        do {
            let count = try FuzzSeeds.write(target, to: URL(fileURLWithPath: args[i + 1]))
            print("\(target.rawValue): wrote \(count) seed(s) to \(args[i + 1])")
            return 0
        } catch {
            fail("could not write seeds: \(error)")
        }
    }

    /// Runs every file named (folders: their files, sorted) through the target; prints one line per file.
    public static func replay(_ paths: [String]) -> Int32 {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { fail("\(path) does not exist") }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".expected") && $0 != "README.md" }
                    .sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        if files.isEmpty { print("no input files: pass files or folders to replay through \(target.rawValue)") }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
            print("\(file): \(target.run([UInt8](data)))")
        }
        return 0
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(2)
    }
}
