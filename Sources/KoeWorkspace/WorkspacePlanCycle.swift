// WorkspacePlanCycle — the plan cycle's tables in koe.sqlite: each rated area's sufficient statistics
// (`rating_stats`, what a later wave's Welch test reads), and the comparison with the previous wave
// (`baseline_shares`, `baseline_means`, `baseline_areas`); documented in docs/outputs.md.
import KoeAnalysis
import KoeCore

extension WorkspaceSchema {
    static let planCycleTables = """
        CREATE TABLE rating_stats(area TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL, mean REAL, variance REAL);
        CREATE TABLE baseline_shares(
            area TEXT NOT NULL, segment TEXT, value TEXT, share_now REAL, share_before REAL, diff REAL, p REAL,
            mentioning_now INTEGER, respondents_now INTEGER, mentioning_before INTEGER, respondents_before INTEGER, z REAL,
            min_expected REAL);
        CREATE TABLE baseline_means(
            area TEXT NOT NULL, kind TEXT NOT NULL, mean_now REAL, mean_before REAL, diff REAL, p REAL, n_now INTEGER,
            n_before INTEGER, t REAL, df REAL);
        CREATE TABLE baseline_areas(code TEXT NOT NULL, change TEXT NOT NULL, name_now TEXT, name_before TEXT);
        CREATE TABLE baseline_words(
            word TEXT NOT NULL, direction TEXT NOT NULL, opinions_now INTEGER, opinions_before INTEGER, share_now REAL,
            share_before REAL, g2 REAL, p REAL);
        """
}

extension WorkspaceBuilder {
    /// Each rated area's importance and satisfaction as n, mean and variance.
    public func addRatingStatistics(_ stats: [RatingStatistics]) throws {
        let insert = try database.prepare("INSERT INTO rating_stats VALUES (?1, ?2, ?3, ?4, ?5)")
        try transaction {
            for s in stats {
                try insert.run([.text(s.area), .text(s.kind.rawValue), .integer(s.n), .real(s.mean), SQLiteValue(s.variance)])
            }
        }
    }

    /// The comparison with the previous wave (segment and value NULL for the whole).
    public func addBaseline(_ c: BaselineComparison) throws {
        let shares = try database.prepare(
            "INSERT INTO baseline_shares VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
        let means = try database.prepare("INSERT INTO baseline_means VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        let areas = try database.prepare("INSERT INTO baseline_areas VALUES (?1, ?2, ?3, ?4)")
        let words = try database.prepare("INSERT INTO baseline_words VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        try transaction {
            try insertBaseline(c, shares, means, areas)
            for w in c.words {
                try words.run([
                    .text(w.word), .text(w.rose ? "rose" : "fell"), .integer(w.now), .integer(w.before), .real(w.shareNow),
                    .real(w.shareBefore), .real(w.g2), .real(w.p),
                ])
            }
        }
    }

    private func insertBaseline(
        _ c: BaselineComparison, _ shares: SQLiteStatement, _ means: SQLiteStatement, _ areas: SQLiteStatement
    ) throws {
        for r in c.shares {
            try shares.run([
                .text(r.area), SQLiteValue(r.segment?.rawValue), SQLiteValue(r.value), .real(r.shareNow), .real(r.shareBefore),
                .real(r.diff), SQLiteValue(r.test?.p), .integer(r.mentioningNow), .integer(r.respondentsNow),
                .integer(r.mentioningBefore), .integer(r.respondentsBefore), SQLiteValue(r.test?.z), SQLiteValue(r.minExpected),
            ])
        }
        for r in c.means {
            try means.run([
                .text(r.area), .text(r.kind.rawValue), .real(r.now.mean), .real(r.before.mean), .real(r.diff), SQLiteValue(r.test?.p),
                .integer(r.now.n), .integer(r.before.n), SQLiteValue(r.test?.t), SQLiteValue(r.test?.df),
            ])
        }
        for a in c.changes {
            try areas.run([.text(a.code), .text(a.kind.rawValue), SQLiteValue(a.nameNow), SQLiteValue(a.nameBefore)])
        }
    }
}
