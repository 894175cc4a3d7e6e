// ChosenPlan — `quotes: {chosen: true}`: the quotes the plan team chose in koe serve (the previous run's
// workspace), matched to this run's opinions by id and text hash, printed instead of koe's own selection; a
// choice whose opinion text changed (or that is gone, or no longer tagged) is left out until chosen again.
import Foundation
import KoeCore
import KoeQuotes
import KoeWorkspace

/// The previous workspace's `use` choices and hand masks, and this run's candidates for them.
final class ChosenPlan {
    private let choices: [(area: String, id: String, hash: String)]
    private let ids: Set<String>
    private let masks: [String: [String]]
    private var candidates: [String: QuoteCandidate] = [:]

    /// Reads `workspace` (the output folder's koe.sqlite before this run replaces it); nil when there is none.
    init?(workspace: URL) {
        guard FileManager.default.fileExists(atPath: workspace.path),
            let db = try? SQLiteDatabase(url: workspace, readOnly: true), (try? ChoiceTables.exist(in: db)) == true,
            let statement = try? db.prepare(
                "SELECT area, opinion_id, text_sha256 FROM choices WHERE choice = 'use' AND changed = 0 ORDER BY seq")
        else { return nil }
        var choices: [(String, String, String)] = []
        while (try? statement.next()) == true {
            choices.append((statement.text(0) ?? "", statement.text(1) ?? "", statement.text(2) ?? ""))
        }
        var masks: [String: [String]] = [:]
        if let spans = try? db.prepare("SELECT opinion_id, span FROM extra_masks ORDER BY seq") {
            while (try? spans.next()) == true { masks[spans.text(0) ?? "", default: []].append(spans.text(1) ?? "") }
        }
        self.choices = choices
        self.masks = masks
        ids = Set(choices.map(\.1))
    }

    /// Keeps this run's candidate of a chosen opinion whose text is unchanged.
    func offer(_ candidate: QuoteCandidate) {
        guard ids.contains(candidate.id),
            let choice = choices.first(where: { $0.id == candidate.id }), ChoiceTables.textHash(candidate.text) == choice.hash
        else { return }
        var masked = candidate
        masked.text = ChoiceTables.applyMasks(masks[candidate.id] ?? [], to: candidate.text, mask: Masker.mask)
        candidates[candidate.id] = masked
    }

    /// Per area (codes of this run's plan), the chosen quotes in the order they were chosen.
    func quotes(areas: [PlanArea], group: (String) -> (id: String, size: Int)?) -> [String: [QuoteCandidate]] {
        let known = Set(areas.map(\.code))
        var out: [String: [QuoteCandidate]] = [:]
        for choice in choices where known.contains(choice.area) {
            guard var candidate = candidates[choice.id] else { continue }
            if let g = group(choice.id) {
                candidate.group = g.id
                candidate.groupSize = g.size
            }
            out[choice.area, default: []].append(candidate)
        }
        return out
    }
}
