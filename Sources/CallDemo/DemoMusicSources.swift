import Foundation

/// Where the demo's music on hold comes from: Asterisk's opsound tracks (`DemoDataOptions.mohDirectory`) and other
/// folders of music (`DemoDataOptions.musicDirectories`), one source each, so that holds play music from several
/// unrelated sources. By default the other folders are the subfolders of the music library named by
/// `NOKCHWI_DEMO_MUSIC` (`Benchmarks/hold-music.sh` builds one from Debian's music packages, whose Ogg files it
/// converts to 8 kHz WAV: recordings are read as call recorders write them, never Ogg); unset (a fresh machine, CI),
/// the calls are exactly those of opsound alone.
public enum DemoMusicSources {
    /// The environment variable naming the music library (a folder of folders of WAV files).
    public static let environmentKey = "NOKCHWI_DEMO_MUSIC"
    /// Audio files read from a music folder.
    static let extensions: Set<String> = ["wav", "flac"]
    /// Tracks taken from one extra folder (spread over its sorted files): enough variety, bounded load time.
    public static let tracksPerSource = 6
    /// Seconds of each extra track kept (read from its start).
    static let secondsPerTrack = 120

    /// The sources of the library in `NOKCHWI_DEMO_MUSIC` (none when it is unset).
    public static func fromEnvironment() -> [String] {
        ProcessInfo.processInfo.environment[environmentKey].map(library(at:)) ?? []
    }

    /// The folders of a music library holding audio files (itself when it holds some directly), sorted by name.
    public static func library(at folder: String) -> [String] {
        if !audioFiles(in: folder).isEmpty { return [folder] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { folder + "/" + $0 }.filter { !audioFiles(in: $0).isEmpty }
    }

    /// Audio files directly in `directory`, sorted by name.
    static func audioFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
    }

    /// `count` of `files`, evenly spread (all of them when there are fewer).
    static func spread(_ files: [String], count: Int) -> [String] {
        guard files.count > count, count > 0 else { return files }
        return (0..<count).map { files[$0 * files.count / count] }
    }

    /// The source's name in the truth's `mohTrack`: the folder's own name (`asterisk` for opsound's `moh`).
    static func sourceName(_ directory: String) -> String {
        let last = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        return last == "moh" ? "asterisk" : last
    }
}
