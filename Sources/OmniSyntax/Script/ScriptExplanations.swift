import OmniBase

/// The `omni explain` entries of the script language's codes.
public enum ScriptExplanations {
    public static let all: [Explanation] = []
}
