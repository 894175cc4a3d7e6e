// IDQualifier — keeps opinion ids unique when two input files share a name (y2024/survey.csv and
// y2025/survey.csv): their ids start with the path instead of the bare file name.
import KoeCore

struct IDQualifier {
    private var stems: [String: String] = [:]

    /// `paths`: every input file of the run, as displayed.
    init(paths: [String]) {
        var byStem: [String: [String]] = [:]
        for path in paths { byStem[OpinionID.stem(path), default: []].append(path) }
        for (_, group) in byStem where Set(group).count > 1 {
            for path in group { stems[path] = Self.qualifiedStem(path) }
        }
    }

    /// The path without `./`, `../` and the extension: `../data/y2024/survey.csv` → `data/y2024/survey`.
    static func qualifiedStem(_ path: String) -> String {
        var parts = path.split(separator: "/").map(String.init).filter { $0 != "." && $0 != ".." }
        if let last = parts.popLast() { parts.append(OpinionID.stem(last)) }
        return parts.joined(separator: "/")
    }

    /// `opinion` with its id qualified when its file's name is shared by another input.
    /// The opinion is handed over and handed back (no copy when no id changes).
    func qualify(_ opinion: consuming Opinion) -> Opinion {
        guard let stem = stems[opinion.location.file] else { return opinion }
        let bare = OpinionID.stem(opinion.location.file)
        if opinion.id.hasPrefix(bare) { opinion.id = stem + opinion.id.dropFirst(bare.count) }
        return opinion
    }
}
