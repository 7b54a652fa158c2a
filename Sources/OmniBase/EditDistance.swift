/// Levenshtein distance and "did you mean" candidate selection, shared by every stage.
public enum EditDistance {
    /// The edit distance between two strings, compared by Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The closest candidate within a length-scaled threshold, or nil. Ties break alphabetically.
    /// A candidate that differs only by case always qualifies.
    public static func bestMatch(for name: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, name.unicodeScalars.count / 3)
        var best: (Int, String)?
        for c in candidates where c != name {
            let d = c.lowercased() == name.lowercased() ? 0 : distance(name, c)
            guard d <= limit else { continue }
            if best == nil || d < best!.0 || (d == best!.0 && c < best!.1) { best = (d, c) }
        }
        return best?.1
    }
}
