// ProgressTicker — turns a run's events into `RunProgress` reports at most ten times a second (file starts
// and the writing stage always), for the terminal display.
import Dispatch
import Foundation
import KoeCore

/// Reports progress through `report`; does nothing when it is nil.
final class ProgressTicker {
    private let report: ((RunProgress) -> Void)?
    private let start = DispatchTime.now().uptimeNanoseconds
    private var fileStart: UInt64 = 0
    private var meterBase = 0
    private var fileBytes: Int?
    private var stage = RunProgress.Stage.writing
    private var lastReport: UInt64 = 0
    private var sinceCheck = 0
    private(set) var opinions = 0

    init(_ report: ((RunProgress) -> Void)?) { self.report = report }

    /// A new file starts (always reported).
    func file(_ display: String, url: URL, index: Int, count: Int) {
        guard report != nil else { return }
        fileStart = DispatchTime.now().uptimeNanoseconds
        meterBase = ReadMeter.shared.bytes
        fileBytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        // Only CSV-like files count bytes as they are read; other readers report records only.
        let ext = url.pathExtension.lowercased()
        if !["csv", "tsv", "txt"].contains(ext) { fileBytes = nil }
        stage = .reading(file: display, index: index, count: count)
        emit(force: true)
    }

    /// One opinion read (reported when 0.1 s have passed).
    func opinion() {
        opinions += 1
        guard report != nil else { return }
        sinceCheck += 1
        if sinceCheck >= 256 {
            sinceCheck = 0
            emit(force: false)
        }
    }

    /// The writing stage starts (always reported).
    func writing() {
        stage = .writing
        emit(force: true)
    }

    private func emit(force: Bool) {
        guard let report else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        if !force && now - lastReport < 100_000_000 { return }
        lastReport = now
        report(
            RunProgress(
                stage: stage, opinions: opinions, fileBytesRead: ReadMeter.shared.bytes - meterBase, fileBytes: fileBytes,
                elapsed: Double(now - start) / 1e9, fileElapsed: Double(now - fileStart) / 1e9))
    }
}
