import OmniBase

/// "Did you mean" for sema: `Suggestions.bestMatch`, plus swapped neighbouring letters
/// (`cuont` → `count`, `lable` → `label`) counted as one edit.
enum Suggestions {
    static func bestMatch(for name: String, in candidates: some Sequence<String>) -> String? {
        let list = Array(candidates)
        if let m = EditDistance.bestMatch(for: name, in: list) { return m }
        let limit = max(1, name.unicodeScalars.count / 3)
        var best: (Int, String)?
        for c in list where c != name {
            let d = transposingDistance(name, c)
            guard d <= limit else { continue }
            if best == nil || d < best!.0 || (d == best!.0 && c < best!.1) { best = (d, c) }
        }
        return best?.1
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
    static func transposingDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
