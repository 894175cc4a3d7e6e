// WorkspaceSchema — the tables of koe.sqlite (documented in docs/outputs.md), created before the load;
// indexes are built after it.
enum WorkspaceSchema {
    /// Bumped when a table changes; `koe quotes` refuses a workspace of another version.
    static let version = "3"

    static let tables = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE sources(
            source_id INTEGER PRIMARY KEY, path TEXT NOT NULL, kind TEXT, sha256 TEXT, bytes INTEGER,
            respondents INTEGER, opinions INTEGER, skipped INTEGER, rejected INTEGER, error TEXT);
        CREATE TABLE areas(
            code TEXT PRIMARY KEY, name TEXT NOT NULL, level INTEGER NOT NULL, parent TEXT, horizon TEXT,
            plan_order INTEGER NOT NULL);
        CREATE TABLE respondents(
            respondent_rowid INTEGER PRIMARY KEY, source TEXT NOT NULL, sheet TEXT, row INTEGER, respondent TEXT,
            age TEXT, gender TEXT, district TEXT, age_raw TEXT, gender_raw TEXT, district_raw TEXT, weight REAL,
            ratings TEXT);
        CREATE TABLE opinions(
            opinion_rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
            sheet TEXT, row INTEGER, column_label TEXT, column_letter TEXT, respondent TEXT, text TEXT NOT NULL,
            normalized TEXT NOT NULL, age TEXT, gender TEXT, district TEXT, type TEXT NOT NULL, type_cue TEXT,
            horizon TEXT NOT NULL, horizon_cue TEXT, tagged INTEGER NOT NULL, type_source TEXT, horizon_source TEXT,
            question TEXT, words TEXT);
        CREATE TABLE tags(opinion_rowid INTEGER NOT NULL, area TEXT NOT NULL, direct INTEGER NOT NULL);
        CREATE TABLE evidence(
            opinion_rowid INTEGER NOT NULL, area TEXT NOT NULL, keyword TEXT NOT NULL, surface TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL);
        CREATE TABLE excluded(opinion_rowid INTEGER NOT NULL, area TEXT NOT NULL, word TEXT NOT NULL);
        CREATE TABLE rejected(
            source TEXT NOT NULL, sheet TEXT, row INTEGER, column_label TEXT, code TEXT NOT NULL, reason TEXT, raw TEXT);
        CREATE TABLE summary(
            area TEXT PRIMARY KEY, name TEXT, level INTEGER, opinions INTEGER, respondents INTEGER, share REAL,
            rank INTEGER, importance REAL, importance_n INTEGER, satisfaction REAL, satisfaction_n INTEGER,
            improvement_index REAL, quadrant TEXT, workshop_notes INTEGER, weighted_share REAL,
            importance_missing INTEGER, satisfaction_missing INTEGER);
        CREATE TABLE crosstab(
            segment TEXT NOT NULL, area TEXT NOT NULL, value TEXT NOT NULL, respondents INTEGER, mentioning INTEGER,
            share REAL, expected REAL, adjusted_residual REAL, chi2 REAL, df INTEGER, p REAL, cramers_v REAL,
            min_expected REAL, fisher_p REAL, p_holm REAL);
        CREATE TABLE quotes(
            area TEXT NOT NULL, position INTEGER NOT NULL, opinion_id TEXT NOT NULL, masked_text TEXT NOT NULL,
            attribution TEXT NOT NULL, score REAL, specificity REAL, length REAL, representativeness REAL,
            type_score REAL, diversity REAL, trimmed INTEGER, group_id TEXT, group_size INTEGER, review TEXT NOT NULL);
        CREATE TABLE quote_rank(
            opinion_rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, base REAL NOT NULL, text_key INTEGER NOT NULL,
            counted TEXT NOT NULL);
        CREATE TABLE quote_common(area TEXT NOT NULL, position INTEGER NOT NULL, word TEXT NOT NULL);
        CREATE TABLE quote_common_segments(
            area TEXT NOT NULL, segment TEXT NOT NULL, value TEXT NOT NULL, position INTEGER NOT NULL, word TEXT NOT NULL,
            PRIMARY KEY (area, segment, value, position)) WITHOUT ROWID;
        CREATE TABLE attribution_cells(age TEXT, gender TEXT, district TEXT, members INTEGER NOT NULL);
        CREATE TABLE near_duplicates(opinion_id TEXT PRIMARY KEY, group_id TEXT NOT NULL, group_size INTEGER NOT NULL)
            WITHOUT ROWID;
        CREATE TABLE sessions(source TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE words(
            word TEXT NOT NULL, area TEXT NOT NULL, segment TEXT NOT NULL, value TEXT NOT NULL, frequency INTEGER NOT NULL,
            opinions INTEGER NOT NULL);
        CREATE TABLE related_words(
            area TEXT NOT NULL, word TEXT NOT NULL, jaccard REAL NOT NULL, g2 REAL NOT NULL, p REAL NOT NULL,
            is_keyword INTEGER NOT NULL);
        CREATE TABLE correspondence(
            analysis TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL, dim1 REAL NOT NULL, dim2 REAL NOT NULL);
        CREATE TABLE correspondence_inertia(analysis TEXT NOT NULL, dim INTEGER NOT NULL, share REAL NOT NULL);
        CREATE TABLE themes(
            theme INTEGER PRIMARY KEY, label TEXT NOT NULL, size INTEGER NOT NULL, keywords TEXT NOT NULL,
            representatives TEXT NOT NULL);
        CREATE TABLE theme_members(theme INTEGER NOT NULL, opinion_id TEXT NOT NULL, representative INTEGER NOT NULL);
        """ + planCycleTables

    /// The word index, made (empty) just before the indexes: it splits `words` at spaces with FTS5's built-in
    /// `ascii` tokenizer: koe's words are already normalized and folded, so every word is one search term as koe
    /// split it (and half the build time of `unicode61`, which looked up each character's Unicode class again);
    /// any SQLite client with FTS5 reads it. Its rows are built apart (WordIndexBuild, `wordIndexBuild`).
    static let wordIndex = """
        CREATE VIRTUAL TABLE opinion_words USING fts5(
            words, content = 'opinions', content_rowid = 'opinion_rowid', tokenize = "ascii", columnsize = 0);
        """

    /// Fills the word index from its content table at once. The build collects 4 MiB of terms in memory before it
    /// writes a segment (FTS5's `hashsize`, 1 MiB by default): a quarter of the segments to merge, half the
    /// build's instructions. The setting is removed from `opinion_words_config` once the index is built (it only
    /// steers writing; the table reads as before).
    static let wordIndexBuild = """
        INSERT INTO opinion_words(opinion_words, rank) VALUES ('hashsize', 4194304);
        INSERT INTO opinion_words(opinion_words) VALUES ('rebuild');
        DELETE FROM opinion_words_config WHERE k = 'hashsize';
        """

    /// Built once the rows are in (faster than maintaining them during the load), after the word index's table.
    static let indexes = """
        CREATE UNIQUE INDEX opinions_id ON opinions(id);
        CREATE INDEX quote_rank_order ON quote_rank(base DESC, id);
        CREATE INDEX opinions_source_row ON opinions(source, row);
        CREATE INDEX tags_area ON tags(area, opinion_rowid);
        CREATE INDEX tags_opinion ON tags(opinion_rowid);
        CREATE INDEX evidence_opinion ON evidence(opinion_rowid);
        CREATE INDEX respondents_source_row ON respondents(source, row);
        """

    /// Built last, by `finish`: the `near_duplicates` and `words` rows arrive at the end of the run (sorting them
    /// once is cheaper than keeping the index while they are inserted); made in the same order as before, after
    /// every index above and with no other schema object made between (the schema lists them in that order).
    static let lateIndexes = """
        CREATE INDEX near_duplicates_group ON near_duplicates(group_id);
        CREATE INDEX words_word ON words(word);
        """
}
