/// The audio file extensions the drop folder accepts (docs/metadata.md, "Drop folder conventions"), case-insensitive.
public enum AudioFileTypes {
    public static let extensions: Set<String> = ["wav", "au", "snd", "flac", "aif", "aiff", "caf", "w64", "rf64"]

    /// True when the path ends in one of `extensions` (any case).
    public static func isAudio(_ path: String) -> Bool {
        extensions.contains(MetaText.ext(path))
    }
}
