/// The tool's version, written into every archive's OpusTags and every pipeline run.
public enum NokchwiVersion {
    public static let current = "0.1.0"
}
