// `koe quotes --chosen` — the quotes the plan team chose in koe serve, in plan order under their area, masked
// (with the hand masks) and attributed as quotes.md prints them; choices whose text changed are listed on
// stderr to be looked at again, never printed as if still valid.
import Foundation
import KoeCore
import KoeFormats
import KoeQuotes
import KoeRender
import KoeWorkspace

struct ChosenQuotesPrinter {
    let workspace: QuoteWorkspace
    let format: QuoteListFormat

    func print() throws {
        let chosen = try workspace.chosenQuotes()
        let names = try areaNames()
        let writer = QuoteListWriter(format: format == .csv ? .jsonl : format, attribution: try workspace.attributionGuard())
        var lastArea: String?
        if format == .csv {
            Swift.print("\u{FEFF}area,id,text,attribution,similar,confirmed")
        }
        for c in chosen where !c.changed {
            var quote = c.quote
            quote.candidate.text = ChoiceTables.applyMasks(c.extraMasks, to: quote.candidate.text, mask: Masker.mask)
            var lines = writer.lines([quote])
            lines = lines.map { ChoiceTables.applyMasks(c.extraMasks, to: $0, mask: Masker.mask) }
            switch format {
            case .text, .md:
                if c.area != lastArea {
                    if lastArea != nil { Swift.print("") }
                    Swift.print(format == .md ? "## \(c.area) \(names[c.area] ?? "")\n" : "【\(c.area) \(names[c.area] ?? "")】")
                }
                lines.forEach { Swift.print($0) }
            case .jsonl:
                // The area the quote was chosen for, first.
                var area = JSONObject()
                area.add("area", c.area)
                lines.forEach { Swift.print(String(area.text.dropLast()) + "," + $0.dropFirst()) }
            case .csv:
                let printed = PrintedQuote(quote.candidate, masker: Masker(), attribution: try workspace.attributionGuard())
                let cells: [CSVCell] = [
                    .text(c.area), .text(printed.id), .text(ChoiceTables.applyMasks(c.extraMasks, to: printed.text, mask: Masker.mask)),
                    .text(printed.attribution), .integer(printed.groupSize), .integer(c.confirmed ? 1 : 0),
                ]
                Swift.print(cells.map(CSVWriter.render).joined(separator: ","))
            }
            lastArea = c.area
        }
        let changed = chosen.filter(\.changed)
        if !changed.isEmpty {
            Terminal.status(
                "本文が変わったため表示しなかった採用が \(changed.count) 件あります（koe serve で読み直して選び直してください）: "
                    + changed.map { "\($0.quote.candidate.id)（分野 \($0.area)）" }.joined(separator: "、"))
        }
        if chosen.isEmpty { Terminal.status("採用した意見はまだありません（koe serve の引用デスクで選べます）") }
    }

    private func areaNames() throws -> [String: String] {
        let statement = try workspace.database.prepare("SELECT code, name FROM areas")
        var out: [String: String] = [:]
        while try statement.next() { out[statement.text(0) ?? ""] = statement.text(1) ?? "" }
        return out
    }
}
