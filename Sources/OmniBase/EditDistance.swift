/// Edit distance and "did you mean" candidate selection, shared by every stage.
public enum EditDistance {
    /// The optimal-string-alignment distance between two strings, compared by Unicode
    /// scalars: Levenshtein's insertions, deletions and substitutions, plus a swap of two
    /// neighbouring characters as one edit (`cuont` → `count` is 1).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rolling rows: i-2, i-1 and i.
        var older = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, older[j - 2] + 1) }
                cur[j] = d
            }
            (older, prev, cur) = (prev, cur, older)
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
