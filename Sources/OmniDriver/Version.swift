/// The version `omni --version` prints.
public enum OmniVersion {
    public static let current = "0.1.0"
}
