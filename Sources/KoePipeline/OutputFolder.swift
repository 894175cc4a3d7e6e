// OutputFolder — a run writes into a hidden work folder beside its outputs and moves the files into
// place only when everything succeeded.
import Foundation
import KoeCore

final class OutputFolder {
    let final: URL
    let url: URL
    private var committed = false

    init(final: URL) throws {
        self.final = final
        url = final.appendingPathComponent(".koe-work")
        let manager = FileManager.default
        try? manager.removeItem(at: url)
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw KoeError(
                code: "output-unwritable", message: "出力フォルダを作れません: \(final.path)",
                hint: "フォルダの場所と書き込み権限を確認してください")
        }
    }

    /// Moves every file of the work folder into the output folder (replacing the previous run's).
    func commit() throws {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names.sorted() {
            let target = final.appendingPathComponent(name)
            try? manager.removeItem(at: target)
            do {
                try manager.moveItem(at: url.appendingPathComponent(name), to: target)
            } catch {
                throw KoeError(
                    code: "output-unwritable", message: "出力ファイルを置き換えられません: \(target.path)",
                    hint: "Excel などで開いたままになっていないか確認してください")
            }
        }
        committed = true
        try? manager.removeItem(at: url)
    }

    /// Removes the work folder (after a failure the previous outputs stay as they were).
    func discard() {
        if !committed { try? FileManager.default.removeItem(at: url) }
    }
}
